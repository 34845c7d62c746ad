import * as Plot from "@observablehq/plot";
import { translator } from "../../i18n/translate.js";
import { scenarioColors, yearTicks } from "./palette.js";
import type { ChartContext } from "./types.js";

/** Most series drawn with their bands; more get their lines only. */
export const MAX_BANDS = 3;

export interface SeriesRow {
  series: string;
  t: number;
  value: number;
  lo?: number;
  hi?: number;
}

/**
 * Lines with optional bands (for up to MAX_BANDS series), one colour per series: over time by default (e.g. the US–China frontier gap in
 * months), or over any x given `xLabel` (e.g. P(default) against a revenue shortfall).
 */
export function seriesChart(
  data: {
    rows: SeriesRow[];
    yLabel: string;
    title?: string;
    /** Label of a non-time x axis; default "year" (ticks as whole years). */
    xLabel?: string;
    /** Fixed axis ranges; default the data's extent. */
    xDomain?: [number, number];
    yDomain?: [number, number];
    /** The series are scenarios: each in its own colour, as in every chart (default: Plot's colours in order). */
    scenarios?: boolean;
  },
  context: ChartContext,
) {
  // More than a few translucent bands blend into one brown cloud: beyond MAX_BANDS series, medians only.
  const series = new Set(data.rows.map((r) => r.series)).size;
  const year = translator(context.lang ?? "en")("report.chart.year");
  const banded = series <= MAX_BANDS ? data.rows.filter((r) => r.lo !== undefined && r.hi !== undefined) : [];
  return Plot.plot({
    document: context.document,
    width: context.width ?? 720,
    height: 300,
    title: data.title,
    color: data.scenarios
      ? { legend: true, ...scenarioColors([...new Set(data.rows.map((r) => r.series))]) }
      : { legend: true },
    x:
      data.xLabel === undefined
        ? {
            label: year,
            domain: data.xDomain,
            ...yearTicks(data.xDomain ?? data.rows.map((r) => r.t), context.lang),
          }
        : { label: data.xLabel, domain: data.xDomain },
    y: { label: data.yLabel, grid: true, domain: data.yDomain },
    marks: [
      Plot.areaY(banded, { x: "t", y1: "lo", y2: "hi", fill: "series", fillOpacity: 0.15 }),
      Plot.lineY(data.rows, { x: "t", y: "value", stroke: "series", strokeWidth: 1.8 }),
      // Off a time axis the points are few evaluations: mark each.
      data.xLabel === undefined ? null : Plot.dot(data.rows, { x: "t", y: "value", fill: "series", r: 2.5 }),
    ],
  });
}
