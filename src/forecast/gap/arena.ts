/**
 * The Chatbot Arena history as a second, independent capability measure for the US–China gap
 * (lmarena_history/alltime.csv: one Arena Elo per model per leaderboard snapshot).
 */
import { columnIndex, readCsv } from "../../data/csv.js";
import { InputError } from "../../util/errors.js";
import { decimalYear } from "../dates.js";
import type { CountryBloc } from "../index/modelInfo.js";
import type { DatedValue } from "./frontier.js";

// Assumption (labelled): the country bloc of each Arena organisation, from where each is headquartered.
const CHINA_ORGS = new Set([
  "01 AI",
  "Alibaba",
  "DeepSeek",
  "DeepSeek AI",
  "InternLM",
  "StepFun",
  "Tencent",
  "Tsinghua",
  "Zhipu",
  "Zhipu AI",
]);
const US_ORGS = new Set([
  "Ai2",
  "Allen AI",
  "AllenAI/UW",
  "Amazon",
  "Anthropic",
  "Cognitive Computations",
  "Databricks",
  "Google",
  "HuggingFace",
  "IBM",
  "LMSYS",
  "Meta",
  "Microsoft",
  "MosaicML",
  "NexusFlow",
  "Nexusflow",
  "Nomic AI",
  "NousResearch",
  "Nvidia",
  "OpenAI",
  "Perplexity AI",
  "Princeton",
  "Reka AI",
  "Snowflake",
  "Stanford",
  "Together AI",
  "UC Berkeley",
  "UW",
  "xAI",
]);

/** The bloc of an Arena organisation (others, e.g. Mistral, Cohere, TII, are "other"). */
export function arenaBloc(organization: string): CountryBloc {
  if (CHINA_ORGS.has(organization)) return "China";
  if (US_ORGS.has(organization)) return "US";
  return "other";
}

/** One snapshot's best rating per bloc: a within-snapshot comparison, free of the drift between snapshots. */
export interface ArenaSnapshot {
  /** Snapshot date, decimal year. */
  year: number;
  date: string;
  best: Record<CountryBloc, number>;
  /** US best minus China best, Elo points (NaN when either is absent). */
  usMinusChina: number;
}

export interface ArenaHistory {
  snapshots: ArenaSnapshot[];
  /** Each model at its first appearance, valued at its rating in the last snapshot that lists it. */
  models: DatedValue[];
}

function snapshotDate(table: { file: string; lines: number[] }, row: number, text: string): [number, string] {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text.trim());
  const date = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : undefined;
  if (!date || date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31) {
    throw new InputError({
      file: table.file,
      line: table.lines[row],
      field: "date",
      value: text,
      message: "not a YYYYMMDD date",
    });
  }
  return [decimalYear(date), `${match![1]}-${match![2]}-${match![3]}`];
}

/** Reads alltime.csv (key, Model, rating, License, Organization, date). */
export function readArenaHistory(path: string): ArenaHistory {
  const table = readCsv(path);
  const key = columnIndex(table, "key");
  const rating = columnIndex(table, "rating");
  const org = columnIndex(table, "Organization");
  const dateColumn = columnIndex(table, "date");
  const snapshots = new Map<string, ArenaSnapshot>();
  const first = new Map<string, { year: number; org: string }>();
  const last = new Map<string, { year: number; rating: number }>();
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r];
    const value = Number(row[rating]);
    if (row[rating].trim() === "" || !Number.isFinite(value)) {
      throw new InputError({
        file: table.file,
        line: table.lines[r],
        field: "rating",
        value: row[rating],
        message: "not a finite number",
      });
    }
    const [year, date] = snapshotDate(table, r, row[dateColumn]);
    const bloc = arenaBloc(row[org].trim());
    const snap = snapshots.get(date) ?? {
      year,
      date,
      best: { US: Number.NaN, China: Number.NaN, other: Number.NaN },
      usMinusChina: Number.NaN,
    };
    if (!(snap.best[bloc] >= value)) snap.best[bloc] = value;
    snapshots.set(date, snap);
    const name = row[key].trim();
    const seen = first.get(name);
    if (!seen || year < seen.year) first.set(name, { year, org: row[org].trim() });
    const latest = last.get(name);
    if (!latest || year >= latest.year) last.set(name, { year, rating: value });
  }
  const ordered = [...snapshots.values()].sort((a, b) => a.year - b.year);
  for (const s of ordered) s.usMinusChina = s.best.US - s.best.China;
  const models: DatedValue[] = [...first].map(([name, f]) => ({
    name,
    group: arenaBloc(f.org),
    year: f.year,
    value: last.get(name)!.rating,
  }));
  return { snapshots: ordered, models };
}
