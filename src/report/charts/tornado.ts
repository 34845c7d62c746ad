import * as Plot from "@observablehq/plot";
import { translator } from "../../i18n/translate.js";
import type { ChartContext } from "./types.js";

export interface TornadoRow {
  /** Parameter name. */
  parameter: string;
  /** Output with the parameter at the low end of its range. */
  low: number;
  /** Output with the parameter at the high end. */
  high: number;
}

/** Tornado chart: the output's swing as each parameter moves across its range, widest swing on top. */
export function tornado(
  data: { rows: TornadoRow[]; base: number; outputLabel: string },
  context: ChartContext,
) {
  const t = translator(context.lang ?? "en");
  const ends: Record<string, string> = { low: t("report.chart.low"), high: t("report.chart.high") };
  const rows = [...data.rows].sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
  const bars = rows.flatMap((r) => [
    { parameter: r.parameter, end: "low", from: data.base, to: r.low },
    { parameter: r.parameter, end: "high", from: data.base, to: r.high },
  ]);
  return Plot.plot({
    document: context.document,
    width: context.width ?? 720,
    height: 50 + 24 * rows.length,
    marginLeft: 180,
    color: {
      legend: true,
      domain: ["low", "high"],
      range: ["#4575b4", "#d73027"],
      tickFormat: (end: string) => ends[end] ?? end,
    },
    x: { label: data.outputLabel, grid: true },
    y: { label: null, domain: rows.map((r) => r.parameter) },
    marks: [Plot.barX(bars, { y: "parameter", x1: "from", x2: "to", fill: "end" }), Plot.ruleX([data.base])],
  });
}
