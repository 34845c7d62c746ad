/** `explain`: one path's story, the same path `simulate` runs. */
import { describe, expect, it } from "vitest";
import { explainPath } from "../../src/scenario/explain.js";
import { loadScenario } from "../../src/scenario/loader.js";
import { simulate } from "../../src/scenario/simulate.js";
import { runMain } from "../support/inProcess.js";

describe("explainPath()", () => {
  it("tells the story of a path on which simulate has the entity default, ending in that quarter with a trigger and a cause", async () => {
    const scenario = await loadScenario("default");
    const run = await simulate(scenario, { paths: 200, seed: 1, threads: 1, keepPaths: true });
    const story = explainPath(scenario, { entity: "coreweave", seed: 1, searchPaths: 200 });
    const summary = run.pathSummaries?.find((p) => p.path === story.path);
    // The first path on which it defaults in simulate is the one explained, with the same default quarter.
    const first = run.pathSummaries?.filter((p) => p.defaults.coreweave).sort((a, b) => a.path - b.path)[0];
    expect(story.path).toBe(first?.path);
    expect(story.defaultQuarter).toBe(summary?.defaults.coreweave);
    expect(story.quarters.at(-1)?.quarter).toBe(story.defaultQuarter);
    expect(story.trigger).not.toBeNull();
    expect(story.cause).not.toBeNull();
    expect(story.quarters.at(-1)?.events.at(-1)).toEqual({
      kind: "defaulted",
      trigger: story.trigger,
      cause: story.cause,
    });
    // Cash carries over from one quarter to the next.
    for (let t = 1; t < story.quarters.length; t++)
      expect(story.quarters[t].cashStartUsdB).toBeCloseTo(story.quarters[t - 1].cashEndUsdB, 9);
  }, 60_000);

  it("tells the contracts a power-short cloud signs during the run, with the rental clouds", async () => {
    const scenario = await loadScenario("backcast-2023");
    const story = explainPath(scenario, { entity: "microsoft", path: 0, seed: 1, uncertainty: "point" });
    const signed = story.quarters.flatMap((q) => q.events.filter((e) => e.kind === "signed"));
    expect(signed.length).toBeGreaterThan(0);
    for (const e of signed) {
      expect(e).toMatchObject({ buyer: "microsoft" });
      if (e.kind === "signed") {
        expect(["coreweave", "oracle"]).toContain(e.seller);
        expect(e.contract).toBe(`offtake:microsoft:${e.seller}`);
        expect(e.commitmentUsdB).toBeGreaterThan(0);
      }
    }
  });

  it("runs the whole horizon for a survivor and names no trigger", async () => {
    const scenario = await loadScenario("default");
    const story = explainPath(scenario, { entity: "microsoft", path: 0, seed: 1 });
    expect(story.defaultQuarter).toBeNull();
    expect(story.trigger).toBeNull();
    expect(story.quarters).toHaveLength(scenario.horizonQuarters);
  });
});

describe("wallcast explain", () => {
  it("refuses an entity the scenario does not have, in one line, with exit 2 and nothing on stdout", async () => {
    const { code, stdout, stderr } = await runMain(["explain", "default", "--entity", "openia"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("openia");
  });

  it("tells the story in Japanese with --lang ja, with the English story's numbers", async () => {
    const argv = ["explain", "default", "--entity", "coreweave", "--path", "3"];
    const en = await runMain(argv);
    const ja = await runMain([...argv, "--lang", "ja"]);
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain("期末現金");
    expect(ja.stdout).not.toMatch(/cash end|survives to|defaults in|matured/);
    const table = (text: string) =>
      text
        .split("\n")
        .slice(3)
        .join("\n")
        .match(/-?\d+\.\d+/g);
    expect(table(ja.stdout)).toEqual(table(en.stdout));
  });

  it("prints the story as JSON with --json", async () => {
    const { code, stdout } = await runMain([
      "explain",
      "default",
      "--entity",
      "oracle",
      "--path",
      "3",
      "--json",
    ]);
    expect(code).toBe(0);
    const story = JSON.parse(stdout);
    expect(story).toMatchObject({ entity: "oracle", path: 3, seed: 1, scenario: "default" });
    expect(story.quarters[0].quarter).toBe("2026Q1");
  });
});
