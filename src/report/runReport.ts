/** The report of a run: the model `renderReportHtml` draws, and the charts it holds (also written as PNG). */

import { missingDataMessage } from "../run/dataNeeds.js";
import type { ParameterRow } from "../run/parameters.js";
import type { RunOutput, RunResults } from "../run/pipeline.js";
import { LOSS_PART_FIELDS, quarterMidYear, summariseScenario } from "../run/tables.js";
import type { QuantileSeries, SimulationResult } from "../scenario/simulate.js";
import { quarterDecimalYear, quarterIndex } from "../util/quarter.js";
import {
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
import { formatNumber, type ReportChart, type ReportModel, type ReportTable } from "./html.js";
import { withInterval } from "./interval.js";
import { executiveSummary } from "./summary.js";

/** What the report says about the run itself. */
export interface RunMeta {
  runId: string;
  createdAt: string;
  wallcastVersion: string;
  seed: number;
  paths: number;
}

/** The scenario comparison table; the run-store test reads its cells back against `scenario_summary`. */
export function comparisonTable(results: RunResults): ReportTable {
  return {
    caption: "Scenario comparison (medians over paths unless stated; last year of the horizon)",
    columns: [
      "scenario",
      "capability gain, median",
      "capability 5–95%",
      "lab revenue, usdB/yr",
      "compute spend, usdB/yr",
      "expected defaults",
      "most likely to default",
      "P(default) ± Monte Carlo s.e.",
      "lender loss, usdB (mean)",
      "all losses, usdB (mean)",
    ],
    rows: results.scenarios.map((run) => {
      const s = summariseScenario(run);
      return [
        s.scenario,
        s.capabilityP50,
        `${formatNumber(s.capabilityP05)} – ${formatNumber(s.capabilityP95)}`,
        s.revenueUsdBPerYear,
        s.computeSpendUsdBPerYear,
        s.expectedDefaults,
        s.riskiestEntity,
        withStandardError(s.riskiestP, s.paths),
        s.lenderLossUsdB,
        s.totalLossUsdB,
      ];
    }),
  };
}

function chart<T>(
  id: string,
  title: string,
  caption: string,
  draw: (data: T, context: { document: Document; width?: number }) => Element,
  data: T,
  width?: number,
): ReportChart {
  return { id, title, caption, markup: renderChartSvg(draw, data, width) };
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

function appendixTables(output: RunOutput): ReportTable[] {
  const ids = Object.keys(output.parameters);
  const columns = ["parameter", "value", "distribution", "unit", "source", "assumption: range, reason"];
  const row = (p: ParameterRow): Array<string | number> => [
    p.path,
    p.value,
    p.distribution,
    p.unit,
    p.source,
    p.assumption ? `[${formatNumber(p.rangeLo)}, ${formatNumber(p.rangeHi)}] ${p.reason}` : "",
  ];
  if (ids.length === 0) return [];
  const [firstId, ...rest] = ids;
  const firstRows = output.parameters[firstId];
  const byPath = new Map(firstRows.map((p) => [p.path, JSON.stringify(p)]));
  const tables: ReportTable[] = [
    { caption: `${firstId}: every number (${firstRows.length})`, columns, rows: firstRows.map(row) },
  ];
  for (const id of rest) {
    const rows = output.parameters[id];
    const paths = new Set(rows.map((p) => p.path));
    const changed = rows.filter((p) => byPath.get(p.path) !== JSON.stringify(p)).map(row);
    const removed = firstRows
      .filter((p) => !paths.has(p.path))
      .map((p) => [p.path, Number.NaN, "", "", `not in ${id}`, ""]);
    tables.push({
      caption: `${id}: the ${changed.length + removed.length} numbers that differ from ${firstId} (all others are identical)`,
      columns,
      rows: [...changed, ...removed],
    });
  }
  return tables;
}

/** A probability estimated from `paths` paths, with its Monte Carlo standard error √(p(1 − p)/paths). */
export function withStandardError(p: number, paths: number): string {
  return `${formatNumber(p)} ± ${formatNumber(Math.sqrt((p * (1 - p)) / paths))}`;
}

const shareList = (shares: Record<string, number> | undefined, top = 3): string =>
  Object.entries(shares ?? {})
    .sort((x, y) => y[1] - x[1])
    .slice(0, top)
    .map(([name, share]) => `${name} ${share.toFixed(2)}`)
    .join(" · ");

/** Why entities default: per scenario, each entity with P(default) ≥ 0.01 by the horizon, its main triggers and
 * its causes as shares of its defaults. */
export function triggerTable(runs: RunResults["scenarios"]): ReportTable {
  return {
    caption:
      "Why they default: triggers (the obligation left most unpaid) and causes, shares of each entity's defaults",
    columns: [
      "scenario",
      "entity",
      "P(default) by the horizon ± Monte Carlo s.e.",
      "main triggers",
      "causes",
    ],
    rows: runs.flatMap((run) =>
      Object.entries(run.result.entities)
        .map(([id, e]) => ({ id, e, p: Object.values(e.pDefaultByYear).at(-1) ?? 0 }))
        .filter(({ p }) => p >= 0.01)
        .sort((a, b) => b.p - a.p)
        .map(({ id, e, p }) => [
          run.id,
          id,
          withStandardError(p, run.result.paths),
          shareList(e.defaultTriggers),
          shareList(e.defaultCauses, 6),
        ]),
    ),
  };
}

/** What drives each scenario's headline P(default): its riskiest lab's and cloud's, with a 95% Monte Carlo
 * interval, and the parts of the model by total Sobol index. */
export function driversTable(results: RunResults): ReportTable | undefined {
  const group = (row: { factor: string; total: number; totalInterval: [number, number] }) =>
    `${row.factor} ${formatNumber(row.total)} (${formatNumber(row.totalInterval[0])}–${formatNumber(row.totalInterval[1])})`;
  const rows = results.drivers.flatMap((d) => {
    const run = results.scenarios.find((s) => s.id === d.scenario);
    if (!run) return [];
    return d.outputs.map((o) => {
      const [, entity, year] = o.output.split(":");
      const p = run.result.entities[entity]?.pDefaultByYear[year] ?? Number.NaN;
      const indices = o.sobol?.indices ?? [];
      return [
        d.scenario,
        `${entity} by ${year}`,
        withInterval(p, run.result.paths),
        ...[0, 1, 2].map((k) => (indices[k] ? group(indices[k]) : "")),
      ];
    });
  });
  const first = results.drivers[0];
  if (!first || rows.length === 0) return undefined;
  return {
    caption: `What drives P(default), scenario by scenario: the riskiest lab and cloud, P(default) with its 95% Monte Carlo interval, and the parts of the model by total Sobol index (95% bootstrap interval; ${first.samples} base samples × ${first.paths} paths each, every uncertain number drawn)`,
    columns: ["scenario", "P(default) of", "P(default) (95% interval)", "drives most", "second", "third"],
    rows,
  };
}

/** Builds the report model of a run. */
export function buildReport(output: RunOutput, meta: RunMeta): ReportModel {
  const { results } = output;
  const runs = results.scenarios;
  const fanRows: FanRow[] = runs.flatMap((run) =>
    run.result.quarters.map((q, t) => ({
      scenario: run.id,
      t: quarterMidYear(q),
      p05: run.result.capability.p05[t],
      p25: run.result.capability.p25[t],
      p50: run.result.capability.p50[t],
      p75: run.result.capability.p75[t],
      p95: run.result.capability.p95[t],
    })),
  );
  const observed = observedCapability(output);
  const revenueRows: RevenueSpendRow[] = runs.flatMap((run) =>
    run.result.quarters.flatMap((q, t) => [
      { scenario: run.id, t: quarterMidYear(q), series: "revenue", usdBillions: run.result.revenue.p50[t] },
      {
        scenario: run.id,
        t: quarterMidYear(q),
        series: "compute spend",
        usdBillions: run.result.computeSpend.p50[t],
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
  const sections: ReportModel["sections"] = [];
  const drivers = driversTable(results);

  sections.push({ title: "Summary", text: executiveSummary(output) });

  sections.push({
    title: "Scenario comparison",
    text: [
      `${runs.length} scenarios, ${meta.paths} Monte Carlo paths each, seed ${meta.seed}. Capability is in index points above the start (one point per order of magnitude of effective training compute before any bend); money in billions of US dollars.`,
      ...runs.map((run) => `${run.id}: ${run.description || run.name}`),
      ...results.notes,
    ],
    tables: [comparisonTable(results)],
  });

  sections.push({
    title: "Capability",
    charts: [
      chart(
        "capability-fan",
        "Frontier capability by scenario",
        `5–95% and 25–75% bands and the median per scenario. Dots: frontier models of the compute trend (above its fitted line, four years before the start) placed on the same scale with ${runs[0].id}'s slope per OOM and efficiency growth.`,
        capabilityFan,
        { rows: fanRows, observed, yLabel: "index points above start", facet: runs.length > 1 },
      ),
    ],
  });

  sections.push({
    title: "Revenue against compute spend",
    charts: [
      chart(
        "revenue-spend",
        "Lab revenue and compute spend (medians)",
        "Per quarter, medians over paths; where spend stays above revenue the labs fund the gap from cash, equity rounds and debt.",
        revenueVsSpend,
        revenueRows,
        Math.max(720, 170 * runs.length),
      ),
    ],
  });

  // Median and 5–95% band of a world series, one line per scenario.
  const worldRows = (pick: (r: SimulationResult) => QuantileSeries): SeriesRow[] =>
    runs.flatMap((run) =>
      run.result.quarters.map((q, t) => {
        const s = pick(run.result);
        return { series: run.id, t: quarterMidYear(q), value: s.p50[t], lo: s.p05[t], hi: s.p95[t] };
      }),
    );
  sections.push({
    title: "Power and stranded capacity",
    charts: [
      chart(
        "power-demand",
        "Power drawn by the clouds' GPU fleets",
        `GW, median${runs.length <= MAX_BANDS ? " and 5–95% band" : " (the 5–95% bands are in the run store's world_series table)"} per scenario: the living clouds' fleets within their accounting life, at the scenario's cost per GW.`,
        seriesChart,
        { rows: worldRows((r) => r.powerGw), yLabel: "GW", scenarios: true },
      ),
      chart(
        "stranded-capacity",
        "Stranded GPU capacity",
        `GW of the living rental clouds' fleets (neoclouds, Oracle) not paid for by take-or-pay or roll-over receipts, median${runs.length <= MAX_BANDS ? " and 5–95% band" : " (bands in the run store)"}; a defaulter's fleet is sold and leaves the count.`,
        seriesChart,
        { rows: worldRows((r) => r.strandedGw), yLabel: "GW", scenarios: true },
      ),
    ],
  });

  sections.push({
    title: "Probability of default",
    text: [
      "P(defaulted by the end of the year), cumulative, per entity; one heat map per scenario. The table after them says why each entity defaults: the obligations it left most unpaid and the causes, as shares of its defaults (`wallcast explain` tells one path's story).",
    ],
    tables: drivers ? [triggerTable(runs), drivers] : [triggerTable(runs)],
    charts: runs.map((run) =>
      chart(
        `p-default-${run.id}`,
        `P(default): ${run.id}`,
        "Cells show the probability when it is at least 0.005.",
        defaultHeatmap,
        Object.entries(run.result.entities).flatMap(([entity, e]) =>
          Object.entries(e.pDefaultByYear).map(([year, p]) => ({ entity, year: Number(year), p })),
        ),
      ),
    ),
  });

  sections.push({
    title: "Losses by holder kind",
    charts: [
      chart(
        "loss-waterfall",
        "Loss waterfall",
        "Mean loss of all holders per path over the horizon, one panel per scenario, built up part by part: direct losses on fundamental defaulters, then clearing (contagion) losses, default costs, fire-sale losses and the mark-to-market fall of equity stakes, each bar floating from where the parts before it ended; the last bar is the total. The table below splits it by holder kind.",
        lossWaterfall,
        lossRows,
        900,
      ),
    ],
    tables: [
      {
        caption: "Mean loss per path over the horizon, usdB, and the 95th percentile of the total",
        columns: ["scenario", "holder kind", ...LOSS_PART_FIELDS.map(([part]) => part), "total", "total p95"],
        rows: runs.flatMap((run) =>
          Object.entries(run.result.losses).map(([kind, l]) => [
            run.id,
            kind,
            l.direct,
            l.clearing,
            l.defaultCost,
            l.fireSale,
            l.total,
            l.totalP95,
          ]),
        ),
      },
    ],
  });

  const sensitivityCharts: ReportChart[] = [];
  const sensitivityTables: ReportTable[] = [];
  const sensitivityText: string[] = [];
  const t = results.tornado;
  if (t) {
    const main = t.outputs[0];
    sensitivityText.push(
      `Tornado on ${t.scenario}: each of ${t.factors} world-level numbers moved alone across its range (distribution 5–95% or assumption range), ${t.paths} paths per point with common random numbers.`,
    );
    if (main?.tornado) {
      sensitivityCharts.push(
        chart(
          "tornado",
          `Tornado: ${main.output}`,
          `The output with each factor at its low and high end, the 15 widest swings; base ${formatNumber(main.base)}.`,
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
        ),
      );
    }
    sensitivityTables.push({
      caption: "Tornado: the five widest swings of each output",
      columns: ["output", "factor", "low", "high", "output at low", "output at high", "base"],
      rows: t.outputs.flatMap((o) =>
        (o.tornado ?? [])
          .slice(0, 5)
          .map((b) => [o.output, b.factor, b.low, b.high, b.outputLow, b.outputHigh, o.base]),
      ),
    });
  }
  if (results.reverseStress.length > 0) {
    const s0 = results.reverseStress[0];
    sensitivityText.push(
      `Reverse stress on ${runs[0].id}, for the lab and the cloud whose default is most uncertain: the smallest cut of every lab's revenue, in every quarter, that makes the entity's P(default by ${s0.year}) reach ${s0.threshold} (${s0.paths} paths per evaluation, bisection).`,
    );
    sensitivityCharts.push(
      chart(
        "reverse-stress",
        "Reverse stress: P(default) against the revenue shortfall",
        "Each dot is one Monte Carlo evaluation of the bisection.",
        seriesChart,
        {
          rows: results.reverseStress.flatMap((s) =>
            s.evaluations.map((e) => ({ series: s.entity, t: e.shortfall, value: e.pDefault })),
          ),
          yLabel: `P(default by ${s0.year})`,
          xLabel: "revenue shortfall (fraction)",
          xDomain: [0, 1],
          yDomain: [0, 1],
        },
      ),
    );
    sensitivityTables.push({
      caption: "Reverse stress answers",
      columns: [
        "entity",
        "year",
        "baseline P(default)",
        "shortfall that breaks it",
        "still survives at",
        "converged",
        "evaluations",
      ],
      rows: results.reverseStress.map((s) => [
        s.entity,
        s.year,
        s.pDefaultBaseline,
        s.shortfall,
        s.survivesAt,
        `${s.converged ? "yes" : "no"} (${s.reason})`,
        s.iterations,
      ]),
    });
  }
  if (sensitivityCharts.length + sensitivityTables.length > 0)
    sections.push({
      title: "Sensitivity and reverse stress",
      text: sensitivityText,
      charts: sensitivityCharts,
      tables: sensitivityTables,
    });

  const dataCharts: ReportChart[] = [];
  const dataText: string[] = [];
  const trend = results.computeTrend;
  if (trend) {
    dataText.push(
      `Training compute of ${trend.selection}: ${trend.n} models, ${formatNumber(trend.growthPerYear)}×/yr (90% CI ${formatNumber(trend.ci90[0])}–${formatNumber(trend.ci90[1])}), doubling every ${formatNumber(trend.doublingMonths)} months, R² ${formatNumber(trend.r2)}.`,
    );
    dataCharts.push(
      chart(
        "compute-trend",
        "Training compute of notable models",
        "log10 training compute against publication date, the OLS line and its 90% confidence band.",
        trendChart,
        {
          points: trend.points.map((p) => ({ t: p.t, log10: p.log10, label: p.model })),
          line: trend.line,
          yLabel: "log10 training compute (FLOP)",
        },
      ),
    );
  }
  const gap = results.frontierGap;
  if (gap && gap.rows.length > 0) {
    const last = gap.rows[gap.rows.length - 1];
    const banded = gap.rows.filter((g) => Number.isFinite(g.usLeadLo) && Number.isFinite(g.usLeadHi));
    const atEdge = banded.filter(
      (g) => Math.min(g.usLeadMonths - g.usLeadLo, g.usLeadHi - g.usLeadMonths) < 1e-9,
    ).length;
    dataText.push(
      `US–China frontier gap on the ${gap.measure}: at ${last.date} the ${last.leader || "no"} frontier leads by ${formatNumber(last.months)} months (US lead ${formatNumber(gap.level * 100)}% interval ${formatNumber(last.usLeadLo)} to ${formatNumber(last.usLeadHi)} months, ${gap.bootstrap} bootstrap replicates).`,
    );
    dataCharts.push(
      chart(
        "frontier-gap",
        "US lead over China's frontier",
        `Months since the leading bloc's frontier first reached the other's current level; negative when China leads. Band: bootstrap interval of the index. The lead moves in steps, set by the release dates of particular models, so most replicates keep the estimate's pair of models: in ${atEdge} of ${banded.length} months the estimate sits at an edge of its band or the band collapses onto it — the spread is one-sided by construction, not a misfit.`,
        seriesChart,
        {
          rows: gap.rows
            .filter((g) => Number.isFinite(g.usLeadMonths))
            .map((g) => ({
              series: "US lead",
              t: g.t,
              value: g.usLeadMonths,
              ...(Number.isFinite(g.usLeadLo) && Number.isFinite(g.usLeadHi)
                ? { lo: g.usLeadLo, hi: g.usLeadHi }
                : {}),
            })),
          yLabel: "months",
        },
      ),
    );
  }
  if (results.missingData.length > 0) {
    const message = missingDataMessage(results.missingData);
    dataText.push(`${message[0].toUpperCase()}${message.slice(1)}.`);
  }
  if (dataText.length > 0)
    sections.push({ title: "Compute trend and frontier gap", text: dataText, charts: dataCharts });

  sections.push({ title: "Terms and units", tables: [glossaryTable()] });

  sections.push({
    title: "Appendix: parameters",
    folded: true,
    text: [
      "Every number of the scenarios with its value (for a distribution, its median), unit and source — or, for an assumption, its plausible range and the reason.",
    ],
    tables: appendixTables(output),
  });

  return {
    title: "wallcast: does AI scaling hit a wall, and who pays if it does?",
    meta: [
      `run ${meta.runId}, ${meta.createdAt}`,
      `wallcast ${meta.wallcastVersion}, seed ${meta.seed}, ${meta.paths} paths per scenario`,
    ],
    sections,
  };
}

/** Every chart of a report model, in order. */
export function reportCharts(model: ReportModel): ReportChart[] {
  return model.sections.flatMap((s) => s.charts ?? []);
}

/** The terms and units the report uses, each explained once. */
const GLOSSARY: ReadonlyArray<[string, string]> = [
  ["usdB", "billions of US dollars; flows are per year unless a chart says per quarter"],
  ["OOM", "order of magnitude: a factor of 10 (of training compute, or of FLOP)"],
  [
    "effective compute",
    "training compute times algorithmic efficiency: what a frontier model's training is worth",
  ],
  [
    "capability index",
    "index points above the start: one point per OOM of effective compute before any bend",
  ],
  ["ECI", "Epoch Capabilities Index: a benchmark-based capability score, used for the US–China frontier gap"],
  [
    "wall probability",
    "P(the gain per 10× compute halves within 2 OOM of the start), as `wallcast bend` estimates it from data",
  ],
  [
    "P(default)",
    "share of Monte Carlo paths on which the entity has defaulted by the end of the year, ± its Monte Carlo standard error",
  ],
  [
    "EDF",
    "expected default frequency: one-year default probability from market value, debt and asset volatility (Merton/KMV)",
  ],
  ["take-or-pay", "a compute contract the buyer pays whether or not it uses the capacity"],
  ["roll-over", "compute a lab buys from the clouds' idle capacity as its contracts run out"],
  ["clearing", "the Eisenberg–Noe payments of a quarter: who can pay whom, given what each is owed"],
  ["mark-to-market", "a holder's loss as the market value of its stakes falls below what it paid"],
  [
    "Sobol index",
    "share of an output's variance due to a group of inputs (total index: alone and with others)",
  ],
  ["back-cast", "the model started from what was known at an earlier date and scored against what happened"],
];

function glossaryTable(): ReportTable {
  return {
    caption: "Terms and units",
    columns: ["term", "meaning"],
    rows: GLOSSARY.map(([term, meaning]) => [term, meaning]),
    alignNumbers: false,
  };
}
