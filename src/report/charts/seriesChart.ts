import * as Plot from "@observablehq/plot";
import type { ChartContext } from "./types.js";

export interface SeriesRow {
  series: string;
  t: number;
  value: number;
  lo?: number;
  hi?: number;
}

/** Lines over time with optional bands, one colour per series (e.g. the US–China frontier gap in months). */
export function seriesChart(
  data: { rows: SeriesRow[]; yLabel: string; title?: string },
  context: ChartContext,
) {
  const banded = data.rows.filter((r) => r.lo !== undefined && r.hi !== undefined);
  return Plot.plot({
    document: context.document,
    width: context.width ?? 720,
    height: 300,
    title: data.title,
    color: { legend: true },
    x: { label: "year", tickFormat: "d" },
    y: { label: data.yLabel, grid: true },
    marks: [
      Plot.areaY(banded, { x: "t", y1: "lo", y2: "hi", fill: "series", fillOpacity: 0.15 }),
      Plot.lineY(data.rows, { x: "t", y: "value", stroke: "series", strokeWidth: 1.8 }),
    ],
  });
}
