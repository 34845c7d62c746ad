import * as Plot from "@observablehq/plot";
import { translator } from "../../i18n/translate.js";
import type { ChartContext } from "./types.js";

export interface TrendData {
  /** Observed points: decimal year and log10 of the metric. */
  points: Array<{ t: number; log10: number; label?: string }>;
  /** Fitted line with its 90% band, as (t, fit, lo, hi) in log10 units. */
  line: Array<{ t: number; fit: number; lo: number; hi: number }>;
  yLabel: string;
  title?: string;
}

/** A metric over time on a log scale with its fitted log-linear trend and 90% band. */
export function trendChart(data: TrendData, context: ChartContext) {
  return Plot.plot({
    document: context.document,
    width: context.width ?? 720,
    height: 340,
    title: data.title,
    x: { label: translator(context.lang ?? "en")("report.chart.year"), tickFormat: "d" },
    y: { label: data.yLabel, grid: true },
    marks: [
      Plot.dot(data.points, { x: "t", y: "log10", r: 2, fill: "#777", fillOpacity: 0.6, title: "label" }),
      Plot.areaY(data.line, { x: "t", y1: "lo", y2: "hi", fill: "#d95f02", fillOpacity: 0.2 }),
      Plot.lineY(data.line, { x: "t", y: "fit", stroke: "#d95f02", strokeWidth: 2 }),
    ],
  });
}
