/**
 * Frontier tracking: the best value to date within a group (an organisation, a country bloc), and the gap in
 * time between two frontiers: at date t, how long ago the leader's frontier first reached the follower's
 * current level.
 */

/** A model's value at its release date, in a group. */
export interface DatedValue {
  name: string;
  group: string;
  /** Release date, decimal year. */
  year: number;
  value: number;
}

/** A new best: the model that raised its group's frontier. */
export interface FrontierRecord {
  name: string;
  year: number;
  value: number;
}

/** The records of the running best, in date order (each strictly above the one before); skips NaN. */
export function runningBest(points: readonly DatedValue[]): FrontierRecord[] {
  const sorted = points
    .filter((p) => Number.isFinite(p.year) && Number.isFinite(p.value))
    .sort((a, b) => a.year - b.year || b.value - a.value);
  const records: FrontierRecord[] = [];
  let best = Number.NEGATIVE_INFINITY;
  for (const p of sorted) {
    if (p.value > best) {
      best = p.value;
      records.push({ name: p.name, year: p.year, value: p.value });
    }
  }
  return records;
}

/** The running best of each group, by group name. */
export function frontierByGroup(points: readonly DatedValue[]): Map<string, FrontierRecord[]> {
  const groups = new Map<string, DatedValue[]>();
  for (const p of points) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  const out = new Map<string, FrontierRecord[]>();
  for (const [group, own] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1)))
    out.set(group, runningBest(own));
  return out;
}

/** The frontier level at `year` (records dated on or before it); −Infinity before the first record. */
export function levelAt(records: readonly FrontierRecord[], year: number): number {
  let level = Number.NEGATIVE_INFINITY;
  for (const r of records) {
    if (r.year > year) break;
    level = r.value;
  }
  return level;
}

/** The first date the frontier reached `level` or above; NaN if it never did. */
export function firstReached(records: readonly FrontierRecord[], level: number): number {
  for (const r of records) if (r.value >= level) return r.year;
  return Number.NaN;
}

/** The gap between two frontiers at one date. */
export interface GapPoint {
  year: number;
  /** Which frontier is ahead ("a", "b"), or "tie"; "" when either has no model yet. */
  leader: "a" | "b" | "tie" | "";
  levelA: number;
  levelB: number;
  /** 12 × (year − first date the leader reached the follower's level); 0 at a tie; NaN before both exist. */
  months: number;
}

/** The gap between frontiers `a` and `b` at each date of `years`. */
export function frontierGap(
  a: readonly FrontierRecord[],
  b: readonly FrontierRecord[],
  years: readonly number[],
): GapPoint[] {
  return years.map((year) => {
    const levelA = levelAt(a, year);
    const levelB = levelAt(b, year);
    if (!(Number.isFinite(levelA) && Number.isFinite(levelB)))
      return { year, leader: "", levelA, levelB, months: Number.NaN };
    if (levelA === levelB) return { year, leader: "tie", levelA, levelB, months: 0 };
    const [leader, lead, follow] =
      levelA > levelB ? (["a", a, levelB] as const) : (["b", b, levelA] as const);
    return { year, leader, levelA, levelB, months: 12 * (year - firstReached(lead, follow)) };
  });
}

/** Evenly spaced dates from `from` to `to` inclusive, `stepYears` apart. */
export function dateGrid(from: number, to: number, stepYears: number): number[] {
  if (!(stepYears > 0)) throw new RangeError(`invalid stepYears: ${stepYears}`);
  if (!(Number.isFinite(from) && Number.isFinite(to) && from <= to))
    throw new RangeError(`invalid range: ${from}, ${to}`);
  const out: number[] = [];
  for (let k = 0; from + k * stepYears <= to + 1e-9; k++) out.push(from + k * stepYears);
  return out;
}
