/**
 * The explorer's charts, drawn with Observable Plot from a simulation result: the capability fan, lab revenue
 * against compute spend, P(default) by entity with its 95% interval, and losses by holder and part. Every label
 * comes from the caller (the catalogue), so the charts carry no language of their own.
 */
import * as Plot from "@observablehq/plot";
import type { QuantileSeries, SimulationResult } from "../../src/scenario/simulate.js";
import { wilsonInterval } from "../../src/util/wilsonInterval.js";

/** Width of a chart, CSS px. */
const WIDTH_PX = 640;

/** "2026Q3" → 2026.5: a quarter's start as a decimal year. */
function decimalYear(quarter: string): number {
  return Number(quarter.slice(0, 4)) + (Number(quarter.slice(5)) - 1) / 4;
}

/** Rows of a fan (5–95% band, 25–75% band, median) over the quarters, tagged with a series name. */
function fanRows(quarters: readonly string[], s: QuantileSeries, series: string) {
  return quarters.map((q, t) => ({
    t: decimalYear(q),
    series,
    p05: s.p05[t],
    p25: s.p25[t],
    p50: s.p50[t],
    p75: s.p75[t],
    p95: s.p95[t],
  }));
}

const yearAxis = (label: string) => ({ label, tickFormat: (d: number) => String(d) });

/** Frontier capability above the start, index points: median with 50% and 90% bands. */
export function capabilityChart(result: SimulationResult, labels: { x: string; y: string }): Element {
  const rows = fanRows(result.quarters, result.capability, "capability");
  return Plot.plot({
    width: WIDTH_PX,
    height: 260,
    x: yearAxis(labels.x),
    y: { label: labels.y, grid: true },
    marks: [
      Plot.areaY(rows, { x: "t", y1: "p05", y2: "p95", fill: "#4269d0", fillOpacity: 0.15 }),
      Plot.areaY(rows, { x: "t", y1: "p25", y2: "p75", fill: "#4269d0", fillOpacity: 0.3 }),
      Plot.lineY(rows, { x: "t", y: "p50", stroke: "#1f3f99", strokeWidth: 2 }),
      Plot.ruleY([0]),
    ],
  });
}

/** Lab revenue against compute spend, usdB per quarter: medians with 90% bands, named by `labels`. */
export function revenueChart(
  result: SimulationResult,
  labels: { x: string; y: string; revenue: string; spend: string },
): Element {
  const rows = [
    ...fanRows(result.quarters, result.revenue, labels.revenue),
    ...fanRows(result.quarters, result.computeSpend, labels.spend),
  ];
  const color = { domain: [labels.revenue, labels.spend], range: ["#2a8a4a", "#c2410c"], legend: true };
  return Plot.plot({
    width: WIDTH_PX,
    height: 260,
    x: yearAxis(labels.x),
    y: { label: labels.y, grid: true },
    color,
    marks: [
      Plot.areaY(rows, { x: "t", y1: "p05", y2: "p95", fill: "series", fillOpacity: 0.15 }),
      Plot.lineY(rows, { x: "t", y: "p50", stroke: "series", strokeWidth: 2 }),
      Plot.ruleY([0]),
    ],
  });
}

/** One entity's P(default by the end of a year) with its 95% Wilson interval over the run's paths. */
export interface DefaultRow {
  entity: string;
  p: number;
  low: number;
  high: number;
}

/** Entities with a P(default) above 0 by the end of `year`, highest first (at most `limit`). */
export function defaultRows(result: SimulationResult, year: string, limit = 14): DefaultRow[] {
  return Object.entries(result.entities)
    .map(([entity, e]) => ({ entity, p: e.pDefaultByYear[year] ?? 0 }))
    .filter((r) => r.p > 0)
    .sort((a, b) => b.p - a.p || (a.entity < b.entity ? -1 : 1))
    .slice(0, limit)
    .map((r) => {
      const [low, high] = wilsonInterval(r.p, result.paths);
      return { ...r, low, high };
    });
}

/** P(default) by entity: a dot at the estimate and a bar over its 95% interval. */
export function defaultChart(rows: readonly DefaultRow[], labels: { x: string }): Element {
  return Plot.plot({
    width: WIDTH_PX,
    height: 40 + 24 * Math.max(1, rows.length),
    marginLeft: 140,
    x: {
      label: labels.x,
      domain: [0, Math.max(0.05, ...rows.map((r) => r.high))],
      tickFormat: "%",
      grid: true,
    },
    y: { label: null, domain: rows.map((r) => r.entity) },
    marks: [
      Plot.ruleY(rows, {
        y: "entity",
        x1: "low",
        x2: "high",
        stroke: "#9a3412",
        strokeWidth: 3,
        strokeOpacity: 0.5,
      }),
      Plot.dot(rows, { y: "entity", x: "p", fill: "#9a3412", r: 4 }),
    ],
  });
}

/** Loss parts in stacking order, as named in `HolderLossResult`. */
export const LOSS_PARTS = ["direct", "clearing", "defaultCost", "fireSale", "markToMarket"] as const;

/** Mean loss per path of the holders that lose most, usdB, stacked by part (named by `partLabels`). */
export function lossChart(
  result: SimulationResult,
  labels: { x: string; parts: Record<(typeof LOSS_PARTS)[number], string> },
  limit = 12,
): Element {
  const holders = Object.entries(result.lossesByHolder)
    .filter(([, l]) => l.total > 0)
    .sort(([, a], [, b]) => b.total - a.total)
    .slice(0, limit)
    .map(([id]) => id);
  const rows = holders.flatMap((holder) =>
    LOSS_PARTS.map((part) => ({
      holder,
      part: labels.parts[part],
      usdB: Math.max(0, result.lossesByHolder[holder][part]),
    })),
  );
  return Plot.plot({
    width: WIDTH_PX,
    height: 60 + 24 * Math.max(1, holders.length),
    marginLeft: 140,
    x: { label: labels.x, grid: true },
    y: { label: null, domain: holders },
    color: { domain: LOSS_PARTS.map((p) => labels.parts[p]), scheme: "Tableau10", legend: true },
    marks: [Plot.barX(rows, { y: "holder", x: "usdB", fill: "part" }), Plot.ruleX([0])],
  });
}
