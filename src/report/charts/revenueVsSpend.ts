import * as Plot from "@observablehq/plot";
import { translator } from "../../i18n/translate.js";
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
  const t = translator(context.lang ?? "en");
  const names: Record<string, string> = {
    revenue: t("report.chart.revenue"),
    "compute spend": t("report.chart.computeSpend"),
  };
  return Plot.plot({
    document: context.document,
    width: context.width ?? 720,
    height: 300,
    color: {
      legend: true,
      domain: ["revenue", "compute spend"],
      range: ["#1b9e77", "#d95f02"],
      tickFormat: (series: string) => names[series] ?? series,
    },
    fx: { label: null, domain: [...new Set(rows.map((r) => r.scenario))] },
    x: { label: t("report.chart.year"), ticks: 3, tickFormat: "d" },
    y: { label: t("report.chart.usdPerQuarter"), grid: true },
    marks: [
      Plot.lineY(rows, { fx: "scenario", x: "t", y: "usdBillions", stroke: "series", strokeWidth: 1.6 }),
      Plot.ruleY([0]),
    ],
  });
}
