/**
 * Numbers, money, percentages, quarters and dates as a reader of each language expects them. English keeps the
 * report's long-standing forms; Japanese writes money in 兆/億/万 ドル (US dollars: 3,400 usdB → "3.4兆ドル",
 * 12.5 usdB → "125億ドル"), quarters as "2026年第1四半期" and dates as "2025年10月24日".
 */
import type { Lang } from "./lang.js";

/** Numbers as an analyst reads them: 3 significant digits, thousands separated, no exponent below 1e15. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "–" : value > 0 ? "∞" : "−∞";
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e15 || magnitude < 1e-4) return value.toExponential(2);
  if (magnitude >= 1000) return Math.round(value).toLocaleString("en-US");
  return Number(value.toPrecision(3)).toString();
}

/** The Japanese units of a dollar amount, largest first: 兆 10¹², 億 10⁸, 万 10⁴. */
const JA_UNITS: ReadonlyArray<readonly [string, number]> = [
  ["兆", 1e12],
  ["億", 1e8],
  ["万", 1e4],
  ["", 1],
];

/**
 * An amount in billions of US dollars: in English the bare number (`formatNumber`; the text names the unit), in
 * Japanese with its unit, 3 significant digits in the largest of 兆/億/万 that leaves at least 1 of it
 * (999.96 usdB rounds up to "1兆ドル", never "10,000億ドル").
 */
export function formatUsdBillions(usdB: number, lang: Lang): string {
  if (lang === "en" || !Number.isFinite(usdB)) return formatNumber(usdB);
  if (usdB === 0) return "0ドル";
  const dollars = Math.abs(usdB) * 1e9;
  const sign = usdB < 0 ? "-" : "";
  for (const [unit, size] of JA_UNITS) {
    const rounded = Number((dollars / size).toPrecision(3));
    if (rounded >= 1 || size === 1) return `${sign}${formatNumber(rounded)}${unit}ドル`;
  }
  return "";
}

/** A share in [0, 1] as a whole percentage: "28%" in either language. */
export function formatPercent(share: number): string {
  return Number.isFinite(share) ? `${Math.round(100 * share)}%` : formatNumber(share);
}

const QUARTER = /^(\d{4})Q([1-4])$/;

/** A quarter label "2026Q1": unchanged in English, "2026年第1四半期" in Japanese; anything else unchanged. */
export function formatQuarter(label: string, lang: Lang): string {
  const match = QUARTER.exec(label);
  return lang === "ja" && match ? `${match[1]}年第${match[2]}四半期` : label;
}

/** A calendar year ("2035" or 2035): unchanged in English, "2035年" in Japanese. */
export function formatYear(year: string | number, lang: Lang): string {
  return lang === "ja" && String(year) !== "" ? `${year}年` : String(year);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::[\d.]+)?Z)?$/;

/**
 * An ISO date or UTC time ("2025-10-24", "2026-12-06T20:03:10.000Z"): unchanged in English, "2025年10月24日" or
 * "2026年12月6日 20:03 UTC" in Japanese; anything else unchanged.
 */
export function formatDate(iso: string, lang: Lang): string {
  const match = DATE.exec(iso);
  if (lang === "en" || !match) return iso;
  const [, y, m, d, hh, mm] = match;
  const day = `${y}年${Number(m)}月${Number(d)}日`;
  return hh === undefined ? day : `${day} ${hh}:${mm} UTC`;
}
