/** The report of a run: the model `renderReportHtml` draws, and the charts it holds (also written as PNG). */

import type { Catalogue, MessageKey } from "../i18n/catalogue.js";
import { formatNumber } from "../i18n/format.js";
import type { Lang } from "../i18n/lang.js";
import { catalogue, translator } from "../i18n/translate.js";
import type { MissingData } from "../run/dataNeeds.js";
import type { ParameterRow } from "../run/parameters.js";
import type { RunCalibration, RunOutput, RunResults, ScenarioRun } from "../run/pipeline.js";
import { LOSS_PART_FIELDS, quarterMidYear, summariseScenario } from "../run/tables.js";
import { evaluateOutput, type OutputSpec, parseOutput } from "../scenario/sensitivity/outputs.js";
import type { SobolRow } from "../scenario/sensitivity/run.js";
import { leadIsClear } from "../scenario/sensitivity/sobol.js";
import type { QuantileSeries, SimulationResult } from "../scenario/simulate.js";
import { quarterDecimalYear, quarterIndex } from "../util/quarter.js";
import {
  type ChartContext,
  capabilityFan,
  defaultHeatmap,
  type FanRow,
  LOSS_PARTS,
  lossWaterfall,
  MAX_BANDS,
  type ObservedPoint,
  type RevenueSpendRow,
  renderChartSvg,
  revenueVsSpend,
  type SeriesRow,
  seriesChart,
  tornado,
  trendChart,
} from "./charts/index.js";
import { anchor, type ReportChart, type ReportModel, type ReportSection, type ReportTable } from "./html.js";
import { withInterval } from "./interval.js";
import { type ReportLocale, reportLocale } from "./locale.js";
import { executiveSummary } from "./summary.js";

/** What the report says about the run itself. */
export interface RunMeta {
  runId: string;
  createdAt: string;
  wallcastVersion: string;
  seed: number;
  paths: number;
}

/** How to build the report: its language (default English). */
export interface ReportOptions {
  lang?: Lang;
}

/** The scenario comparison table; the run-store test reads its cells back against `scenario_summary`. */
export function comparisonTable(results: RunResults, loc: ReportLocale = reportLocale()): ReportTable {
  const { t } = loc;
  return {
    caption: t("report.comparison.caption"),
    columns: [
      t("report.comparison.scenarioColumn"),
      t("report.comparison.capability"),
      t("report.comparison.capabilityRange"),
      t("report.comparison.revenue"),
      t("report.comparison.spend"),
      t("report.comparison.expectedDefaults"),
      t("report.comparison.riskiest"),
      t("report.comparison.pDefault"),
      t("report.comparison.lenderLoss"),
      t("report.comparison.totalLoss"),
    ],
    rows: results.scenarios.map((run) => {
      const s = summariseScenario(run);
      return [
        s.scenario,
        s.capabilityP50,
        `${loc.num(s.capabilityP05)} – ${loc.num(s.capabilityP95)}`,
        loc.usdCell(s.revenueUsdBPerYear),
        loc.usdCell(s.computeSpendUsdBPerYear),
        s.expectedDefaults,
        s.riskiestEntity,
        withStandardError(s.riskiestP, s.paths, loc.num),
        loc.usdCell(s.lenderLossUsdB),
        loc.usdCell(s.totalLossUsdB),
      ];
    }),
  };
}

/** Each scenario's P(default) and lender losses against the first's, path by path, with the paired and the
 * independent interval; undefined without differences (one scenario, or a run stored before them). */
export function differencesTable(
  results: RunResults,
  loc: ReportLocale = reportLocale(),
): ReportTable | undefined {
  const { t } = loc;
  const differences = results.differences ?? [];
  if (differences.length === 0) return undefined;
  const { against: first, year } = differences[0];
  const interval = ([lo, hi]: [number, number]) => `${loc.num(lo)} – ${loc.num(hi)}`;
  return {
    caption: t("report.comparison.differencesCaption", { first, year: loc.year(year) }),
    columns: [
      t("report.comparison.scenarioColumn"),
      t("report.pDefault.number"),
      t("report.comparison.here"),
      t("report.comparison.there", { first }),
      t("report.comparison.difference"),
      t("report.comparison.independent"),
    ],
    rows: differences.map((d) => [
      d.scenario,
      d.measure === "pDefault"
        ? t("report.comparison.pDefaultOf", { entity: d.subject, year: loc.year(d.year) })
        : t("report.pDefault.headlineLoss", { holder: loc.term("kind", d.subject) }),
      loc.num(d.value),
      loc.num(d.valueAgainst),
      `${loc.num(d.difference)} (${interval(d.interval)})`,
      interval(d.independentInterval),
    ]),
  };
}

function chart<T>(
  id: string,
  title: string,
  caption: string,
  draw: (data: T, context: ChartContext) => Element,
  data: T,
  width?: number,
  lang?: Lang,
): ReportChart {
  return { id, title, caption, markup: renderChartSvg(draw, data, width, lang) };
}

/** A parameter's central value by path in a scenario's appendix rows, or `fallback`. */
function central(rows: readonly ParameterRow[] | undefined, path: string, fallback: number): number {
  return rows?.find((r) => r.path === path)?.value ?? fallback;
}

/**
 * The compute-trend models above the fitted line in the four years before the start, placed on the scenario's
 * capability scale: index points = slopePerOom × OOMs of effective training compute relative to the trend at
 * the start, effective compute counting the scenario's algorithmic-efficiency growth.
 */
function observedCapability(output: RunOutput): ObservedPoint[] {
  const trend = output.results.computeTrend;
  const first = output.results.scenarios[0];
  if (!trend || !first) return [];
  const rows = output.parameters[first.id];
  const slopePerOom = central(rows, "world.capability.slopePerOom", 1);
  const efficiencyOom = Math.log10(central(rows, "world.efficiency.growthPerYear", 1));
  const t0 = quarterDecimalYear(quarterIndex(first.result.quarters[0]));
  const fitAt = (t: number) => trend.interceptLog10 + trend.slopeOomPerYear * (t - trend.centerYear);
  return trend.points
    .filter((p) => p.t >= t0 - 4 && p.t < t0 && p.log10 >= fitAt(p.t))
    .map((p) => ({
      t: p.t,
      value: slopePerOom * (p.log10 - fitAt(t0) + efficiencyOom * (p.t - t0)),
      label: p.model,
    }));
}

function appendixTables(output: RunOutput, loc: ReportLocale): ReportTable[] {
  const { t } = loc;
  const ids = Object.keys(output.parameters);
  const columns = [
    t("report.appendix.parameter"),
    t("report.appendix.value"),
    t("report.appendix.distribution"),
    t("report.appendix.unit"),
    t("report.appendix.source"),
    t("report.appendix.assumption"),
  ];
  const row = (p: ParameterRow): Array<string | number> => [
    p.path,
    p.value,
    loc.words(p.distribution),
    loc.words(p.unit),
    p.source && loc.verbatim(p.source),
    p.assumption
      ? t("report.appendix.range", {
          lo: loc.num(p.rangeLo),
          hi: loc.num(p.rangeHi),
          reason: p.reason && loc.verbatim(p.reason),
        })
      : "",
  ];
  if (ids.length === 0) return [];
  const [firstId, ...rest] = ids;
  const firstRows = output.parameters[firstId];
  const byPath = new Map(firstRows.map((p) => [p.path, JSON.stringify(p)]));
  const tables: ReportTable[] = [
    {
      caption: t("report.appendix.all", { scenario: firstId, n: loc.count(firstRows.length) }),
      columns,
      rows: firstRows.map(row),
    },
  ];
  for (const id of rest) {
    const rows = output.parameters[id];
    const paths = new Set(rows.map((p) => p.path));
    const changed = rows.filter((p) => byPath.get(p.path) !== JSON.stringify(p)).map(row);
    const removed = firstRows
      .filter((p) => !paths.has(p.path))
      .map((p) => [p.path, Number.NaN, "", "", t("report.appendix.notIn", { scenario: id }), ""]);
    tables.push({
      caption: t("report.appendix.differ", {
        scenario: id,
        n: loc.count(changed.length + removed.length),
        first: firstId,
      }),
      columns,
      rows: [...changed, ...removed],
    });
  }
  return tables;
}

/**
 * A probability estimated from `paths` paths, with its Monte Carlo standard error √(p(1 − p)/paths), each number
 * written by `format`.
 */
export function withStandardError(
  p: number,
  paths: number,
  format: (value: number) => string = formatNumber,
): string {
  return `${format(p)} ± ${format(Math.sqrt((p * (1 - p)) / paths))}`;
}

/** The largest shares, "name 0.75 · other 0.25", each name in the reader's words. */
function shareList(shares: Record<string, number> | undefined, loc: ReportLocale, top: number): string {
  return Object.entries(shares ?? {})
    .sort((x, y) => y[1] - x[1])
    .slice(0, top)
    .map(([name, share]) => `${loc.term("cause", name)} ${share.toFixed(2)}`)
    .join(" · ");
}

/** Why entities default: per scenario, each entity with P(default) ≥ 0.01 by the horizon, its main triggers and
 * its causes as shares of its defaults. */
export function triggerTable(runs: RunResults["scenarios"], loc: ReportLocale = reportLocale()): ReportTable {
  const { t } = loc;
  return {
    caption: t("report.pDefault.triggersCaption"),
    columns: [
      t("report.pDefault.scenario"),
      t("report.pDefault.entity"),
      t("report.pDefault.byHorizon"),
      t("report.pDefault.triggers"),
      t("report.pDefault.causes"),
    ],
    rows: runs.flatMap((run) =>
      Object.entries(run.result.entities)
        .map(([id, e]) => ({ id, e, p: Object.values(e.pDefaultByYear).at(-1) ?? 0 }))
        .filter(({ p }) => p >= 0.01)
        .sort((a, b) => b.p - a.p)
        .map(({ id, e, p }) => [
          run.id,
          id,
          withStandardError(p, run.result.paths, loc.num),
          shareList(e.defaultTriggers, loc, 3),
          shareList(e.defaultCauses, loc, 6),
        ]),
    ),
  };
}

/** A verdict in the reader's words, marked when it lies within the Monte Carlo error. */
function verdict(inside: boolean, undecided: boolean, loc: ReportLocale): string {
  const word = loc.t(inside ? "report.calibration.yes" : "report.calibration.no");
  return undecided ? loc.t("report.calibration.undecided", { verdict: word }) : word;
}

/** The first scenario against its sourced targets and its issuers' CDS, as `wallcast calibrate` scores it. */
export function calibrationBody(
  calibration: RunCalibration,
  loc: ReportLocale = reportLocale(),
): Omit<ReportSection, "title" | "id"> {
  const { t, num } = loc;
  const { summary } = calibration;
  const targets: ReportTable = {
    caption: t("report.calibration.targetsCaption", { scenario: calibration.scenario }),
    columns: [
      t("report.calibration.entity"),
      t("report.calibration.metric"),
      t("report.calibration.target"),
      t("report.calibration.band"),
      t("report.calibration.median"),
      t("report.calibration.interval"),
      t("report.calibration.inside"),
      t("report.calibration.source"),
    ],
    rows: calibration.scorecard.map((r) => [
      r.entity,
      `${loc.verbatim(r.metric)} ${r.year}`,
      num(r.value),
      `${num(r.band[0])}–${num(r.band[1])}`,
      `${num(r.p50)} (${num(r.p50Low)}–${num(r.p50High)})`,
      `${num(r.p05)}–${num(r.p95)}`,
      verdict(r.inside, r.undecided, loc),
      loc.verbatim(r.source),
    ]),
  };
  const credit: ReportTable = {
    caption: t("report.calibration.creditCaption"),
    columns: [
      t("report.calibration.entity"),
      t("report.calibration.cds"),
      t("report.calibration.implied"),
      t("report.calibration.model"),
      t("report.calibration.inside"),
      t("report.calibration.source"),
    ],
    rows: calibration.creditChecks.map((c) => [
      c.entity,
      loc.count(c.spreadBps),
      `${num(c.implied)} (${num(c.band[0])}–${num(c.band[1])})`,
      `${num(c.pDefault)} (${num(c.pDefaultLow)}–${num(c.pDefaultHigh)})`,
      verdict(c.inside, c.undecided, loc),
      loc.verbatim(c.source),
    ]),
  };
  return {
    text: [
      t("report.calibration.text", {
        targetsFile: loc.verbatim("calibration/targets.yaml"),
        sourcesFile: loc.verbatim("docs/sources.md"),
        command: loc.verbatim("wallcast calibrate"),
        creditFile: loc.verbatim("calibration/credit.yaml"),
        inside: loc.count(summary.inside),
        n: loc.count(summary.targets),
        undecided: loc.count(summary.undecided),
        covered: loc.count(summary.covered),
      }),
    ],
    tables: calibration.creditChecks.length > 0 ? [targets, credit] : [targets],
  };
}

/** The three parts of the model with the largest total Sobol index, each with its bootstrap interval; the first
 * marked ? when its interval reaches the second's. */
function groupCells(indices: readonly SobolRow[], loc: ReportLocale): string[] {
  const cells = [0, 1, 2].map((k) => {
    const row = indices[k];
    return row
      ? `${loc.term("group", row.factor)} ${loc.num(row.total)} (${loc.num(row.totalInterval[0])}–${loc.num(row.totalInterval[1])})`
      : "";
  });
  if (indices.length > 0 && !leadIsClear(indices)) cells[0] += " ?";
  return cells;
}

/** Each scenario's driver outputs with its result, `keep` choosing which. */
function driverRows(
  results: RunResults,
  keep: (spec: OutputSpec) => boolean,
  row: (run: ScenarioRun, spec: OutputSpec, groups: string[]) => string[],
  loc: ReportLocale,
): string[][] {
  return results.drivers.flatMap((d) => {
    const run = results.scenarios.find((s) => s.id === d.scenario);
    if (!run) return [];
    return d.outputs.flatMap((o) => {
      const spec = parseOutput(o.output);
      return keep(spec) ? [row(run, spec, groupCells(o.sobol?.indices ?? [], loc))] : [];
    });
  });
}

/** What drives each scenario's headline P(default): its riskiest lab's and cloud's, with a 95% Monte Carlo
 * interval, and the parts of the model by total Sobol index. */
export function driversTable(
  results: RunResults,
  loc: ReportLocale = reportLocale(),
): ReportTable | undefined {
  const { t } = loc;
  const rows = driverRows(
    results,
    (spec) => spec.kind === "pDefault",
    (run, spec, groups) => {
      const { entity, year } = spec as Extract<OutputSpec, { kind: "pDefault" }>;
      const p = run.result.entities[entity]?.pDefaultByYear[year] ?? Number.NaN;
      return [
        run.id,
        t("report.pDefault.entityBy", { entity, year: loc.year(year) }),
        withInterval(p, run.result.paths, loc.num),
        ...groups,
      ];
    },
    loc,
  );
  return driverTable(results, rows, "report.pDefault.driversCaption", ["of", "withInterval"], loc);
}

/** A drivers table of `rows` under `caption` (given the design's size), its second and third columns named by
 * `columns`; undefined without rows. */
function driverTable(
  results: RunResults,
  rows: string[][],
  caption: MessageKey,
  columns: ["of" | "number", "withInterval" | "mean"],
  loc: ReportLocale,
): ReportTable | undefined {
  const { t } = loc;
  const first = results.drivers[0];
  if (!first || rows.length === 0) return undefined;
  return {
    caption: t(caption, { samples: loc.count(first.samples), paths: loc.count(first.paths) }),
    columns: [
      t("report.pDefault.scenario"),
      ...columns.map((c) => t(`report.pDefault.${c}`)),
      t("report.pDefault.first"),
      t("report.pDefault.second"),
      t("report.pDefault.third"),
    ],
    rows,
  };
}

/** What drives each scenario's other headline numbers — the worst-hit lenders' loss, lab revenue and capability
 * by the horizon, each the run's own mean — from the same design as `driversTable`. */
export function headlineDriversTable(
  results: RunResults,
  loc: ReportLocale = reportLocale(),
): ReportTable | undefined {
  const { t } = loc;
  const label = (spec: OutputSpec): string =>
    spec.kind === "loss"
      ? t("report.pDefault.headlineLoss", { holder: loc.term("kind", spec.lossKind) })
      : spec.kind === "revenue"
        ? t("report.pDefault.headlineRevenue", { year: loc.year(spec.year) })
        : t("report.pDefault.headlineCapability", { year: loc.year((spec as { year: string }).year) });
  const rows = driverRows(
    results,
    (spec) => spec.kind === "loss" || spec.kind === "revenue" || spec.kind === "capability",
    (run, spec, groups) => [run.id, label(spec), loc.num(evaluateOutput(run.result, spec)), ...groups],
    loc,
  );
  return driverTable(results, rows, "report.pDefault.headlineCaption", ["number", "mean"], loc);
}

/** The sentence that says which analyses the run left out for want of data and how to add them. */
function missingDataSentence(missing: readonly MissingData[], loc: ReportLocale): string {
  const datasets = [...new Set(missing.flatMap((m) => m.datasets))];
  return loc.t("report.data.missing", {
    analyses: missing
      .map((m) => loc.t(`report.data.analysis.${m.analysis}`))
      .join(loc.lang === "ja" ? "と" : " and "),
    datasets: datasets.join(", "),
    command: `wallcast data pull ${datasets.join(" ")}`,
  });
}

/** Builds the report model of a run, in `options.lang` (default English). */
export function buildReport(output: RunOutput, meta: RunMeta, options: ReportOptions = {}): ReportModel {
  const lang = options.lang ?? "en";
  const loc = reportLocale(lang, true);
  const { t } = loc;
  const english = translator("en");
  // Each section's anchor comes from its English title, so a translated report keeps the same links.
  const section = (key: SectionKey, body: Omit<ReportSection, "title" | "id">): ReportSection => ({
    title: t(`report.section.${key}`),
    id: anchor(english(`report.section.${key}`)),
    ...body,
  });
  const { results } = output;
  const runs = results.scenarios;
  const fanRows: FanRow[] = runs.flatMap((run) =>
    run.result.quarters.map((q, k) => ({
      scenario: run.id,
      t: quarterMidYear(q),
      p05: run.result.capability.p05[k],
      p25: run.result.capability.p25[k],
      p50: run.result.capability.p50[k],
      p75: run.result.capability.p75[k],
      p95: run.result.capability.p95[k],
    })),
  );
  const observed = observedCapability(output);
  const revenueRows: RevenueSpendRow[] = runs.flatMap((run) =>
    run.result.quarters.flatMap((q, k) => [
      { scenario: run.id, t: quarterMidYear(q), series: "revenue", usdBillions: run.result.revenue.p50[k] },
      {
        scenario: run.id,
        t: quarterMidYear(q),
        series: "compute spend",
        usdBillions: run.result.computeSpend.p50[k],
      },
    ]),
  );
  const lossRows = runs.flatMap((run) =>
    Object.entries(run.result.losses).flatMap(([holder, loss]) =>
      LOSS_PART_FIELDS.map(([, field], k) => ({
        scenario: run.id,
        holder,
        part: LOSS_PARTS[k],
        usdBillions: loss[field],
      })),
    ),
  );
  const sections: ReportSection[] = [];
  const drivers = driversTable(results, loc);
  const headlineDrivers = headlineDriversTable(results, loc);

  sections.push(section("summary", { text: executiveSummary(output, loc) }));

  sections.push(
    section("comparison", {
      text: [
        t("report.comparison.text", {
          n: loc.count(runs.length),
          paths: loc.count(meta.paths),
          seed: meta.seed,
        }),
        ...runs.map((run) =>
          t("report.comparison.scenario", {
            scenario: run.id,
            description: loc.verbatim(run.description || run.name),
          }),
        ),
        ...results.notes.map(loc.verbatim),
      ],
      tables: [comparisonTable(results, loc), differencesTable(results, loc)].filter(
        (x): x is ReportTable => x !== undefined,
      ),
    }),
  );

  sections.push(
    section("capability", {
      charts: [
        chart(
          "capability-fan",
          t("report.capability.title"),
          t("report.capability.caption", { scenario: runs[0].id }),
          capabilityFan,
          { rows: fanRows, observed, yLabel: t("report.capability.axis"), facet: runs.length > 1 },
          undefined,
          lang,
        ),
      ],
    }),
  );

  sections.push(
    section("revenue", {
      charts: [
        chart(
          "revenue-spend",
          t("report.revenue.title"),
          t("report.revenue.caption"),
          revenueVsSpend,
          revenueRows,
          Math.max(720, 170 * runs.length),
          lang,
        ),
      ],
    }),
  );

  // Median and 5–95% band of a world series, one line per scenario.
  const worldRows = (pick: (r: SimulationResult) => QuantileSeries): SeriesRow[] =>
    runs.flatMap((run) =>
      run.result.quarters.map((q, k) => {
        const s = pick(run.result);
        return { series: run.id, t: quarterMidYear(q), value: s.p50[k], lo: s.p05[k], hi: s.p95[k] };
      }),
    );
  const banded = runs.length <= MAX_BANDS;
  sections.push(
    section("power", {
      charts: [
        chart(
          "power-demand",
          t("report.power.title"),
          t("report.power.caption", {
            bands: t(banded ? "report.power.bands" : "report.power.bandsStored"),
          }),
          seriesChart,
          { rows: worldRows((r) => r.powerGw), yLabel: "GW", scenarios: true },
          undefined,
          lang,
        ),
        chart(
          "stranded-capacity",
          t("report.power.strandedTitle"),
          t("report.power.strandedCaption", {
            bands: t(banded ? "report.power.bands" : "report.power.strandedBandsStored"),
          }),
          seriesChart,
          { rows: worldRows((r) => r.strandedGw), yLabel: "GW", scenarios: true },
          undefined,
          lang,
        ),
      ],
    }),
  );

  sections.push(
    section("pDefault", {
      text: [t("report.pDefault.text")],
      tables: [triggerTable(runs, loc), drivers, headlineDrivers].filter(
        (x): x is ReportTable => x !== undefined,
      ),
      charts: runs.map((run) =>
        chart(
          `p-default-${run.id}`,
          t("report.pDefault.title", { scenario: run.id }),
          t("report.pDefault.caption"),
          defaultHeatmap,
          Object.entries(run.result.entities).flatMap(([entity, e]) =>
            Object.entries(e.pDefaultByYear).map(([year, p]) => ({ entity, year: Number(year), p })),
          ),
          undefined,
          lang,
        ),
      ),
    }),
  );

  if (results.calibration) sections.push(section("calibration", calibrationBody(results.calibration, loc)));

  sections.push(
    section("losses", {
      charts: [
        chart(
          "loss-waterfall",
          t("report.losses.title"),
          t("report.losses.caption"),
          lossWaterfall,
          lossRows,
          900,
          lang,
        ),
      ],
      tables: [
        {
          caption: t("report.losses.tableCaption"),
          columns: [
            t("report.losses.scenario"),
            t("report.losses.holder"),
            ...LOSS_PART_FIELDS.map(([part]) => loc.term("lossPart", part)),
            t("report.losses.total"),
            t("report.losses.totalP95"),
          ],
          rows: runs.flatMap((run) =>
            Object.entries(run.result.losses).map(([kind, l]) => [
              run.id,
              loc.term("kind", kind),
              ...[...LOSS_PART_FIELDS.map(([, field]) => l[field]), l.total, l.totalP95].map(loc.usdCell),
            ]),
          ),
        },
      ],
    }),
  );

  const sensitivityCharts: ReportChart[] = [];
  const sensitivityTables: ReportTable[] = [];
  const sensitivityText: string[] = [];
  const tornadoResult = results.tornado;
  if (tornadoResult) {
    const main = tornadoResult.outputs[0];
    sensitivityText.push(
      t("report.sensitivity.tornadoText", {
        scenario: tornadoResult.scenario,
        factors: loc.count(tornadoResult.factors),
        paths: loc.count(tornadoResult.paths),
      }),
    );
    if (main?.tornado) {
      sensitivityCharts.push(
        chart(
          "tornado",
          t("report.sensitivity.tornadoTitle", { output: main.output }),
          t("report.sensitivity.tornadoCaption", { base: loc.num(main.base) }),
          tornado,
          {
            rows: main.tornado.slice(0, 15).map((b) => ({
              parameter: b.factor.replace(/^world\./, ""),
              low: b.outputLow,
              high: b.outputHigh,
            })),
            base: main.base,
            outputLabel: main.output,
          },
          undefined,
          lang,
        ),
      );
    }
    sensitivityTables.push({
      caption: t("report.sensitivity.tornadoTableCaption"),
      columns: [
        t("report.sensitivity.output"),
        t("report.sensitivity.factor"),
        t("report.sensitivity.low"),
        t("report.sensitivity.high"),
        t("report.sensitivity.outputLow"),
        t("report.sensitivity.outputHigh"),
        t("report.sensitivity.base"),
      ],
      rows: tornadoResult.outputs.flatMap((o) =>
        (o.tornado ?? [])
          .slice(0, 5)
          .map((b) => [o.output, b.factor, b.low, b.high, b.outputLow, b.outputHigh, o.base]),
      ),
    });
  }
  if (results.reverseStress.length > 0) {
    const s0 = results.reverseStress[0];
    sensitivityText.push(
      t("report.sensitivity.stressText", {
        scenario: runs[0].id,
        year: loc.year(s0.year),
        threshold: loc.count(s0.threshold),
        paths: loc.count(s0.paths),
      }),
    );
    sensitivityCharts.push(
      chart(
        "reverse-stress",
        t("report.sensitivity.stressTitle"),
        t("report.sensitivity.stressCaption"),
        seriesChart,
        {
          rows: results.reverseStress.flatMap((s) =>
            s.evaluations.map((e) => ({ series: s.entity, t: e.shortfall, value: e.pDefault })),
          ),
          yLabel: t("report.sensitivity.stressAxis", { year: loc.year(s0.year) }),
          xLabel: t("report.sensitivity.shortfallAxis"),
          xDomain: [0, 1],
          yDomain: [0, 1],
        },
        undefined,
        lang,
      ),
    );
    sensitivityTables.push({
      caption: t("report.sensitivity.stressTableCaption"),
      columns: [
        t("report.sensitivity.entity"),
        t("report.sensitivity.year"),
        t("report.sensitivity.baseline"),
        t("report.sensitivity.breaks"),
        t("report.sensitivity.survives"),
        t("report.sensitivity.converged"),
        t("report.sensitivity.evaluations"),
      ],
      rows: results.reverseStress.map((s) => [
        s.entity,
        loc.year(s.year),
        s.pDefaultBaseline,
        s.shortfall,
        s.survivesAt,
        t("report.sensitivity.convergence", {
          answer: t(s.converged ? "report.sensitivity.yes" : "report.sensitivity.no"),
          reason: loc.term("stopReason", s.reason),
        }),
        s.iterations,
      ]),
    });
  }
  if (sensitivityCharts.length + sensitivityTables.length > 0)
    sections.push(
      section("sensitivity", { text: sensitivityText, charts: sensitivityCharts, tables: sensitivityTables }),
    );

  const dataCharts: ReportChart[] = [];
  const dataText: string[] = [];
  const trend = results.computeTrend;
  if (trend) {
    dataText.push(
      t("report.data.trendText", {
        selection: known(trend.selection, "report.data.trendSelection", loc),
        n: loc.count(trend.n),
        growth: loc.num(trend.growthPerYear),
        lo: loc.num(trend.ci90[0]),
        hi: loc.num(trend.ci90[1]),
        months: loc.num(trend.doublingMonths),
        r2: loc.num(trend.r2),
      }),
    );
    dataCharts.push(
      chart(
        "compute-trend",
        t("report.data.trendTitle"),
        t("report.data.trendCaption"),
        trendChart,
        {
          points: trend.points.map((p) => ({ t: p.t, log10: p.log10, label: p.model })),
          line: trend.line,
          yLabel: t("report.data.trendAxis"),
        },
        undefined,
        lang,
      ),
    );
  }
  const gap = results.frontierGap;
  if (gap && gap.rows.length > 0) {
    const last = gap.rows[gap.rows.length - 1];
    const bandedRows = gap.rows.filter((g) => Number.isFinite(g.usLeadLo) && Number.isFinite(g.usLeadHi));
    const atEdge = bandedRows.filter(
      (g) => Math.min(g.usLeadMonths - g.usLeadLo, g.usLeadHi - g.usLeadMonths) < 1e-9,
    ).length;
    dataText.push(
      t("report.data.gapText", {
        measure: known(gap.measure, "report.data.gapMeasure", loc),
        date: loc.date(last.date),
        leader: last.leader ? loc.term("bloc", last.leader) : t("report.data.noLeader"),
        months: loc.num(last.months),
        level: `${loc.num(gap.level * 100)}%`,
        lo: loc.num(last.usLeadLo),
        hi: loc.num(last.usLeadHi),
        bootstrap: loc.count(gap.bootstrap),
      }),
    );
    dataCharts.push(
      chart(
        "frontier-gap",
        t("report.data.gapTitle"),
        t("report.data.gapCaption", {
          atEdge: loc.count(atEdge),
          banded: loc.count(bandedRows.length),
        }),
        seriesChart,
        {
          rows: gap.rows
            .filter((g) => Number.isFinite(g.usLeadMonths))
            .map((g) => ({
              series: t("report.data.usLead"),
              t: g.t,
              value: g.usLeadMonths,
              ...(Number.isFinite(g.usLeadLo) && Number.isFinite(g.usLeadHi)
                ? { lo: g.usLeadLo, hi: g.usLeadHi }
                : {}),
            })),
          yLabel: t("report.data.months"),
        },
        undefined,
        lang,
      ),
    );
  }
  if (results.missingData.length > 0) dataText.push(missingDataSentence(results.missingData, loc));
  if (dataText.length > 0) sections.push(section("data", { text: dataText, charts: dataCharts }));

  sections.push(section("terms", { tables: [glossaryTable(loc)] }));

  sections.push(
    section("appendix", {
      folded: true,
      text: [t("report.appendix.text")],
      tables: appendixTables(output, loc),
    }),
  );

  return {
    lang,
    title: t("report.heading"),
    meta: [
      t("report.metaRun", { runId: meta.runId, createdAt: loc.date(meta.createdAt) }),
      t("report.metaVersion", {
        version: meta.wallcastVersion,
        seed: meta.seed,
        paths: loc.count(meta.paths),
      }),
    ],
    sections,
  };
}

/** The report's sections, by their key in the catalogue. */
type SectionKey = keyof Catalogue["report"]["section"];

/** A text the analyses write in English: the reader's words when it is the one the catalogue knows, else quoted. */
function known(text: string, key: MessageKey, loc: ReportLocale): string {
  return text === translator("en")(key) ? loc.t(key) : loc.verbatim(text);
}

/** Every chart of a report model, in order. */
export function reportCharts(model: ReportModel): ReportChart[] {
  return model.sections.flatMap((s) => s.charts ?? []);
}

/** The terms and units the report uses, each explained once, in the catalogue's order. */
function glossaryTable(loc: ReportLocale): ReportTable {
  return {
    caption: loc.t("report.terms.caption"),
    columns: [loc.t("report.terms.term"), loc.t("report.terms.meaning")],
    rows: Object.values(catalogue(loc.lang).report.glossary).map((entry) => [entry.term, entry.meaning]),
    alignNumbers: false,
  };
}
