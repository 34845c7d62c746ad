/** The report in Japanese: the same figures as the English one, and no English left outside names. */
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTargets } from "../../src/calibration/targets.js";
import { buildReport, renderReportHtml } from "../../src/report/index.js";
import { type RunOutput, runMainJob } from "../../src/run/pipeline.js";
import { resolveScenarios } from "../../src/scenario/library.js";
import { DATA } from "../support/cli.js";

const meta = { runId: "a", createdAt: "2026-12-06T20:03:10.000Z", wallcastVersion: "0", seed: 3, paths: 12 };
let output: RunOutput;
let english: string;
let japanese: string;

beforeAll(async () => {
  output = await runMainJob({
    scenarios: resolveScenarios(["default", "ceiling"]),
    ...{ paths: 12, seed: 3, threads: 2, dataDir: DATA },
    ...{ sensitivityPaths: 2, stressPaths: 6, gapBootstrap: 0, driverSamples: 2 },
  });
  english = renderReportHtml(buildReport(output, meta));
  japanese = renderReportHtml(buildReport(output, meta, { lang: "ja" }));
  // Every analysis of a run, on few paths: slow on a busy machine.
}, 400_000);

/** The raw values of the figures of each paragraph, caption and cell, in page order, each block's sorted (a
 * translation may name a block's figures in another order). */
function figureBlocks(html: string): string[][] {
  const { document } = parseHTML(html);
  return [...document.querySelectorAll("p, caption, figcaption, td, th, h1, h2, h3")].map((block) =>
    [...block.querySelectorAll("data")].map((d) => d.getAttribute("value") ?? "").sort(),
  );
}

/** The page's words: its text without scripts, styles, SVG tooltips (model names) and quotes marked untranslated. */
function pageText(html: string): string {
  const { document } = parseHTML(html);
  for (const e of document.querySelectorAll("script, style, svg title, [translate=no]")) e.remove();
  const texts: string[] = [];
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) texts.push(child.textContent ?? "");
      else walk(child);
    }
  };
  walk(document.documentElement);
  return texts.join(" ");
}

/** Names that stay as written in every language: ids of scenarios, entities, contracts, parameters and outputs. */
function namesOf(out: RunOutput): string[] {
  const r = out.results;
  const names = new Set<string>(["P(default)"]);
  for (const run of r.scenarios) {
    names.add(run.id);
    for (const [id, e] of Object.entries(run.result.entities)) {
      names.add(id);
      for (const trigger of Object.keys(e.defaultTriggers ?? {})) names.add(trigger);
    }
  }
  for (const rows of Object.values(out.parameters))
    for (const p of rows) {
      names.add(p.path);
      names.add(p.path.replace(/^world\./, ""));
    }
  for (const o of r.tornado?.outputs ?? []) names.add(o.output);
  for (const d of r.drivers) for (const o of d.outputs) names.add(o.output);
  return [...names].sort((a, b) => b.length - a.length);
}

/** Units, acronyms, people and tools the Japanese text names in Latin letters. */
const ALLOWED = new Set(
  [
    ...[
      "GW",
      "GPU",
      "FLOP",
      "USD",
      "OOM",
      "ECI",
      "EDF",
      "ABS",
      "CDS",
      "PNG",
      "UTC",
      "usdB",
      "log10",
      "Sobol",
    ],
    ...["Epoch", "Capabilities", "Index", "Eisenberg", "Noe", "Merton", "KMV", "Oracle", "Newcombe"],
    ...["wallcast", "explain", "bend"],
  ].map((w) => w.toLowerCase()),
);

describe("the report's calibration section", () => {
  it("scores the first scenario against its targets and its issuers' CDS, in both languages", () => {
    const calibration = output.results.calibration;
    expect(calibration?.scenario).toBe("default");
    expect(calibration?.scorecard).toHaveLength(loadTargets().default.length);
    expect(calibration?.creditChecks.map((c) => c.entity).sort()).toEqual(["coreweave", "oracle"]);
    for (const html of [english, japanese]) {
      const section = parseHTML(html).document.querySelector(
        "section#against-guidance-and-the-credit-market",
      );
      expect(section?.querySelectorAll("table")).toHaveLength(2);
      expect(section?.querySelectorAll("tbody tr")).toHaveLength(loadTargets().default.length + 2);
    }
  });
});

describe("the report's scenarios against the first, path by path", () => {
  it("pairs each scenario's P(default) with the first's on the same paths, in both languages", () => {
    const differences = output.results.differences ?? [];
    const byId = new Map(output.results.scenarios.map((s) => [s.id, s.result]));
    expect(differences.length).toBeGreaterThan(0);
    expect(new Set(differences.map((d) => d.measure))).toEqual(new Set(["pDefault", "meanLoss"]));
    for (const d of differences) {
      expect([d.scenario, d.against]).toEqual(["ceiling", "default"]);
      // The paths' own defaults and losses give the probabilities and means the run's counts and sums give.
      const here = byId.get("ceiling");
      const there = byId.get("default");
      if (d.measure === "pDefault") {
        expect(d.value).toBe(here?.entities[d.subject].pDefaultByYear[d.year]);
        expect(d.valueAgainst).toBe(there?.entities[d.subject].pDefaultByYear[d.year]);
      } else {
        expect(d.value).toBeCloseTo(here?.losses[d.subject]?.total ?? 0, 9);
        expect(d.valueAgainst).toBeCloseTo(there?.losses[d.subject]?.total ?? 0, 9);
      }
      expect(d.difference).toBeCloseTo(d.value - d.valueAgainst, 9);
      expect(d.interval[0]).toBeLessThanOrEqual(d.difference);
      expect(d.interval[1]).toBeGreaterThanOrEqual(d.difference);
    }
    for (const html of [english, japanese]) {
      const section = parseHTML(html).document.querySelector("section#scenario-comparison");
      expect(section?.querySelectorAll("table")).toHaveLength(2);
      expect(section?.querySelectorAll("table")[1].querySelectorAll("tbody tr")).toHaveLength(
        differences.length,
      );
    }
  });
});

describe("the report in Japanese", () => {
  it("shows the same figures as the English report, block by block", () => {
    const en = figureBlocks(english);
    const ja = figureBlocks(japanese);
    expect(en.flat().length).toBeGreaterThan(500);
    expect(ja).toEqual(en);
  });

  it("is marked Japanese and translated: the title, the contents and every section heading", () => {
    const { document } = parseHTML(japanese);
    expect(document.documentElement.getAttribute("lang")).toBe("ja");
    expect(document.querySelector("h1")?.textContent).toBe(
      "wallcast：AIのスケーリングは壁に突き当たるのか、そのとき誰が損失を負うのか",
    );
    const headings = [...document.querySelectorAll("section > h2")].map((h) => h.textContent);
    expect(headings[0]).toBe("要約");
    // Anchors stay those of the English report, so a link works in either language.
    const ids = (html: string) =>
      [...parseHTML(html).document.querySelectorAll("section")].map((s) => s.getAttribute("id"));
    expect(ids(japanese)).toEqual(ids(english));
  });

  it("has no English word left outside names, units and quotes from the scenario files", () => {
    let text = pageText(japanese);
    for (const name of namesOf(output)) text = text.replaceAll(name, " ");
    const left = [...text.matchAll(/[A-Za-z]{3,}/g)]
      .map((m) => m[0])
      .filter((w) => !ALLOWED.has(w.toLowerCase()));
    expect([...new Set(left)]).toEqual([]);
    // The check itself sees English: the English report fails it.
    expect(pageText(english)).toMatch(/Who defaults/);
  });

  it("writes money in 兆/億 ドル and years with 年", () => {
    const text = pageText(japanese);
    expect(text).toMatch(/\d(\.\d+)?兆ドル/);
    expect(text).toMatch(/[\d,]+億ドル/);
    expect(text).toMatch(/2035年までに/);
    expect(text).not.toMatch(/usdB\/yr/);
  });
});
