/** The run's results as flat tables: what the run store holds, the CSV/Parquet exports and the report read. */
import { HOLDER_KINDS } from "../economy/kinds.js";
import type { QuantileSeries, SimulationResult } from "../scenario/simulate.js";
import type { ColumnSpec, ColumnType, ResultTable } from "../store/index.js";
import { quarterDecimalYear, quarterIndex } from "../util/quarter.js";
import type { ParameterRow } from "./parameters.js";
import { lastYear, type RunOutput, type ScenarioRun } from "./pipeline.js";

type Cell = number | string | boolean | null;

function columns(spec: Record<string, ColumnType>): ColumnSpec[] {
  return Object.entries(spec).map(([name, type]) => ({ name, type }));
}

/** Loss parts as the tables and the report name them, with the result field holding each. */
export const LOSS_PART_FIELDS = [
  ["direct", "direct"],
  ["clearing", "clearing"],
  ["default-cost", "defaultCost"],
  ["fire-sale", "fireSale"],
  ["mark-to-market", "markToMarket"],
] as const;

/** Decimal year at the middle of a quarter `"2026Q1"`. */
export function quarterMidYear(quarter: string): number {
  return quarterDecimalYear(quarterIndex(quarter), 0.5);
}

/** Lenders: the holder kinds that lend (everything but equity holders). */
export const LENDER_KINDS: readonly string[] = HOLDER_KINDS.filter((k) => k !== "equity-holder");

/** The headline numbers of one scenario, as the comparison table shows them. */
export interface ScenarioSummary {
  scenario: string;
  paths: number;
  lastYear: string;
  /** Capability gain by the last quarter, index points: median and 5–95%. */
  capabilityP50: number;
  capabilityP05: number;
  capabilityP95: number;
  /** Lab revenue and compute spend in the last quarter, medians, annualised usdB/yr. */
  revenueUsdBPerYear: number;
  computeSpendUsdBPerYear: number;
  /** Sum over entities of P(default by the end of the last year). */
  expectedDefaults: number;
  riskiestEntity: string;
  riskiestP: number;
  /** Mean loss per path over the horizon, usdB: lenders (banks, funds, pensions) and everyone. */
  lenderLossUsdB: number;
  totalLossUsdB: number;
}

export function summariseScenario(run: ScenarioRun): ScenarioSummary {
  const r: SimulationResult = run.result;
  const year = lastYear(r);
  const last = r.quarters.length - 1;
  let expected = 0;
  let riskiestEntity = "";
  let riskiestP = -1;
  for (const [id, e] of Object.entries(r.entities)) {
    const p = e.pDefaultByYear[year] ?? 0;
    expected += p;
    if (p > riskiestP) {
      riskiestP = p;
      riskiestEntity = id;
    }
  }
  let lender = 0;
  let total = 0;
  for (const [kind, loss] of Object.entries(r.losses)) {
    total += loss.total;
    if (LENDER_KINDS.includes(kind)) lender += loss.total;
  }
  return {
    scenario: run.id,
    paths: r.paths,
    lastYear: year,
    capabilityP50: r.capability.p50[last],
    capabilityP05: r.capability.p05[last],
    capabilityP95: r.capability.p95[last],
    revenueUsdBPerYear: 4 * r.revenue.p50[last],
    computeSpendUsdBPerYear: 4 * r.computeSpend.p50[last],
    expectedDefaults: expected,
    riskiestEntity,
    riskiestP: Math.max(0, riskiestP),
    lenderLossUsdB: lender,
    totalLossUsdB: total,
  };
}

const QUANTILE_COLUMNS = {
  mean: "DOUBLE",
  p05: "DOUBLE",
  p25: "DOUBLE",
  p50: "DOUBLE",
  p75: "DOUBLE",
  p95: "DOUBLE",
} as const;

function seriesRows(
  scenario: string,
  name: string | undefined,
  quarters: string[],
  s: QuantileSeries,
): Cell[][] {
  return quarters.map((q, t) => [
    scenario,
    ...(name === undefined ? [] : [name]),
    q,
    quarterMidYear(q),
    s.mean[t],
    s.p05[t],
    s.p25[t],
    s.p50[t],
    s.p75[t],
    s.p95[t],
  ]);
}

/** The global series grouped by table: revenue against spend, and the world state. */
const REVENUE_SERIES = [
  ["revenue", "revenue"],
  ["compute_spend", "computeSpend"],
  ["gap", "gap"],
] as const;
const WORLD_SERIES = [
  ["stranded_gw", "strandedGw"],
  ["power_gw", "powerGw"],
  ["sentiment", "sentiment"],
  ["gpu_price", "gpuPrice"],
  ["start_gpu_rent", "startGpuRent"],
] as const;

type SeriesField = (typeof REVENUE_SERIES | typeof WORLD_SERIES)[number][1];

/** One row per scenario, series and quarter for a group of named global series. */
function seriesTable(
  name: string,
  series: readonly (readonly [string, SeriesField])[],
  runs: ScenarioRun[],
): ResultTable {
  return {
    name,
    columns: columns({
      scenario: "VARCHAR",
      series: "VARCHAR",
      quarter: "VARCHAR",
      t: "DOUBLE",
      ...QUANTILE_COLUMNS,
    }),
    rows: runs.flatMap((run) =>
      series.flatMap(([seriesName, field]) =>
        seriesRows(run.id, seriesName, run.result.quarters, run.result[field]),
      ),
    ),
  };
}

function parameterTable(parameters: Record<string, ParameterRow[]>): ResultTable {
  return {
    name: "parameters",
    columns: columns({
      scenario: "VARCHAR",
      path: "VARCHAR",
      value: "DOUBLE",
      distribution: "VARCHAR",
      unit: "VARCHAR",
      source: "VARCHAR",
      assumption: "BOOLEAN",
      range_lo: "DOUBLE",
      range_hi: "DOUBLE",
      reason: "VARCHAR",
    }),
    rows: Object.entries(parameters).flatMap(([scenario, rows]) =>
      rows.map((p) => [
        scenario,
        p.path,
        p.value,
        p.distribution,
        p.unit,
        p.source,
        p.assumption,
        Number.isNaN(p.rangeLo) ? null : p.rangeLo,
        Number.isNaN(p.rangeHi) ? null : p.rangeHi,
        p.reason,
      ]),
    ),
  };
}

/** Every table of a run, in a fixed order. */
export function runTables({ results, parameters }: RunOutput): ResultTable[] {
  const runs = results.scenarios;
  const tables: ResultTable[] = [
    {
      name: "scenario_summary",
      columns: columns({
        scenario: "VARCHAR",
        paths: "BIGINT",
        last_year: "BIGINT",
        capability_p50: "DOUBLE",
        capability_p05: "DOUBLE",
        capability_p95: "DOUBLE",
        revenue_usd_b_per_year: "DOUBLE",
        compute_spend_usd_b_per_year: "DOUBLE",
        expected_defaults: "DOUBLE",
        riskiest_entity: "VARCHAR",
        riskiest_p: "DOUBLE",
        lender_loss_usd_b: "DOUBLE",
        total_loss_usd_b: "DOUBLE",
      }),
      rows: runs.map((run) => {
        const s = summariseScenario(run);
        return [
          s.scenario,
          s.paths,
          Number(s.lastYear),
          s.capabilityP50,
          s.capabilityP05,
          s.capabilityP95,
          s.revenueUsdBPerYear,
          s.computeSpendUsdBPerYear,
          s.expectedDefaults,
          s.riskiestEntity,
          s.riskiestP,
          s.lenderLossUsdB,
          s.totalLossUsdB,
        ];
      }),
    },
    {
      name: "p_default",
      columns: columns({
        scenario: "VARCHAR",
        entity: "VARCHAR",
        kind: "VARCHAR",
        year: "BIGINT",
        p: "DOUBLE",
      }),
      rows: runs.flatMap((run) =>
        Object.entries(run.result.entities).flatMap(([entity, e]) =>
          Object.entries(e.pDefaultByYear).map(([year, p]) => [run.id, entity, e.kind, Number(year), p]),
        ),
      ),
    },
    {
      name: "losses",
      columns: columns({ scenario: "VARCHAR", holder_kind: "VARCHAR", part: "VARCHAR", usd_b: "DOUBLE" }),
      rows: runs.flatMap((run) =>
        Object.entries(run.result.losses).flatMap(([kind, loss]) =>
          LOSS_PART_FIELDS.map(([part, field]) => [run.id, kind, part, loss[field]]),
        ),
      ),
    },
    {
      name: "loss_totals",
      columns: columns({
        scenario: "VARCHAR",
        holder_kind: "VARCHAR",
        total_usd_b: "DOUBLE",
        total_p95_usd_b: "DOUBLE",
      }),
      rows: runs.flatMap((run) =>
        Object.entries(run.result.losses).map(([kind, loss]) => [run.id, kind, loss.total, loss.totalP95]),
      ),
    },
    {
      name: "capability",
      columns: columns({ scenario: "VARCHAR", quarter: "VARCHAR", t: "DOUBLE", ...QUANTILE_COLUMNS }),
      rows: runs.flatMap((run) => seriesRows(run.id, undefined, run.result.quarters, run.result.capability)),
    },
    seriesTable("revenue_spend", REVENUE_SERIES, runs),
    seriesTable("world_series", WORLD_SERIES, runs),
    {
      name: "tornado",
      columns: columns({
        scenario: "VARCHAR",
        output: "VARCHAR",
        factor: "VARCHAR",
        low: "DOUBLE",
        high: "DOUBLE",
        output_base: "DOUBLE",
        output_low: "DOUBLE",
        output_high: "DOUBLE",
        swing: "DOUBLE",
      }),
      rows: (results.tornado?.outputs ?? []).flatMap((o) =>
        (o.tornado ?? []).map((b) => [
          results.tornado?.scenario ?? "",
          o.output,
          b.factor,
          b.low,
          b.high,
          o.base,
          b.outputLow,
          b.outputHigh,
          b.swing,
        ]),
      ),
    },
    {
      name: "reverse_stress",
      columns: columns({
        scenario: "VARCHAR",
        entity: "VARCHAR",
        shock: "VARCHAR",
        year: "BIGINT",
        threshold: "DOUBLE",
        paths: "BIGINT",
        shortfall: "DOUBLE",
        survives_at: "DOUBLE",
        p_default_baseline: "DOUBLE",
        converged: "BOOLEAN",
        reason: "VARCHAR",
        iterations: "BIGINT",
      }),
      rows: results.reverseStress.map((s) => [
        runs[0].id,
        s.entity,
        s.shock,
        Number(s.year),
        s.threshold,
        s.paths,
        s.shortfall,
        s.survivesAt,
        s.pDefaultBaseline,
        s.converged,
        s.reason,
        s.iterations,
      ]),
    },
    {
      name: "scenario_differences",
      columns: columns({
        scenario: "VARCHAR",
        against: "VARCHAR",
        measure: "VARCHAR",
        subject: "VARCHAR",
        year: "BIGINT",
        value: "DOUBLE",
        value_against: "DOUBLE",
        difference: "DOUBLE",
        low: "DOUBLE",
        high: "DOUBLE",
        independent_low: "DOUBLE",
        independent_high: "DOUBLE",
      }),
      rows: (results.differences ?? []).map((d) => [
        d.scenario,
        d.against,
        d.measure,
        d.subject,
        Number(d.year),
        d.value,
        d.valueAgainst,
        d.difference,
        ...d.interval,
        ...d.independentInterval,
      ]),
    },
    parameterTable(parameters),
    {
      name: "compute_trend",
      columns: columns({ model: "VARCHAR", date: "VARCHAR", t: "DOUBLE", log10_flop: "DOUBLE" }),
      rows: (results.computeTrend?.points ?? []).map((p) => [p.model, p.date, p.t, p.log10]),
    },
    {
      name: "compute_trend_fit",
      columns: columns({ t: "DOUBLE", fit: "DOUBLE", lo: "DOUBLE", hi: "DOUBLE" }),
      rows: (results.computeTrend?.line ?? []).map((l) => [l.t, l.fit, l.lo, l.hi]),
    },
    {
      name: "frontier_gap",
      columns: columns({
        date: "VARCHAR",
        t: "DOUBLE",
        leader: "VARCHAR",
        level_us: "DOUBLE",
        level_china: "DOUBLE",
        months: "DOUBLE",
        us_lead_months: "DOUBLE",
        us_lead_lo: "DOUBLE",
        us_lead_hi: "DOUBLE",
      }),
      rows: (results.frontierGap?.rows ?? []).map((g) => [
        g.date,
        g.t,
        g.leader,
        g.levelUs,
        g.levelChina,
        g.months,
        g.usLeadMonths,
        g.usLeadLo,
        g.usLeadHi,
      ]),
    },
  ];
  return tables;
}
