/**
 * The US–China frontier gap on dated values grouped by country bloc, with the interval of the signed US lead
 * over bootstrap replicates of the values (the same gap recomputed on each replicate).
 */
import { quantileSorted } from "../../util/quantile.js";
import { type DatedValue, dateGrid, type FrontierRecord, frontierByGroup, frontierGap } from "./frontier.js";

/** The gap at one date. */
export interface UsChinaGapPoint {
  /** Decimal year. */
  year: number;
  /** Which bloc is ahead, "tie", or "" when either has no model yet. */
  leader: "US" | "China" | "tie" | "";
  levelUs: number;
  levelChina: number;
  /** How long ago the leader reached the follower's level, months; NaN before both blocs exist. */
  months: number;
  /** Signed lead, months: positive when the US leads, negative when China does. */
  usLeadMonths: number;
  /** Bootstrap interval of usLeadMonths at `level`; NaN without replicates. */
  usLeadLo: number;
  usLeadHi: number;
}

/** Options of `usChinaGap`: the date grid and, for an interval, bootstrap replicates of the values. */
export interface UsChinaGapOptions {
  /** Months between gap dates; default 1. */
  stepMonths?: number;
  /** Last gap date, decimal year; default the latest finite date among the points. */
  until?: number;
  /** Replicate values, point-major: point m on replicate r at `m × replicates + r`; default none. */
  replicateValues?: ArrayLike<number>;
  /** Number of replicates in replicateValues; default 0. */
  replicates?: number;
  /** Central interval level in (0, 1); default 0.9. */
  level?: number;
}

/** What `usChinaGap` returns: every bloc's running frontier and the gap at each grid date. */
export interface UsChinaGap {
  /** Running best of every bloc (group), by bloc name. */
  byBloc: Map<string, FrontierRecord[]>;
  points: UsChinaGapPoint[];
}

function signedUsLead(g: { leader: string; months: number }): number {
  return g.leader === "b" ? -g.months : g.months;
}

/** The US–China gap from the first date both blocs have a model to `until`, every `stepMonths` months. */
export function usChinaGap(points: readonly DatedValue[], options: UsChinaGapOptions = {}): UsChinaGap {
  const { stepMonths = 1, replicateValues, replicates = 0, level = 0.9 } = options;
  if (!(level > 0 && level < 1)) throw new RangeError(`invalid level: ${level}`);
  const byBloc = frontierByGroup(points);
  const us = byBloc.get("US") ?? [];
  const china = byBloc.get("China") ?? [];
  const until =
    options.until ?? Math.max(...points.filter((p) => Number.isFinite(p.year)).map((p) => p.year));
  const grid =
    us.length > 0 && china.length > 0
      ? dateGrid(Math.max(us[0].year, china[0].year), until, stepMonths / 12)
      : [];
  const replicateMonths: number[][] = grid.map(() => []);
  if (replicateValues !== undefined)
    for (let r = 0; r < replicates; r++) {
      const own = frontierByGroup(
        points.map((p, m) => ({ ...p, value: replicateValues[m * replicates + r] })),
      );
      frontierGap(own.get("US") ?? [], own.get("China") ?? [], grid).forEach((g, k) => {
        replicateMonths[k].push(signedUsLead(g));
      });
    }
  const tail = (1 - level) / 2;
  return {
    byBloc,
    points: frontierGap(us, china, grid).map((g, k) => {
      const leads = replicateMonths[k].filter(Number.isFinite).sort((a, b) => a - b);
      return {
        year: g.year,
        leader: g.leader === "a" ? "US" : g.leader === "b" ? "China" : g.leader,
        levelUs: g.levelA,
        levelChina: g.levelB,
        months: g.months,
        usLeadMonths: signedUsLead(g),
        usLeadLo: quantileSorted(leads, tail),
        usLeadHi: quantileSorted(leads, 1 - tail),
      };
    }),
  };
}
