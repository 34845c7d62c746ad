/**
 * Marks in the report's text. Figures: each number written into a caption, a paragraph or a cell carries its raw value
 * to the page as `<data value="raw">formatted</data>`, so the numbers of two renderings (English and Japanese)
 * can be compared as values. Quotes: text shown as a scenario file wrote it (a source, a reason), which a
 * translated page marks `<span translate="no" lang="en">`. Inside the model both are their text between
 * private-use characters, which no input holds and escaping leaves alone.
 */

const OPEN = "\uE000";
const SEPARATOR = "\uE001";
const CLOSE = "\uE002";
const FIGURE = /\uE000([^\uE001]*)\uE001([^\uE002]*)\uE002/g;
const QUOTE_OPEN = "\uE003";
const QUOTE_CLOSE = "\uE004";
const QUOTE = /\uE003([^\uE004]*)\uE004/g;

/** `text` (the formatted `value`) marked as a figure of the report. */
export function markFigure(value: number, text: string): string {
  return `${OPEN}${value}${SEPARATOR}${text}${CLOSE}`;
}

/** `text` marked as quoted as written, in English. */
export function markVerbatim(text: string): string {
  return `${QUOTE_OPEN}${text}${QUOTE_CLOSE}`;
}

/** Escaped HTML with its marks turned into `<data>` and `<span translate="no">` elements. */
export function marksToHtml(escaped: string): string {
  return escaped
    .replace(FIGURE, (_, value: string, text: string) => `<data value="${value}">${text}</data>`)
    .replace(QUOTE, (_, text: string) => `<span translate="no" lang="en">${text}</span>`);
}

/** Whether `text` is exactly one figure (a table cell to align as a number). */
export function isFigure(text: string): boolean {
  return text.startsWith(OPEN) && text.indexOf(CLOSE) === text.length - 1;
}
