import * as Plot from "@observablehq/plot";
import { translator } from "../../i18n/translate.js";
import type { ChartContext } from "./types.js";

export interface DefaultCell {
  entity: string;
  year: number;
  /** Probability of default by the end of the year, cumulative, in [0, 1]. */
  p: number;
}

/** P(default) heat map, entity × year, with the probability written in each cell. */
export function defaultHeatmap(cells: DefaultCell[], context: ChartContext & { title?: string }) {
  const entities = [...new Set(cells.map((c) => c.entity))];
  const t = translator(context.lang ?? "en");
  return Plot.plot({
    document: context.document,
    width: context.width ?? 720,
    height: 40 + 18 * entities.length,
    marginLeft: 130,
    title: context.title,
    color: {
      type: "threshold",
      scheme: "reds",
      domain: [0.01, 0.05, 0.1, 0.25, 0.5],
      legend: true,
      label: t("report.chart.pDefault"),
    },
    x: { label: t("report.chart.year"), type: "band", tickFormat: (d: number) => String(d) },
    y: { label: null, domain: entities },
    marks: [
      Plot.cell(cells, { x: "year", y: "entity", fill: "p", inset: 0.5 }),
      Plot.text(cells, {
        x: "year",
        y: "entity",
        text: (d: DefaultCell) => (d.p >= 0.005 ? d.p.toFixed(2) : ""),
        fill: (d: DefaultCell) => (d.p > 0.5 ? "white" : "black"),
        fontSize: 9,
      }),
    ],
  });
}
