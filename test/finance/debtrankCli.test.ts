import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMain } from "../support/inProcess.js";
import { NRM } from "./fixtures.js";

let root: string;
const file = (name: string) => join(root, name);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "wallcast-debtrank-"));
  // The NetworkRiskMeasures README example (see fixtures.ts).
  writeFileSync(file("nrm.json"), JSON.stringify(NRM));
  writeFileSync(
    file("nobuffer.json"),
    JSON.stringify({
      nodes: [{ id: "a", buffer: 1 }, { id: "b" }],
      liabilities: [{ from: "a", to: "b", amount: 1 }],
    }),
  );
  writeFileSync(file("negative.json"), JSON.stringify({ nodes: [{ id: "a", buffer: -1 }] }));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("wallcast debtrank", () => {
  it("--json prints h by id, the additional stress and the defaults (NetworkRiskMeasures: c → 0.6642857)", async () => {
    const { code, stdout, stderr } = await runMain([
      "debtrank",
      file("nrm.json"),
      "--shock",
      '{"c": 1}',
      "--variant",
      "single-hit",
      "--json",
    ]);
    expect([code, stderr]).toEqual([0, ""]);
    const out = JSON.parse(stdout);
    expect(out.h).toEqual({ a: expect.closeTo(0.3, 14), b: expect.closeTo(0.9, 14), c: 1 });
    expect(out.additionalStress).toBeCloseTo(0.6642857, 7);
    expect(out.defaults).toEqual(["c"]);
    expect(out.additionalDefaults).toBe(0);
  });

  it("defaults to Bardoscia et al. and prints a table without --json", async () => {
    const json = await runMain([
      "debtrank",
      file("nrm.json"),
      "--shock",
      '{"a":0.1,"b":0.1,"c":0.1}',
      "--json",
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      variant: "bardoscia",
      additionalStress: expect.closeTo(61 / 70, 14),
      defaults: ["b", "c"],
    });
    const text = await runMain(["debtrank", file("nrm.json"), "--shock", '{"a":0.1,"b":0.1,"c":0.1}']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^b\s+node\s+0\.714286\s+0\.1\s+1\s+default$/m);
    expect(text.stdout).toContain("additional stress 0.871429, 2 defaults");
  });

  it("--each ranks the nodes by the stress their default causes", async () => {
    const { code, stdout } = await runMain([
      "debtrank",
      file("nrm.json"),
      "--each",
      "--variant",
      "single-hit",
      "--json",
    ]);
    expect(code).toBe(0);
    const { ranking } = JSON.parse(stdout);
    expect(
      ranking.map((r: { id: string; additionalDefaults: number }) => [r.id, r.additionalDefaults]),
    ).toEqual([
      ["a", 2],
      ["c", 0],
      ["b", 1],
    ]);
    expect(ranking[1].additionalStress).toBeCloseTo(0.6642857, 7);
  });

  it.each([
    [["--shock", '{"z": 1}'], "--shock z: unknown node id"],
    [["--shock", '{"a": 2}'], "--shock a: stress must be in [0, 1] (got 2)"],
    [["--shock", '{"a": 1}', "--variant", "pagerank"], "pagerank"],
    [[], "give either --shock or --each"],
  ])("bad flags %j exit 2 naming the problem", async (flags, message) => {
    const { code, stdout, stderr } = await runMain(["debtrank", file("nrm.json"), ...flags]);
    expect([code, stdout], stderr).toEqual([2, ""]);
    expect(stderr).toContain(message);
  });

  it("bad files exit 2 naming the file and the field", async () => {
    const missing = await runMain(["debtrank", file("nobuffer.json"), "--shock", '{"a": 1}']);
    expect([missing.code, missing.stdout]).toEqual([2, ""]);
    expect(missing.stderr).toContain("nobuffer.json");
    expect(missing.stderr).toContain("nodes[1].buffer: missing");
    const negative = await runMain(["debtrank", file("negative.json"), "--shock", "{}"]);
    expect([negative.code, negative.stdout]).toEqual([2, ""]);
    expect(negative.stderr).toContain("nodes[0].buffer");
    const absent = await runMain(["debtrank", file("absent.json"), "--shock", "{}"]);
    expect([absent.code, absent.stdout]).toEqual([2, ""]);
    expect(absent.stderr).toContain("absent.json");
  });
});
