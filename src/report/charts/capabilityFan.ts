import * as Plot from "@observablehq/plot";
import { translator } from "../../i18n/translate.js";
import { scenarioColors, yearTicks } from "./palette.js";
import type { ChartContext } from "./types.js";

/** One quarter of a scenario's capability distribution. */
export interface FanRow {
  scenario: string;
  /** Decimal year. */
  t: number;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

/** An observed point the fan is drawn over (e.g. a frontier model's index or loss). */
export interface ObservedPoint {
  t: number;
  value: number;
  label?: string;
}

export interface CapabilityFanData {
  rows: FanRow[];
  observed?: ObservedPoint[];
  /** Axis label of the capability measure. */
  yLabel: string;
  /** One panel per scenario, stacked (observed points in each), instead of all fans in one panel; default false. */
  facet?: boolean;
}

/** Capability fan chart: 5–95% and 25–75% bands and the median per scenario, over the fitted data points. */
export function capabilityFan(data: CapabilityFanData, context: ChartContext) {
  const scenarios = [...new Set(data.rows.map((r) => r.scenario))];
  const panels = data.facet ? scenarios.length : 1;
  const fy = data.facet ? "scenario" : undefined;
  const t = translator(context.lang ?? "en");
  return Plot.plot({
    document: context.document,
    width: context.width ?? 720,
    height: data.facet ? 40 + 150 * panels : 360,
    marginRight: data.facet ? 110 : undefined,
    // Scenarios keep the order they are given in, in panels, and their own colours in every chart.
    color: { legend: true, ...scenarioColors(scenarios) },
    fy: { label: null, domain: scenarios },
    x: {
      label: t("report.chart.year"),
      ...yearTicks(
        data.rows.map((r) => r.t),
        context.lang,
      ),
    },
    y: { label: data.yLabel, grid: true },
    marks: [
      Plot.areaY(data.rows, { fy, x: "t", y1: "p05", y2: "p95", fill: "scenario", fillOpacity: 0.12 }),
      Plot.areaY(data.rows, { fy, x: "t", y1: "p25", y2: "p75", fill: "scenario", fillOpacity: 0.22 }),
      Plot.lineY(data.rows, { fy, x: "t", y: "p50", stroke: "scenario", strokeWidth: 1.8 }),
      Plot.dot(data.observed ?? [], { x: "t", y: "value", r: 2.5, fill: "black", title: "label" }),
    ],
  });
}
