/** What every chart needs from its host: a DOM document (linkedom on the server, `window.document` in a browser). */
export interface ChartContext {
  document: Document;
  /** Width in CSS pixels; default 720. */
  width?: number;
}

/** A chart: data in, an SVG (or figure) element out. The same function serves report files and the browser. */
export type Chart<T> = (data: T, context: ChartContext) => SVGSVGElement | HTMLElement;
