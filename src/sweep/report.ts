/**
 * The sweep's report section and charts: Sobol indices as bars with their bootstrap intervals, Morris μ* bars,
 * rank correlations of an lhs or grid sweep, and a grid over two numbers as a heat map of the output.
 */
import * as Plot from "@observablehq/plot";
import type { ChartContext } from "../report/charts/types.js";
import {
  formatNumber,
  type ReportChart,
  type ReportModel,
  type ReportTable,
  renderChartSvg,
} from "../report/index.js";
import type { SweepOutputAnalysis } from "./analyse.js";
import type { SweepPlan } from "./jobs.js";
import type { SweepResult } from "./sweep.js";

/** One group's Sobol indices as a chart draws them. */
export interface SobolBar {
  /** Group or number. */
  group: string;
  /** First-order and total index, and the total's 95% bootstrap interval. */
  first: number;
  total: number;
  lo: number;
  hi: number;
}

/** Outputs charted (the others are in the tables). */
const MAX_CHARTED_OUTPUTS = 6;
/** Bars per chart. */
const MAX_BARS = 15;

const finiteOr0 = (x: number): number => (Number.isFinite(x) ? x : 0);

/** Sobol bars: the total index S_T as a bar with its 95% interval as a line, the first-order S1 as a dot. */
export function sobolChart(data: { bars: SobolBar[]; output: string }, context: ChartContext) {
  const bars = data.bars.map((b) => ({
    ...b,
    lo: finiteOr0(b.lo),
    hi: finiteOr0(b.hi),
    total: finiteOr0(b.total),
  }));
  return Plot.plot({
    document: context.document,
    width: context.width ?? 720,
    height: 60 + 26 * bars.length,
    marginLeft: 200,
    // Small designs can estimate indices below 0 or above 1 (sampling error): drawn at the edge of [0, 1.5].
    x: {
      label: `Sobol index of ${data.output}`,
      grid: true,
      domain: [0, Math.min(1.5, Math.max(1, ...bars.map((b) => b.hi)))],
      clamp: true,
    },
    y: { label: null, domain: bars.map((b) => b.group) },
    marks: [
      Plot.barX(bars, { y: "group", x: "total", fill: "#9ecae1" }),
      Plot.ruleY(bars, { y: "group", x1: "lo", x2: "hi", stroke: "#08519c", strokeWidth: 2 }),
      Plot.dot(
        bars.filter((b) => Number.isFinite(b.first)),
        { y: "group", x: "first", fill: "#d94801", r: 4 },
      ),
      Plot.ruleX([0]),
    ],
  });
}

/** Horizontal bars of a signed or unsigned value per number (Morris μ*, Spearman ρ). */
export function valueBars(
  data: { rows: Array<{ name: string; value: number }>; label: string },
  context: ChartContext,
) {
  const rows = data.rows.map((r) => ({ ...r, value: finiteOr0(r.value) }));
  return Plot.plot({
    document: context.document,
    width: context.width ?? 720,
    height: 60 + 22 * rows.length,
    marginLeft: 320,
    x: { label: data.label, grid: true },
    y: { label: null, domain: rows.map((r) => r.name) },
    marks: [
      Plot.barX(rows, {
        y: "name",
        x: "value",
        fill: (r: { value: number }) => (r.value < 0 ? "#4575b4" : "#d73027"),
      }),
      Plot.ruleX([0]),
    ],
  });
}

/** One cell of a grid over two numbers. */
export interface GridCell {
  /** Values of the first and second number. */
  x: string;
  y: string;
  /** The output there. */
  value: number;
}

/** A grid over two numbers as a heat map of the output, its value written in each cell. */
export function gridHeatmap(
  data: { cells: GridCell[]; xLabel: string; yLabel: string; output: string },
  context: ChartContext,
) {
  const finite = data.cells.map((c) => c.value).filter(Number.isFinite);
  const mid = finite.length > 0 ? (Math.min(...finite) + Math.max(...finite)) / 2 : 0;
  return Plot.plot({
    document: context.document,
    width: context.width ?? 720,
    height: 80 + 26 * new Set(data.cells.map((c) => c.y)).size,
    marginLeft: 90,
    // No legend: a continuous ramp needs a canvas, which server-side rendering lacks; each cell shows its value.
    color: { scheme: "reds", label: data.output },
    x: { label: data.xLabel, type: "band" },
    y: { label: data.yLabel, type: "band" },
    marks: [
      Plot.cell(data.cells, { x: "x", y: "y", fill: "value", inset: 0.5 }),
      Plot.text(data.cells, {
        x: "x",
        y: "y",
        text: (c: GridCell) => formatNumber(c.value),
        // White on the darker half of the scale.
        fill: (c: GridCell) => (c.value > mid ? "white" : "black"),
        fontSize: 9,
      }),
    ],
  });
}

function chartId(kind: string, output: string): string {
  return `sweep-${kind}-${output.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}

function outputCharts(result: Omit<SweepResult, "timing">, o: SweepOutputAnalysis): ReportChart[] {
  if (o.sobol)
    return [
      {
        id: chartId("sobol", o.output),
        title: `What drives ${o.output}: Sobol indices`,
        caption:
          "Bars: total index S_T (the share of the output's variance the group accounts for with all its interactions), line: its 95% bootstrap interval, dot: first-order index S1 (the group alone). Estimates of a small design can fall below 0 or above 1 (drawn at the edges).",
        markup: renderChartSvg(sobolChart, {
          output: o.output,
          bars: o.sobol.indices.slice(0, MAX_BARS).map((s) => ({
            group: s.group,
            first: s.first,
            total: s.total,
            lo: s.totalInterval[0],
            hi: s.totalInterval[1],
          })),
        }),
      },
    ];
  if (o.morris)
    return [
      {
        id: chartId("morris", o.output),
        title: `What moves ${o.output}: Morris μ*`,
        caption:
          "Mean absolute elementary effect of each number over its full range (Morris screening), largest first.",
        markup: renderChartSvg(valueBars, {
          label: `μ* of ${o.output}`,
          rows: o.morris.slice(0, MAX_BARS).map((m) => ({ name: m.factor, value: m.muStar })),
        }),
      },
    ];
  const charts: ReportChart[] = [];
  if (result.design === "grid" && result.values && result.responses && result.factors.length === 2) {
    const j = result.outputs.indexOf(o);
    charts.push({
      id: chartId("grid", o.output),
      title: `${o.output} over the grid`,
      caption: `The output at each point of the grid over ${result.factors[0].name} (across) and ${result.factors[1].name} (down).`,
      markup: renderChartSvg(gridHeatmap, {
        output: o.output,
        xLabel: result.factors[0].name,
        yLabel: result.factors[1].name,
        cells: result.values.map((v, k) => ({
          x: formatNumber(v[0]),
          y: formatNumber(v[1]),
          value: (result.responses as number[][])[k][j],
        })),
      }),
    });
  }
  charts.push({
    id: chartId("spearman", o.output),
    title: `What goes with ${o.output}: rank correlations`,
    caption:
      "Spearman's rank correlation of each varied number with the output over the design's points, strongest first.",
    markup: renderChartSvg(valueBars, {
      label: `ρ with ${o.output}`,
      rows: (o.correlations ?? []).slice(0, MAX_BARS).map((c) => ({ name: c.factor, value: c.spearman })),
    }),
  });
  return charts;
}

function outputTable(o: SweepOutputAnalysis): ReportTable {
  if (o.sobol)
    return {
      caption: `${o.output}: Sobol indices (variance ${formatNumber(o.sobol.variance)} over ${o.sobol.rows} rows)`,
      columns: ["group", "S1", "S1 2.5%", "S1 97.5%", "ST", "ST 2.5%", "ST 97.5%"],
      rows: o.sobol.indices.map((s) => [s.group, s.first, ...s.firstInterval, s.total, ...s.totalInterval]),
    };
  if (o.morris)
    return {
      caption: `${o.output}: Morris indices`,
      columns: ["number", "μ*", "μ", "σ", "effects"],
      rows: o.morris.slice(0, 40).map((m) => [m.factor, m.muStar, m.mu, m.sigma, m.effects]),
    };
  return {
    caption: `${o.output}: rank correlations (mean ${formatNumber(o.mean)}, from ${formatNumber(o.min)} to ${formatNumber(o.max)})`,
    columns: ["number", "Spearman ρ"],
    rows: (o.correlations ?? []).slice(0, 40).map((c) => [c.factor, c.spearman]),
  };
}

/** The report of a finished sweep: one section with its charts and tables. */
export function sweepReport(plan: SweepPlan, result: Omit<SweepResult, "timing">, now: Date): ReportModel {
  const { spec } = plan;
  const over = spec.over.length > 0 ? spec.over.join(", ") : "every uncertain number";
  const charts = result.outputs.slice(0, MAX_CHARTED_OUTPUTS).flatMap((o) => outputCharts(result, o));
  const tables: ReportTable[] = [
    {
      caption: "Outputs over the design's points",
      columns: ["output", "mean", "sd", "min", "max"],
      rows: result.outputs.map((o) => [o.output, o.mean, o.sd, o.min, o.max]),
    },
    ...result.outputs.map(outputTable),
  ];
  if (result.design === "grid" && result.values && result.responses)
    tables.push({
      caption: "Response table",
      columns: [...result.factors.map((f) => f.name), ...spec.outputs],
      rows: result.values.map((v, k) => [...v, ...(result.responses as number[][])[k]]),
    });
  return {
    title: `Sweep of ${spec.scenario.name}: ${spec.design}`,
    meta: [
      `sweep ${plan.hash.slice(0, 12)}, wallcast ${spec.wallcast}, ${now.toISOString()}`,
      `${result.points} points × ${spec.paths} paths, seed ${spec.seed}, ${result.jobs} jobs`,
    ],
    sections: [
      {
        title: `Sweep: ${spec.design} over ${over}`,
        text: [
          `${spec.design} design of ${result.points} points over ${result.factors.length} numbers${result.groups ? ` in ${result.groups.length} groups` : ""}; each point is a Monte Carlo run of ${spec.paths} paths with seed ${spec.seed}, so points differ by the numbers varied, not by sampling noise.`,
        ],
        charts,
        tables,
      },
    ],
  };
}
