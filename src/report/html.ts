/** The self-contained HTML report: inline CSS and SVG, no scripts, no network. */

import { formatNumber } from "../i18n/format.js";
import { type Lang, translator } from "../i18n/index.js";
import { isFigure, marksToHtml } from "./marks.js";

export { formatNumber };

export interface ReportTable {
  caption: string;
  columns: string[];
  rows: Array<Array<string | number>>;
  /** Right-align numeric cells (default true). */
  alignNumbers?: boolean;
}

export interface ReportChart {
  /** Stable id: the PNG copy is `charts/<id>.png`; the browser test looks for `figure#chart-<id>`. */
  id: string;
  title: string;
  /** One or two sentences: what the chart shows and how to read it. */
  caption: string;
  /** Rendered chart markup (SVG or a Plot figure). */
  markup: string;
}

export interface ReportSection {
  title: string;
  /** Anchor of the section (default: from its title), so a translated report can keep the English anchors. */
  id?: string;
  /** Folded: the body sits in a closed `<details>` under the heading, opened by a click (default false). */
  folded?: boolean;
  /** Paragraphs of plain text (escaped). */
  text?: string[];
  tables?: ReportTable[];
  charts?: ReportChart[];
}

export interface ReportModel {
  /** Language of the page (`<html lang>` and the page's own words); default English. */
  lang?: Lang;
  title: string;
  /** Lines under the title: run id, seed, paths, version, date. */
  meta: string[];
  sections: ReportSection[];
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** Text with its figures as `<data>` elements and its quotes marked untranslated. */
function prose(text: string): string {
  return marksToHtml(escapeHtml(text));
}

/** A cell: a number as a figure (its raw value kept), a string as text; both right-aligned when numeric. */
function cell(value: string | number, alignNumbers: boolean): string {
  const numeric = typeof value === "number" || isFigure(value);
  const text =
    typeof value === "number" ? `<data value="${value}">${formatNumber(value)}</data>` : prose(value);
  return `<td${numeric && alignNumbers ? ' class="num"' : ""}>${text}</td>`;
}

function table(t: ReportTable): string {
  const align = t.alignNumbers ?? true;
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = t.rows.map((row) => `<tr>${row.map((v) => cell(v, align)).join("")}</tr>`).join("\n");
  return `<table><caption>${prose(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function chart(c: ReportChart): string {
  return `<figure id="chart-${escapeHtml(c.id)}" class="chart"><h3>${escapeHtml(c.title)}</h3>${c.markup}<figcaption>${prose(c.caption)} <a href="charts/${escapeHtml(c.id)}.png">PNG</a></figcaption></figure>`;
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 980px; color: #222; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
h3 { font-size: 1rem; margin: .2rem 0; } .meta { color: #666; margin: 0; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 13px; display: block; max-width: 100%; overflow-x: auto; }
caption { text-align: left; font-weight: 600; }
th, td { padding: .25rem .6rem; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
td.num { text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: normal; }
figure.chart { margin: 1.2rem 0; max-width: 100%; overflow-x: auto; }
figcaption { color: #555; font-size: 12.5px; }
/* A chart keeps its drawn size (its text readable) and scrolls sideways in its figure on a narrow screen. */
figure.chart svg { max-width: none; height: auto; }
`;

/** A section's anchor: its title in lower case, runs of other characters as one hyphen ("P(default) by year" →
 * "p-default-by-year"). */
export function anchor(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "section"
  );
}

/** The sections' anchors: each its own or its title's, numbered on a repeat. */
function sectionIds(sections: readonly ReportSection[]): string[] {
  const seen = new Map<string, number>();
  return sections.map((section) => {
    const base = section.id ?? anchor(section.title);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

/** Renders the report model to one HTML document, with a table of contents of its sections. */
export function renderReportHtml(model: ReportModel): string {
  const lang = model.lang ?? "en";
  const t = translator(lang);
  const ids = sectionIds(model.sections);
  const contents = `<nav class="toc"><h2>${escapeHtml(t("report.contents"))}</h2><ol>${model.sections
    .map((s, k) => `<li><a href="#${ids[k]}">${escapeHtml(s.title)}</a></li>`)
    .join("")}</ol></nav>`;
  const sections = model.sections
    .map((s, k) => {
      const text = (s.text ?? []).map((p) => `<p>${prose(p)}</p>`).join("\n");
      const tables = (s.tables ?? []).map(table).join("\n");
      const charts = (s.charts ?? []).map(chart).join("\n");
      const body = `${text}\n${charts}\n${tables}`;
      const heading = `<section id="${ids[k]}"><h2>${escapeHtml(s.title)}</h2>`;
      return s.folded
        ? `${heading}\n<details><summary>${escapeHtml(t("report.show"))}</summary>\n${body}</details></section>`
        : `${heading}\n${body}</section>`;
    })
    .join("\n");
  const meta = model.meta.map((m) => `<p class="meta">${prose(m)}</p>`).join("\n");
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(model.title)}</h1>
${meta}
${contents}
${sections}
</body></html>
`;
}
