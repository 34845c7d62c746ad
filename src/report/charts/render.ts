/** Server-side rendering of charts: SVG text through linkedom, PNG through resvg. */
import { Resvg } from "@resvg/resvg-js";
import { parseHTML } from "linkedom";
import type { Lang } from "../../i18n/lang.js";
import type { ChartContext } from "./types.js";

/** Renders a chart to standalone SVG text (for inlining in HTML or writing to a file), its words in `lang`. */
export function renderChartSvg<T>(
  chart: (data: T, context: ChartContext) => Element,
  data: T,
  width = 720,
  lang: Lang = "en",
): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const element = chart(data, { document: document as unknown as Document, width, lang });
  // Plot wraps an SVG in a <figure> when it has a legend or a title; the PNG copy needs every SVG in it.
  const svgs = element.tagName.toLowerCase() === "svg" ? [element] : [...element.querySelectorAll("svg")];
  for (const svg of svgs) svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return element.outerHTML;
}

/**
 * Rasterises an SVG (or a Plot figure holding several) to PNG, black on white, headed by the figure's title — the
 * chart's own, else `title` (a report chart's caption title), so a PNG copy says what it shows.
 */
export function svgToPng(markup: string, scale = 2, title?: string): Buffer {
  const svg = standaloneSvg(markup, title);
  const png = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "white",
    font: { loadSystemFonts: true },
  });
  return png.render().asPng();
}

/** Stacks the SVGs of a Plot figure (title, legend swatches, plot) into one SVG resvg can draw. */
function standaloneSvg(markup: string, fallbackTitle?: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${markup}</body></html>`);
  const root = document.body.firstElementChild;
  if (!root) throw new RangeError("invalid chart markup: empty");
  const parts: string[] = [];
  let y = 0;
  let width = 0;
  const title = root.querySelector("h2, figcaption")?.textContent || fallbackTitle;
  if (title) {
    parts.push(
      `<text x="0" y="16" font-family="sans-serif" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    );
    y += 24;
  }
  // Swatch legends are HTML (a span per item holding a small SVG and its label): lay them out in one row.
  let x = 0;
  for (const swatch of root.tagName.toLowerCase() === "svg" ? [] : [...root.querySelectorAll("span")]) {
    const box = swatch.querySelector("svg");
    const label = swatch.textContent?.trim();
    if (!box || !label) continue;
    const fill = box.querySelector("rect")?.getAttribute("fill") ?? box.getAttribute("fill") ?? "black";
    parts.push(`<rect x="${x}" y="${y}" width="12" height="12" fill="${fill}"/>`);
    parts.push(`<text x="${x + 16}" y="${y + 10}" font-size="11">${escapeXml(label)}</text>`);
    x += 28 + 6.5 * label.length;
    box.remove();
  }
  if (x > 0) y += 20;
  const svgs = root.tagName.toLowerCase() === "svg" ? [root] : [...root.querySelectorAll("svg")];
  for (const svg of svgs) {
    if (svg.closest("span")) continue;
    const w = Number(svg.getAttribute("width") ?? 0);
    const h = Number(svg.getAttribute("height") ?? 0);
    if (!w || !h) continue;
    svg.setAttribute("y", String(y));
    parts.push(svg.outerHTML.replaceAll("currentColor", "black"));
    y += h + 6;
    width = Math.max(width, w);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" font-family="sans-serif">${parts.join("")}</svg>`;
}

function escapeXml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
