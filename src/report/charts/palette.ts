import { formatQuarter } from "../../i18n/format.js";
import type { Lang } from "../../i18n/lang.js";

/**
 * Scenario colours that stay the same in every chart and every report: the library's scenarios have their own
 * (colour-blind-safe, Okabe–Ito and Tableau hues), other scenarios take the unused ones in the order given.
 */

/** The library's scenarios, each with its colour. */
const LIBRARY: Readonly<Record<string, string>> = {
  default: "#0072b2",
  "scaling-continues": "#009e73",
  ceiling: "#d55e00",
  "s-curve-tops": "#cc79a7",
  "efficiency-shock": "#e69f00",
  "export-controls": "#56b4e9",
  "new-architectures": "#8c564b",
  "us-lead": "#3b3b98",
  "china-catch-up": "#c0392b",
  "backcast-2023": "#7f7f7f",
};

/** Colours for scenarios outside the library, in turn (then around again). */
const SPARE = ["#bcbd22", "#17becf", "#9467bd", "#2ca02c", "#ff7f0e", "#1f77b4"];

/** Plot's colour scale for `scenarios`: each keeps its colour whatever the others are or their order. */
export function scenarioColors(scenarios: readonly string[]): { domain: string[]; range: string[] } {
  let spare = 0;
  const used = new Set(scenarios.map((s) => LIBRARY[s]).filter(Boolean));
  const free = SPARE.filter((c) => !used.has(c));
  return {
    domain: [...scenarios],
    range: scenarios.map((s) => LIBRARY[s] ?? free[spare++ % free.length]),
  };
}

/**
 * Ticks of a time axis in decimal years: the whole years when the data span at least two of them, else one per
 * quarter labelled "2025Q3" — so a short span never repeats a year under several ticks.
 */
export function yearTicks(
  years: readonly number[],
  lang: Lang = "en",
): { ticks: number[]; tickFormat: (t: number) => string } {
  if (years.length === 0) return { ticks: [], tickFormat: String };
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const t of years) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const whole: number[] = [];
  for (let y = Math.ceil(lo); y <= Math.floor(hi); y++) whole.push(y);
  if (whole.length >= 2) {
    // At most about ten labels: every k-th year.
    const step = Math.ceil(whole.length / 10);
    return {
      ticks: whole.filter((y) => (y - whole[0]) % step === 0),
      tickFormat: (t) => String(Math.round(t)),
    };
  }
  const quarters: number[] = [];
  for (let q = Math.ceil(lo * 4); q <= Math.floor(hi * 4); q++) quarters.push(q / 4);
  return {
    ticks: quarters,
    tickFormat: (t) => formatQuarter(`${Math.floor(t + 1e-9)}Q${Math.floor(((t + 1e-9) % 1) * 4) + 1}`, lang),
  };
}
