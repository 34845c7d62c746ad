import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  capabilityFan,
  defaultHeatmap,
  driversTable,
  formatNumber,
  headlineDriversTable,
  lossWaterfall,
  renderChartSvg,
  renderReportHtml,
  scenarioColors,
  seriesChart,
  svgToPng,
  tornado,
  triggerTable,
  waterfallSteps,
  withInterval,
  yearTicks,
} from "../../src/report/index.js";
import { checkPage } from "../support/browser.js";

const dir = mkdtempSync(join(tmpdir(), "wallcast-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cells = ["OpenAI", "CoreWeave"].flatMap((entity) =>
  [2026, 2027, 2028].map((year) => ({ entity, year, p: (year - 2025) / 10 })),
);
const fan = [2026, 2026.25, 2026.5].map((t, i) => ({
  scenario: "default",
  t,
  p05: i,
  p25: i + 1,
  p50: i + 2,
  p75: i + 3,
  p95: i + 4,
}));

describe("report rendering", () => {
  it("renderChartSvg() draws a heat map cell per entity-year with its probability", () => {
    const svg = renderChartSvg(defaultHeatmap, cells);
    expect(svg.match(/<rect/g)?.length).toBeGreaterThanOrEqual(6);
    expect(svg).toContain(">0.30<");
    expect(svg).toContain("CoreWeave");
  });

  it("waterfallSteps() floats each part from where the parts before it ended and closes on the total", () => {
    const rows = [
      { scenario: "a", holder: "bank", part: "direct", usdBillions: 3 },
      { scenario: "a", holder: "pension", part: "direct", usdBillions: 2 },
      { scenario: "a", holder: "bank", part: "clearing", usdBillions: 4 },
      { scenario: "a", holder: "bank", part: "mark-to-market", usdBillions: 1 },
    ] as const;
    expect(waterfallSteps([...rows]).map((s) => [s.step, s.x1, s.x2])).toEqual([
      ["direct", 0, 5],
      ["clearing", 5, 9],
      ["default-cost", 9, 9],
      ["fire-sale", 9, 9],
      ["mark-to-market", 9, 10],
      ["total", 0, 10],
    ]);
    const svg = renderChartSvg(lossWaterfall, [...rows]);
    // Two visible floating parts, the mark-to-market sliver and the total: a bar each, labelled with its own loss.
    expect(svg).toContain(">10<");
    expect(svg).toContain(">4<");
  });

  it("svgToPng() rasterises a Plot figure with a legend to a PNG", () => {
    const png = svgToPng(
      renderChartSvg(lossWaterfall, [
        { scenario: "default", holder: "pension", part: "direct", usdBillions: 3 },
      ]),
    );
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.length).toBeGreaterThan(2000);
  });

  it("svgToPng() heads a chart without a title of its own with the given one (24 px, ×2)", () => {
    const markup = renderChartSvg(defaultHeatmap, cells);
    const height = (png: Buffer) => png.readUInt32BE(20);
    expect(height(svgToPng(markup, 2, "P(default) by entity and year")) - height(svgToPng(markup))).toBe(48);
  });

  it("formatNumber() keeps 3 significant digits and marks non-finite values", () => {
    expect(formatNumber(0.123456)).toBe("0.123");
    expect(formatNumber(123456.7)).toBe("123,457");
    expect(formatNumber(Number.NaN)).toBe("–");
    expect(formatNumber(-Infinity)).toBe("−∞");
    expect(formatNumber(2e-7)).toBe("2.00e-7");
  });

  it("the HTML report renders every chart in Chromium with no console errors", async () => {
    const html = renderReportHtml({
      title: "test report",
      meta: ["seed 1"],
      sections: [
        {
          title: "Results",
          text: ["<script>alert(1)</script> is escaped"],
          charts: [
            {
              id: "fan",
              title: "Capability",
              caption: "fan",
              markup: renderChartSvg(capabilityFan, { rows: fan, yLabel: "index" }),
            },
            {
              id: "heat",
              title: "P(default)",
              caption: "heat",
              markup: renderChartSvg(defaultHeatmap, cells),
            },
            {
              id: "tornado",
              title: "Tornado",
              caption: "swing",
              markup: renderChartSvg(tornado, {
                rows: [{ parameter: "g", low: 0.1, high: 0.4 }],
                base: 0.2,
                outputLabel: "p",
              }),
            },
          ],
          tables: [{ caption: "t", columns: ["a", "b"], rows: [["x", 1.5]] }],
        },
      ],
    });
    expect(html).not.toContain("<script>");
    const path = join(dir, "report.html");
    writeFileSync(path, html);
    const page = await checkPage(path);
    expect(page.errors).toEqual([]);
    expect(page.title).toBe("test report");
    expect(page.renderedCharts.sort()).toEqual(["fan", "heat", "tornado"]);
  });

  it("opens with a table of contents linking each section by its anchor", () => {
    const html = renderReportHtml({
      title: "t",
      meta: [],
      sections: [
        { title: "P(default) by year" },
        { title: "Appendix: parameters" },
        { title: "P(default) by year" },
      ],
    });
    const links = [...html.matchAll(/<li><a href="#([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ["p-default-by-year", "P(default) by year"],
      ["appendix-parameters", "Appendix: parameters"],
      ["p-default-by-year-2", "P(default) by year"],
    ]);
    for (const [id] of links) expect(html).toContain(`<section id="${id}">`);
  });

  it("folds a section into a closed <details> under its heading, its tables inside", () => {
    const html = renderReportHtml({
      title: "t",
      meta: [],
      sections: [
        { title: "Open", tables: [{ caption: "a", columns: ["x"], rows: [["1"]] }] },
        { title: "Appendix", folded: true, tables: [{ caption: "b", columns: ["y"], rows: [["2"]] }] },
      ],
    });
    const appendix = html.slice(html.indexOf("<h2>Appendix</h2>"));
    expect(appendix).toMatch(
      /^<h2>Appendix<\/h2>\n<details><summary>show<\/summary>[\s\S]*<caption>b<\/caption>[\s\S]*<\/details><\/section>/,
    );
    expect(html.slice(0, html.indexOf("<h2>Appendix</h2>"))).not.toContain("<details>");
  });
});

describe("charts for the run report", () => {
  it("capabilityFan() with facet draws one panel per scenario, in the order given", () => {
    const rows = ["b-scenario", "a-scenario"].flatMap((scenario) => fan.map((r) => ({ ...r, scenario })));
    const svg = renderChartSvg(capabilityFan, {
      rows,
      yLabel: "index",
      facet: true,
      observed: [{ t: 2026, value: 1 }],
    });
    expect(svg.indexOf(">b-scenario<")).toBeLessThan(svg.indexOf(">a-scenario<"));
    // One observed dot per panel.
    expect(svg.match(/<circle/g)?.length).toBe(2);
  });

  it("seriesChart() off a time axis marks each point and keeps the given domains", () => {
    const svg = renderChartSvg(seriesChart, {
      rows: [{ series: "x", t: 0, value: 1 }],
      yLabel: "P",
      xLabel: "shortfall",
      xDomain: [0, 1],
      yDomain: [0, 1],
    });
    expect(svg).toContain("shortfall");
    expect(svg.match(/<circle/g)?.length).toBe(1);
    expect(svg).toContain(">0.5<");
  });
});

describe("scenario colours and year ticks", () => {
  it("give each scenario the same colour whatever the others are and their order", () => {
    const all = scenarioColors(["default", "ceiling", "mine"]);
    const some = scenarioColors(["ceiling", "default"]);
    const colour = (c: { domain: string[]; range: string[] }, s: string) => c.range[c.domain.indexOf(s)];
    expect(colour(all, "default")).toBe(colour(some, "default"));
    expect(colour(all, "ceiling")).toBe(colour(some, "ceiling"));
    expect(new Set(all.range).size).toBe(3);
    expect(new Set(scenarioColors(["a", "b", "default"]).range).size).toBe(3);
  });

  it("tick whole years when the data span two of them, quarters otherwise: never one year under several ticks", () => {
    const span = yearTicks([2023.6, 2024.1, 2025.9]);
    expect(span.ticks).toEqual([2024, 2025]);
    expect(span.ticks.map(span.tickFormat)).toEqual(["2024", "2025"]);
    const short = yearTicks([2025.1, 2025.9]);
    expect(short.ticks.map(short.tickFormat)).toEqual(["2025Q2", "2025Q3", "2025Q4"]);
    const long = yearTicks([2000, 2035]);
    expect(long.ticks.length).toBeLessThanOrEqual(12);
  });

  it("draw the bands of up to three series and only the lines of more, which would blur into one", () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, s) =>
        [2026, 2027, 2028].map((t) => ({ series: `s${s}`, t, value: s, lo: s - 0.5, hi: s + 0.5 })),
      ).flat();
    const areas = (n: number) =>
      renderChartSvg(seriesChart, { rows: rows(n), yLabel: "GW" }).match(/aria-label="area"/g)?.length ?? 0;
    expect(areas(3)).toBe(1);
    expect(areas(4)).toBe(0);
  });

  it("label the US-lead chart's time axis with each year once", () => {
    const rows = Array.from({ length: 29 }, (_, k) => ({ series: "US lead", t: 2023.5 + k / 12, value: 6 }));
    const svg = renderChartSvg(seriesChart, { rows, yLabel: "months" });
    const labels = [...svg.matchAll(/<text[^>]*>(20\d\d)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(["2024", "2025"]);
  });
});

describe("triggerTable()", () => {
  it("lists each entity with P(default) ≥ 0.01, likeliest first, with its main triggers and causes", () => {
    const entity = (p: number, triggers?: Record<string, number>, causes?: Record<string, number>) => ({
      pDefaultByYear: { "2030": p / 2, "2035": p },
      defaultTriggers: triggers,
      defaultCauses: causes,
    });
    const runs = [
      {
        id: "default",
        result: {
          paths: 100,
          entities: {
            safe: entity(0.005),
            lab: entity(0.4, { compute: 0.75, operatingCosts: 0.25 }, { illiquid: 0.5, insolvent: 0.5 }),
            cloud: entity(0.6, { notes: 1 }, { refinancingRefused: 1 }),
          },
        },
      },
    ] as unknown as Parameters<typeof triggerTable>[0];
    expect(triggerTable(runs).rows).toEqual([
      ["default", "cloud", "0.6 ± 0.049", "notes 1.00", "refinancingRefused 1.00"],
      [
        "default",
        "lab",
        "0.4 ± 0.049",
        "compute 0.75 · operatingCosts 0.25",
        "illiquid 0.50 · insolvent 0.50",
      ],
    ]);
  });
});

describe("driversTable()", () => {
  it("gives each scenario's outputs with P(default), its 95% interval and the three groups with the largest total index, a lead within the intervals marked ?", () => {
    const index = (factor: string, total: number) => ({
      factor,
      first: total,
      total,
      firstInterval: [0, 1] as [number, number],
      totalInterval: [total / 2, total * 1.5] as [number, number],
    });
    const results = {
      scenarios: [
        {
          id: "default",
          result: {
            paths: 100,
            entities: {
              lab: { pDefaultByYear: { "2035": 0.5 } },
              cloud: { pDefaultByYear: { "2035": 0.5 } },
            },
          },
        },
      ],
      drivers: [
        {
          scenario: "default",
          paths: 50,
          samples: 16,
          seed: 1,
          outputs: [
            {
              output: "pDefault:lab:2035",
              base: 0.4,
              sobol: {
                variance: 0.2,
                rows: 16,
                indices: [
                  index("revenue", 0.6),
                  index("costs", 0.4),
                  index("market", 0.1),
                  index("credit", 0.01),
                ],
              },
            },
            {
              output: "pDefault:cloud:2035",
              base: 0.3,
              sobol: { variance: 0.1, rows: 16, indices: [index("revenue", 0.9), index("costs", 0.2)] },
            },
          ],
        },
      ],
    } as unknown as Parameters<typeof driversTable>[0];
    expect(driversTable(results)?.rows).toEqual([
      [
        "default",
        "lab by 2035",
        "0.5 (0.404–0.596)",
        "revenue 0.6 (0.3–0.9) ?",
        "costs 0.4 (0.2–0.6)",
        "market 0.1 (0.05–0.15)",
      ],
      // Revenue's interval (0.45–1.35) lies above costs' (0.1–0.3): a clear lead.
      ["default", "cloud by 2035", "0.5 (0.404–0.596)", "revenue 0.9 (0.45–1.35)", "costs 0.2 (0.1–0.3)", ""],
    ]);
    expect(driversTable({ ...results, drivers: [] })).toBeUndefined();
  });

  it("gives the other headline numbers' drivers beside each one's mean in the run, from the same design", () => {
    const index = (factor: string, total: number, lo: number, hi: number) => ({
      factor,
      first: total,
      total,
      firstInterval: [0, 1] as [number, number],
      totalInterval: [lo, hi] as [number, number],
    });
    const quarters = ["2035Q3", "2035Q4"];
    const results = {
      scenarios: [
        {
          id: "default",
          result: {
            paths: 100,
            quarters,
            entities: { lab: { pDefaultByYear: { "2035": 0.5 } } },
            losses: { bank: { total: 12.5 } },
            revenue: { mean: [100, 120] },
            capability: { mean: [4, 5] },
          },
        },
      ],
      drivers: [
        {
          scenario: "default",
          paths: 12,
          samples: 64,
          seed: 1,
          outputs: [
            { output: "pDefault:lab:2035", base: 0.4, sobol: { indices: [index("revenue", 0.8, 0.6, 1)] } },
            {
              output: "loss:bank",
              base: 10,
              sobol: { indices: [index("credit", 0.7, 0.5, 0.9), index("market", 0.2, 0.1, 0.3)] },
            },
            {
              output: "revenue:2035",
              base: 110,
              sobol: { indices: [index("revenue", 0.6, 0.4, 0.8), index("capability", 0.5, 0.3, 0.7)] },
            },
            { output: "capability:2035", base: 5, sobol: { indices: [index("capability", 1, 0.9, 1.1)] } },
          ],
        },
      ],
    } as unknown as Parameters<typeof headlineDriversTable>[0];
    const table = headlineDriversTable(results);
    expect(table?.caption).toContain("64 base samples × 12 paths each");
    expect(table?.rows).toEqual([
      [
        "default",
        "bank losses over the horizon (usdB)",
        "12.5",
        "credit 0.7 (0.5–0.9)",
        "market 0.2 (0.1–0.3)",
        "",
      ],
      [
        "default",
        "lab revenue, last quarter of 2035 annualised (usdB/yr)",
        "480",
        "revenue 0.6 (0.4–0.8) ?",
        "capability 0.5 (0.3–0.7)",
        "",
      ],
      ["default", "capability gain by the end of 2035 (index points)", "5", "capability 1 (0.9–1.1)", "", ""],
    ]);
    // The P(default) table keeps its own rows.
    expect(driversTable(results)?.rows).toHaveLength(1);
    expect(headlineDriversTable({ ...results, drivers: [] })).toBeUndefined();
  });

  it("gives a probability's 95% Wilson interval, inside [0, 1] at the ends", () => {
    // p = 0.5 on 100 paths: 0.5 ± 1.96·√(0.0025 + 0.000096)/1.0384.
    expect(withInterval(0.5, 100)).toBe("0.5 (0.404–0.596)");
    expect(withInterval(0, 100)).toBe("0 (0–0.037)");
    expect(withInterval(1, 100)).toBe("1 (0.963–1)");
  });
});
