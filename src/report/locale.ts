/**
 * What the report needs to speak one language: its messages, its figures (numbers, money, percentages — each
 * optionally marked so the page keeps the raw value), dates and quarters, and the reader's words for the
 * model's identifiers (holder kinds, causes, parts of the model, units).
 */
import type { MessageKey } from "../i18n/catalogue.js";
import {
  formatDate,
  formatNumber,
  formatPercent,
  formatQuarter,
  formatUsdBillions,
  formatYear,
} from "../i18n/format.js";
import type { Lang } from "../i18n/lang.js";
import { catalogue, translator } from "../i18n/translate.js";
import { markFigure, markVerbatim } from "./marks.js";

/** The groups of identifiers the report shows in the reader's words (`report.term.<group>` of the catalogue). */
export type TermGroup = "kind" | "cause" | "group" | "lossPart" | "stopReason" | "bloc";

/** The report's language: messages, figures and words. */
export interface ReportLocale {
  lang: Lang;
  /** A message of the catalogue with its parameters filled. */
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** A number (3 significant digits, thousands separated). */
  num: (value: number) => string;
  /** A count or a given value, written as it is (1000 paths, a threshold of 0.5). */
  count: (value: number) => string;
  /** An amount in billions of US dollars: the bare number in English, with 兆/億 ドル in Japanese. */
  usd: (usdB: number) => string;
  /** A table cell holding an amount in billions of US dollars: a number in English (the column names the unit). */
  usdCell: (usdB: number) => string | number;
  /** A share as a whole percentage. */
  pct: (share: number) => string;
  year: (year: string | number) => string;
  quarter: (label: string) => string;
  date: (iso: string) => string;
  /** An identifier of `group` in the reader's words; an unknown one as written. */
  term: (group: TermGroup, id: string) => string;
  /** A unit or a distribution of the appendix, word by word in the reader's words. */
  words: (text: string) => string;
  /** Text quoted as written (a source, a reason, a description from a scenario file). */
  verbatim: (text: string) => string;
  /** Items of a list in one sentence. */
  list: (items: readonly string[]) => string;
  /** Sentences of one paragraph. */
  sentences: (items: readonly string[]) => string;
}

/**
 * The locale of `lang`. With `mark`, figures carry their raw values to the page (`marks.ts`) and quoted text is
 * marked as such; without it (the default), they are plain text.
 */
export function reportLocale(lang: Lang = "en", mark = false): ReportLocale {
  const figure = (value: number, text: string) => (mark ? markFigure(value, text) : text);
  const strings = catalogue(lang).report.term;
  const words = Object.entries(strings.word).sort((a, b) => b[0].length - a[0].length);
  const wordPattern = new RegExp(`\\b(${words.map(([w]) => w).join("|")})\\b`, "g");
  const wordMap = new Map(words);
  return {
    lang,
    t: translator(lang),
    num: (value) => figure(value, formatNumber(value)),
    count: (value) => figure(value, String(value)),
    usd: (usdB) => figure(usdB, formatUsdBillions(usdB, lang)),
    usdCell: (usdB) => (lang === "en" ? usdB : figure(usdB, formatUsdBillions(usdB, lang))),
    pct: (share) => figure(share, formatPercent(share)),
    year: (year) => formatYear(year, lang),
    quarter: (label) => formatQuarter(label, lang),
    date: (iso) => formatDate(iso, lang),
    term: (group, id) => {
      const names: Readonly<Record<string, string>> = strings[group];
      return Object.hasOwn(names, id) ? names[id] : id;
    },
    words: (text) => text.replace(wordPattern, (w) => wordMap.get(w) ?? w),
    verbatim: (text) => (mark && lang !== "en" ? markVerbatim(text) : text),
    list: (items) => items.join(lang === "ja" ? "；" : "; "),
    sentences: (items) => items.join(lang === "ja" ? "" : " "),
  };
}
