/**
 * No look-ahead: a scenario is the world as known when its first quarter closes, so the documents it cites by key
 * are dated no later than that. A later document may only check a scenario (calibration targets), never set one of
 * its numbers.
 */
import { quarterIndex } from "../util/quarter.js";
import type { Scenario } from "./schema.js";

/** A source a scenario cites that is dated after its first quarter's end. */
export interface LateSource {
  /** Key in the scenario's `sources`. */
  key: string;
  /** The source's date as written. */
  date: string;
}

const DATE = /(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/g;

/** The latest date written in `text` ("2025-09/2025-11" → 2025-11), each at its period's first day, as "YYYY-MM-DD";
 * undefined when `text` holds none. */
export function latestDate(text: string): string | undefined {
  let latest: string | undefined;
  for (const [, year, month, day] of text.matchAll(DATE)) {
    const date = `${year}-${month ?? "01"}-${day ?? "01"}`;
    if (latest === undefined || date > latest) latest = date;
  }
  return latest;
}

/** Last day of quarter `label` ("2026Q1" → "2026-03-31"). */
export function quarterEnd(label: string): string {
  const index = quarterIndex(label);
  const year = Math.floor(index / 4);
  return `${year}-${["03-31", "06-30", "09-30", "12-31"][index % 4]}`;
}

/** The sources `scenario` cites that are dated after the end of its start quarter (or carry no date at all). */
export function lateSources(scenario: Scenario): LateSource[] {
  const end = quarterEnd(scenario.start);
  const late: LateSource[] = [];
  for (const [key, source] of Object.entries(scenario.sources)) {
    const date = latestDate(source.date);
    if (date === undefined || date > end) late.push({ key, date: source.date });
  }
  return late;
}
