/**
 * The explorer's state and its URL: the scenario, the values of the sliders that were moved, the paths, the
 * seed, the year P(default) is read at and the language, as query parameters, so that a view can be shared and
 * restored (`?scenario=ceiling&paths=500&seed=1&lang=ja&world.revenue.bassQ=0.5`).
 */
import { isLang, type Lang } from "../../src/i18n/lang.js";

/** Path counts the explorer offers. */
export const PATH_CHOICES = [100, 200, 500, 1000, 2000] as const;
export const DEFAULT_PATHS = 500;

export interface View {
  scenario: string;
  /** Slider values by parameter path: only the moved ones; the others are drawn across their ranges. */
  values: Record<string, number>;
  paths: number;
  seed: number;
  /** Calendar year of the P(default) shown; undefined: the scenario's default (2030, or its last year). */
  year?: string;
  lang: Lang;
}

/** The view a query string describes; anything missing or invalid takes its default. */
export function readView(search: string, scenarios: readonly string[], levers: readonly string[]): View {
  const query = new URLSearchParams(search);
  const scenario = query.get("scenario") ?? "";
  const paths = Number(query.get("paths"));
  const seed = Number(query.get("seed"));
  const lang = query.get("lang");
  const year = query.get("year");
  const values: Record<string, number> = {};
  for (const path of levers) {
    const text = query.get(path);
    if (text !== null && text !== "" && Number.isFinite(Number(text))) values[path] = Number(text);
  }
  return {
    scenario: scenarios.includes(scenario) ? scenario : scenarios[0],
    values,
    paths: (PATH_CHOICES as readonly number[]).includes(paths) ? paths : DEFAULT_PATHS,
    seed: Number.isSafeInteger(seed) && query.has("seed") ? seed : 1,
    ...(year !== null && /^\d{4}$/.test(year) ? { year } : {}),
    lang: isLang(lang) ? lang : "en",
  };
}

/** The query string of a view (with the leading `?`). */
export function writeView(view: View): string {
  const query = new URLSearchParams({
    scenario: view.scenario,
    paths: String(view.paths),
    seed: String(view.seed),
    lang: view.lang,
  });
  if (view.year !== undefined) query.set("year", view.year);
  for (const [path, value] of Object.entries(view.values)) query.set(path, String(value));
  return `?${query}`;
}
