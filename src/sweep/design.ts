/**
 * The designs of a sweep: which scenario numbers are varied, and the points (values of those numbers) to
 * evaluate. Sobol and Morris reuse the sensitivity designs; Latin hypercube samples draw from each number's own
 * distribution; a grid steps named numbers over their ranges.
 */
import { normalQuantile } from "../forecast/distributions.js";
import { drawFromNormal } from "../scenario/distributions.js";
import { scenarioQuantities } from "../scenario/parameters.js";
import type { Scenario } from "../scenario/schema.js";
import {
  FACTOR_GROUPS,
  factorGroup,
  type MorrisDesign,
  morrisDesign,
  type ScenarioFactor,
  type SobolDesign,
  scaleToFactors,
  scenarioFactors,
  sobolDesign,
} from "../scenario/sensitivity/index.js";
import { InputError } from "../util/errors.js";
import { randomStream } from "../util/random.js";

/** The designs `sweep` builds. */
export const SWEEP_DESIGNS = ["sobol", "morris", "lhs", "grid"] as const;
/** One of SWEEP_DESIGNS. */
export type SweepDesignKind = (typeof SWEEP_DESIGNS)[number];

/** Most points a grid may have (levels to the power of its factors). */
export const MAX_GRID_POINTS = 100_000;

/** What a design is built from. */
export interface DesignOptions {
  /** sobol, morris, lhs or grid. */
  design: SweepDesignKind;
  /**
   * What to vary: factor groups (FACTOR_GROUPS names such as `capability`, `balance sheets`) or parameter-path
   * prefixes (`world.revenue`, `entities.openai.cash`). Default: every uncertain number (a grid needs some).
   * For sobol each item is one group of the grouped indices (default: one group per FACTOR_GROUPS group present).
   */
  over?: readonly string[];
  /** sobol: base samples N (default 64); morris: trajectories (default 10); lhs: points (default 64); grid:
   * levels per factor (default 3). */
  samples?: number;
  /** Seed of the design's random stream. */
  seed: number;
}

/** A design's points in the units of its factors, and what the analysis needs to read them. */
export interface SweepDesign {
  /** The design's kind. */
  kind: SweepDesignKind;
  /** The varied numbers, in column order of `points`. */
  factors: ScenarioFactor[];
  /** Group (index into `groups`) of each factor. */
  groupOf: number[];
  /** Names of the groups: the `--over` items, or FACTOR_GROUPS names; for morris, lhs and grid, the factors. */
  groups: string[];
  /** The design's `samples` as resolved (N, trajectories, points or levels). */
  samples: number;
  /** The points, each a value per factor. */
  points: Float64Array[];
  /** The Sobol design behind the points (sobol only). */
  sobol?: SobolDesign;
  /** The Morris design behind the points (morris only). */
  morris?: MorrisDesign;
}

const DEFAULT_SAMPLES: Readonly<Record<SweepDesignKind, number>> = {
  sobol: 64,
  morris: 10,
  lhs: 64,
  grid: 3,
};

function matches(item: string, path: string): boolean {
  if ((FACTOR_GROUPS as readonly string[]).includes(item)) return factorGroup(path) === item;
  return path === item || path.startsWith(item.endsWith(".") ? item : `${item}.`);
}

/**
 * The factors a sweep varies: every uncertain number of the scenario, or those the `over` items select, each
 * with the index of the first item that selects it. InputError (field `--over`) for an item that selects none.
 */
export function selectFactors(
  scenario: Scenario,
  over: readonly string[] | undefined,
): { factors: ScenarioFactor[]; item: number[] } {
  const all = scenarioFactors(scenario);
  if (over === undefined || over.length === 0) {
    if (all.length === 0)
      throw new InputError({ field: "--over", message: "the scenario has no uncertain number to vary" });
    return { factors: all, item: all.map(() => -1) };
  }
  for (const entry of over)
    if (!all.some((f) => matches(entry, f.name)))
      throw new InputError({
        field: "--over",
        value: entry,
        message: `selects no uncertain number (groups: ${FACTOR_GROUPS.join(", ")}; or a parameter path prefix)`,
      });
  const factors: ScenarioFactor[] = [];
  const item: number[] = [];
  for (const f of all) {
    const k = over.findIndex((entry) => matches(entry, f.name));
    if (k < 0) continue;
    factors.push(f);
    item.push(k);
  }
  return { factors, item };
}

/** The inverse CDF of a factor's distribution at u ∈ (0, 1): its declared distribution, or a triangular one over
 * its range with the mode at its value (what `simulate` draws an assumption from). */
function factorQuantile(
  scenario: Scenario,
  factors: readonly ScenarioFactor[],
): Array<(u: number) => number> {
  const dists = new Map(scenarioQuantities(scenario).map((q) => [q.path, q.quantity.dist]));
  return factors.map((f) => {
    const dist = dists.get(f.name);
    if (f.from === "distribution" && dist !== undefined)
      return (u) => drawFromNormal(dist, normalQuantile(u));
    const { low: lo, base: mode, high: hi } = f;
    const cut = (mode - lo) / (hi - lo);
    return (u) =>
      u < cut
        ? lo + Math.sqrt(u * (hi - lo) * (mode - lo))
        : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
  });
}

/**
 * A Latin hypercube sample of `n` points: each factor's range of probability is cut into `n` equal strata, each
 * stratum used once (a seeded permutation per factor), a seeded uniform draw inside it, mapped through the
 * factor's distribution.
 */
export function latinHypercube(
  scenario: Scenario,
  factors: readonly ScenarioFactor[],
  n: number,
  seed: number,
): Float64Array[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`invalid samples: ${n}`);
  const rng = randomStream(seed, 0x6c6873);
  const quantile = factorQuantile(scenario, factors);
  const points = Array.from({ length: n }, () => new Float64Array(factors.length));
  const order = new Int32Array(n);
  for (let i = 0; i < factors.length; i++) {
    for (let j = 0; j < n; j++) order[j] = j;
    for (let j = n - 1; j > 0; j--) {
      const k = rng.int(j + 1);
      const tmp = order[j];
      order[j] = order[k];
      order[k] = tmp;
    }
    for (let j = 0; j < n; j++) {
      let u = (order[j] + rng.uniform()) / n;
      // A draw at exactly 0 would map a lognormal to 0 or a normal to −∞.
      if (u <= 0) u = 0.5 / n;
      points[j][i] = quantile[i](u);
    }
  }
  return points;
}

/** The full factorial grid of `levels` evenly spaced values over each factor's range; the first factor varies
 * slowest. */
export function gridPoints(factors: readonly ScenarioFactor[], levels: number): Float64Array[] {
  if (!Number.isInteger(levels) || levels < 2) throw new RangeError(`invalid levels: ${levels}`);
  const total = levels ** factors.length;
  if (total > MAX_GRID_POINTS)
    throw new RangeError(`invalid grid: ${levels}^${factors.length} points, more than ${MAX_GRID_POINTS}`);
  const points: Float64Array[] = [];
  const index = new Int32Array(factors.length);
  for (let p = 0; p < total; p++) {
    let rest = p;
    for (let i = factors.length - 1; i >= 0; i--) {
      index[i] = rest % levels;
      rest = Math.floor(rest / levels);
    }
    points.push(Float64Array.from(factors, (f, i) => f.low + ((f.high - f.low) * index[i]) / (levels - 1)));
  }
  return points;
}

/** Builds the design of a sweep; InputError for a selection or size the design cannot take. */
export function buildDesign(scenario: Scenario, options: DesignOptions): SweepDesign {
  const kind = options.design;
  if (!(SWEEP_DESIGNS as readonly string[]).includes(kind))
    throw new InputError({ field: "--design", value: kind, message: `expected ${SWEEP_DESIGNS.join(", ")}` });
  const samples = options.samples ?? DEFAULT_SAMPLES[kind];
  const bad = (message: string) => new InputError({ field: "--samples", value: samples, message });
  if (kind === "grid" && (options.over === undefined || options.over.length === 0))
    throw new InputError({ field: "--over", message: "a grid needs the numbers to step (--over PATH …)" });
  const { factors, item } = selectFactors(scenario, options.over);
  const names = factors.map((f) => f.name);
  if (kind === "sobol") {
    if (!Number.isInteger(samples) || samples < 2) throw bad("sobol needs at least 2 base samples");
    // Groups: the --over items, else the FACTOR_GROUPS present (the grouped analysis of `sensitivity --groups`).
    const labels =
      options.over && options.over.length > 0
        ? options.over.filter((_, k) => item.includes(k))
        : FACTOR_GROUPS.filter((g) => factors.some((f) => factorGroup(f.name) === g));
    const groupOf = factors.map((f, i) =>
      options.over && options.over.length > 0
        ? labels.indexOf(options.over[item[i]])
        : labels.indexOf(factorGroup(f.name) as (typeof FACTOR_GROUPS)[number]),
    );
    const sobol = sobolDesign(factors.length, { samples, seed: options.seed, groups: groupOf });
    const points = sobol.points.map((u) => scaleToFactors(factors, u));
    return { kind, factors, groupOf, groups: [...labels], samples, points, sobol };
  }
  const groupOf = factors.map((_, i) => i);
  if (kind === "morris") {
    if (!Number.isInteger(samples) || samples < 1) throw bad("morris needs at least 1 trajectory");
    const morris = morrisDesign(factors.length, { trajectories: samples, seed: options.seed });
    const points = morris.points.map((u) => scaleToFactors(factors, u));
    return { kind, factors, groupOf, groups: names, samples, points, morris };
  }
  if (kind === "lhs") {
    if (!Number.isInteger(samples) || samples < 2) throw bad("lhs needs at least 2 points");
    return {
      kind,
      factors,
      groupOf,
      groups: names,
      samples,
      points: latinHypercube(scenario, factors, samples, options.seed),
    };
  }
  if (!Number.isInteger(samples) || samples < 2) throw bad("a grid needs at least 2 levels");
  if (samples ** factors.length > MAX_GRID_POINTS)
    throw bad(
      `${samples} levels over ${factors.length} numbers is ${samples ** factors.length} points (at most ${MAX_GRID_POINTS})`,
    );
  return { kind, factors, groupOf, groups: names, samples, points: gridPoints(factors, samples) };
}
