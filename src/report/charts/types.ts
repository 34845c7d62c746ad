import type { Lang } from "../../i18n/lang.js";

/** What every chart needs from its host: a DOM document (linkedom on the server, `window.document` in a browser). */
export interface ChartContext {
  document: Document;
  /** Width in CSS pixels; default 720. */
  width?: number;
  /** Language of the chart's own words (axis names, legends); default English. */
  lang?: Lang;
}

/** A chart: data in, an SVG (or figure) element out. The same function serves report files and the browser. */
export type Chart<T> = (data: T, context: ChartContext) => SVGSVGElement | HTMLElement;
