import * as Plot from "@observablehq/plot";
import type { ChartContext } from "./types.js";

export interface RevenueSpendRow {
  scenario: string;
  /** Decimal year. */
  t: number;
  /** "revenue" or "compute spend". */
  series: string;
  /** Median across paths, USD billions per quarter. */
  usdBillions: number;
}

/** AI revenue against compute spend over time (medians), one panel per scenario: the gap. */
export function revenueVsSpend(rows: RevenueSpendRow[], context: ChartContext) {
  return Plot.plot({
    document: context.document,
    width: context.width ?? 720,
    height: 300,
    color: { legend: true, domain: ["revenue", "compute spend"], range: ["#1b9e77", "#d95f02"] },
    fx: { label: null, domain: [...new Set(rows.map((r) => r.scenario))] },
    x: { label: "year", ticks: 3, tickFormat: "d" },
    y: { label: "USD bn per quarter", grid: true },
    marks: [
      Plot.lineY(rows, { fx: "scenario", x: "t", y: "usdBillions", stroke: "series", strokeWidth: 1.6 }),
      Plot.ruleY([0]),
    ],
  });
}
