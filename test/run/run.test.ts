import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatNumber } from "../../src/report/index.js";
import { queryRunStore, readRunStore } from "../../src/store/index.js";
import { VERSION } from "../../src/version.js";
import { checkPage } from "../support/browser.js";
import { CLI, DATA, runCli } from "../support/cli.js";
import { runMain } from "../support/inProcess.js";

const out = mkdtempSync(join(tmpdir(), "wallcast-run-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// Small but complete: two scenarios, every analysis, few paths.
const small = [
  ...["--paths", "30", "--sensitivity-paths", "4", "--stress-paths", "10", "--gap-bootstrap", "2"],
  ...["--seed", "3", "--out", out],
];

interface RunJson {
  runId: string;
  dir: string;
  report: string;
  charts: string[];
  tables: string[];
  scenarios: Array<{ scenario: string; expectedDefaults: number }>;
  computeTrend: { n: number; growthPerYear: number } | null;
  missingData: unknown[];
}

let first: RunJson;

beforeAll(async () => {
  const run = await runMain(["run", "default", "ceiling", ...small, "--threads", "2", "--id", "a", "--json"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  first = JSON.parse(run.stdout);
}, 150_000);

/** The report's text, as a reader sees it (a figure's raw value is an attribute of its `<data>`). */
function reportText(html: string): string {
  return parseHTML(html).document.body.textContent ?? "";
}

function tableCells(html: string, captionStart: string): string[][] {
  const { document } = parseHTML(html);
  const table = [...document.querySelectorAll("table")].find((t) =>
    (t.querySelector("caption")?.textContent ?? "").startsWith(captionStart),
  );
  if (!table) throw new Error(`no table ${captionStart}`);
  return [...table.querySelectorAll("tbody tr")].map((tr) =>
    [...tr.querySelectorAll("td")].map((td) => td.textContent ?? ""),
  );
}

describe("wallcast run", () => {
  it("writes one run directory with the store, exports, report and a PNG per chart", () => {
    expect(first.runId).toBe("a");
    expect(first.missingData).toEqual([]);
    expect(readdirSync(out)).toEqual(["a"]);
    const files = readdirSync(first.dir).sort();
    expect(files).toEqual(["charts", "csv", "parquet", "report.html", "run.duckdb"]);
    expect(first.charts.sort()).toEqual(
      [
        "capability-fan",
        "compute-trend",
        "frontier-gap",
        "loss-waterfall",
        "p-default-ceiling",
        "p-default-default",
        "power-demand",
        "revenue-spend",
        "reverse-stress",
        "stranded-capacity",
        "tornado",
      ].sort(),
    );
    for (const id of first.charts) {
      const png = readFileSync(join(first.dir, "charts", `${id}.png`));
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    }
    for (const table of first.tables) {
      expect(existsSync(join(first.dir, "csv", `${table}.csv`))).toBe(true);
      expect(existsSync(join(first.dir, "parquet", `${table}.parquet`))).toBe(true);
    }
  });

  it("the report opens with a summary that answers the title for each scenario", () => {
    const { document } = parseHTML(readFileSync(first.report, "utf8"));
    const section = document.querySelector("section");
    expect(section?.querySelector("h2")?.textContent).toBe("Summary");
    const paragraphs = [...(section?.querySelectorAll("p") ?? [])].map((p) => p.textContent ?? "");
    expect(paragraphs[0]).toMatch(
      /^Does AI scaling hit a wall, and who pays if it does\? Across 2 scenarios/,
    );
    expect(paragraphs.slice(1).map((p) => p.split(" —")[0])).toEqual(["default", "ceiling"]);
    for (const p of paragraphs.slice(1))
      expect(p).toMatch(/Who defaults: .* by 2035.*Who loses: .*What decides it: /);
    // The frontier gap's caption counts the months whose estimate sits at an edge of its band.
    expect(reportText(readFileSync(first.report, "utf8"))).toMatch(
      /in \d+ of \d+ months the estimate sits at an edge of its band/,
    );
  });

  it("the report renders every chart in Chromium with no console errors", async () => {
    const page = await checkPage(first.report);
    expect(page.errors).toEqual([]);
    expect(page.renderedCharts.sort()).toEqual([...first.charts].sort());
  }, 30_000);

  it("the report reads on a 390-px phone: no wider than the screen, chart text at least 8 px", async () => {
    const page = await checkPage(first.report, 390);
    expect(page.errors).toEqual([]);
    expect(page.pageWidth).toBeLessThanOrEqual(390);
    expect(page.smallestChartText).toBeGreaterThanOrEqual(8);
  }, 30_000);

  it("stores each scenario against the first, path by path, with the probabilities of the p_default table", async () => {
    const rows = await queryRunStore(
      first.dir,
      `select d.*, p.p as p_here, q.p as p_there from scenario_differences d
         join p_default p on p.scenario = d.scenario and p.entity = d.subject and p.year = d.year
         join p_default q on q.scenario = d.against and q.entity = d.subject and q.year = d.year
       where d.measure = 'pDefault'`,
    );
    const all = await queryRunStore(
      first.dir,
      "select count(*) as n from scenario_differences where measure = 'pDefault'",
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBe(Number(all[0].n));
    for (const r of rows) {
      expect([r.scenario, r.against]).toEqual(["ceiling", "default"]);
      expect(r.value).toBeCloseTo(r.p_here as number, 12);
      expect(r.value_against).toBeCloseTo(r.p_there as number, 12);
      expect(r.low as number).toBeLessThanOrEqual(r.difference as number);
      expect(r.high as number).toBeGreaterThanOrEqual(r.difference as number);
    }
  });

  it("the report's numbers agree with the run store read back with SQL", async () => {
    const html = readFileSync(first.report, "utf8");
    const rows = tableCells(html, "Scenario comparison");
    const stored = await queryRunStore(first.dir, "select * from scenario_summary");
    expect(rows.map((r) => r[0])).toEqual(["default", "ceiling"]);
    expect(stored.map((s) => s.scenario)).toEqual(["default", "ceiling"]);
    rows.forEach((cells, i) => {
      const s = stored[i];
      expect(cells[1]).toBe(formatNumber(s.capability_p50 as number));
      expect(cells[3]).toBe(formatNumber(s.revenue_usd_b_per_year as number));
      expect(cells[5]).toBe(formatNumber(s.expected_defaults as number));
      expect(cells[6]).toBe(s.riskiest_entity);
      expect(cells[8]).toBe(formatNumber(s.lender_loss_usd_b as number));
    });
    // The summary is the tables' own aggregate: expected defaults = Σ P(default by the last year).
    const sums = await queryRunStore(
      first.dir,
      `select p.scenario, sum(p.p) as expected from p_default p join scenario_summary s
         on p.scenario = s.scenario and p.year = s.last_year group by p.scenario order by p.scenario`,
    );
    for (const row of sums) {
      const s = stored.find((x) => x.scenario === row.scenario) as Record<string, number>;
      expect(row.expected as number).toBeCloseTo(s.expected_defaults, 12);
    }
    // Losses in the report's table equal the losses table.
    const lossCells = tableCells(html, "Mean loss per path");
    const losses = await queryRunStore(
      first.dir,
      "select scenario, holder_kind, part, usd_b from losses where part = 'direct'",
    );
    for (const l of losses) {
      const cells = lossCells.find((c) => c[0] === l.scenario && c[1] === l.holder_kind);
      expect(cells?.[2]).toBe(formatNumber(l.usd_b as number));
    }
    // The stored results JSON holds the same P(default) as the table.
    const run = await readRunStore(first.dir);
    const results = run.results as {
      scenarios: Array<{
        id: string;
        result: { entities: Record<string, { pDefaultByYear: Record<string, number> }> };
      }>;
    };
    const [cell] = await queryRunStore(
      first.dir,
      "select scenario, entity, year, p from p_default where scenario = 'ceiling' order by p desc, entity limit 1",
    );
    const ceiling = results.scenarios.find((s) => s.id === "ceiling");
    expect(ceiling?.result.entities[cell.entity as string].pDefaultByYear[String(cell.year)]).toBe(cell.p);
    // Case S6 through the run: n 428, 4.68×/yr.
    expect(first.computeTrend?.n).toBe(428);
    expect(first.computeTrend?.growthPerYear.toFixed(2)).toBe("4.68");
    expect(reportText(html)).toContain("428 models, 4.68×/yr");
  });

  it("the appendix lists every number of the first scenario with its unit and a source or an assumption, and the terms are explained once", async () => {
    const rows = await queryRunStore(
      first.dir,
      "select count(*) as n, count(*) filter (where source = '' and not assumption) as bare, count(*) filter (where unit = '') as unitless from parameters where scenario = 'default'",
    );
    expect(rows[0].n as number).toBeGreaterThan(100);
    expect(rows[0].bare).toBe(0);
    expect(rows[0].unitless).toBe(0);
    const html = readFileSync(first.report, "utf8");
    expect(reportText(html)).toContain(`default: every number (${rows[0].n})`);
    for (const term of ["usdB", "OOM", "ECI", "EDF", "take-or-pay"])
      expect(html).toContain(`<td>${term}</td>`);
  });

  it("a re-run with the same seed (and another thread count) stores identical results", async () => {
    const again = await runMain([
      "run",
      "default",
      "ceiling",
      ...small,
      "--threads",
      "1",
      "--id",
      "b",
      "--json",
    ]);
    expect(again.code).toBe(0);
    const [a] = await queryRunStore(first.dir, "select results_json, parameters_json from run");
    const [b] = await queryRunStore(join(out, "b"), "select results_json, parameters_json from run");
    expect(b.results_json).toBe(a.results_json);
    expect(b.parameters_json).toBe(a.parameters_json);
  }, 150_000);

  it("runs list, show and diff read the store", async () => {
    const other = await runMain([
      ...["run", "ceiling", "--paths", "10", "--sensitivity-paths", "2", "--stress-paths", "6"],
      ...["--gap-bootstrap", "0", "--seed", "4", "--out", out, "--id", "c"],
    ]);
    expect(other.code).toBe(0);
    // The human summary ends by saying how to open the app, then the report's path.
    expect(other.stdout.trimEnd().split("\n").slice(-2)).toEqual([
      `open the web app (explore the scenarios, compare the stored runs) and the API: wallcast serve --out ${out} (then open http://127.0.0.1:8080/)`,
      `report: ${join(out, "c", "report.html")}`,
    ]);
    const [listed, shown, sameDiff, otherDiff, text, missing] = await Promise.all([
      runMain(["runs", "list", "--out", out, "--json"]),
      runMain(["runs", "show", "a", "--out", out, "--json"]),
      runMain(["runs", "diff", "a", "b", "--out", out, "--json"]),
      runMain(["runs", "diff", "a", "c", "--out", out, "--json"]),
      runMain(["runs", "diff", "a", "c", "--out", out]),
      runMain(["runs", "show", "nope", "--out", out]),
    ]);
    const list = JSON.parse(listed.stdout);
    expect(list.runs.map((r: { runId: string }) => r.runId)).toEqual(["a", "b", "c"]);
    expect(list.runs[0]).toMatchObject({ seed: 3, paths: 30, scenarios: ["default", "ceiling"] });

    const show = JSON.parse(shown.stdout);
    expect(show.summary.map((s: { scenario: string }) => s.scenario)).toEqual(["default", "ceiling"]);
    expect(show.tables.map((t: { name: string }) => t.name)).toContain("p_default");
    expect(show.report).toBe(first.report);

    const same = JSON.parse(sameDiff.stdout);
    expect(same.maxAbsDeltaP).toBe(0);
    expect(same.maxAbsDeltaLossUsdB).toBe(0);
    const [{ n }] = await queryRunStore(first.dir, "select count(*) as n from p_default");
    expect(same.pDefault).toHaveLength(n as number);

    const diff = JSON.parse(otherDiff.stdout);
    const onlyInA = diff.pDefault.filter((r: { scenario: string }) => r.scenario === "default");
    expect(onlyInA.every((r: { b: unknown; delta: unknown }) => r.b === null && r.delta === null)).toBe(true);
    const ceiling = diff.pDefault.filter((r: { scenario: string }) => r.scenario === "ceiling");
    expect(ceiling.every((r: { a: number; b: number; delta: number }) => r.delta === r.b - r.a)).toBe(true);
    expect(text.stdout).toMatch(/P\(default\) cells/);

    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/runId: no such run .*runs: a, b, c/);
  }, 150_000);

  it("an unknown scenario is an input error and writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wallcast-run-bad-"));
    try {
      const bad = await runMain(["run", "no-such-scenario", "--out", dir]);
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe("");
      expect(bad.stderr).toMatch(/scenario: neither a library scenario .* \(got "no-such-scenario"\)/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a spawned wallcast --version prints the version and exits 0", async () => {
    expect(await runCli(["--version"])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });

  it("an interrupted run (SIGINT mid-run) leaves nothing behind", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wallcast-run-int-"));
    try {
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          CLI,
          "run",
          "default",
          "--paths",
          "2000",
          "--out",
          dir,
          "--id",
          "x",
          "--threads",
          "2",
        ],
        { env: { ...process.env, WALLCAST_DATA: DATA }, stdio: "ignore" },
      );
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      const staging = join(dir, ".x.partial");
      for (let i = 0; i < 300 && !existsSync(staging); i++) await new Promise((r) => setTimeout(r, 50));
      expect(existsSync(staging)).toBe(true);
      await new Promise((r) => setTimeout(r, 500));
      child.kill("SIGINT");
      expect(await exited).toBe(130);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
