/**
 * How each scenario differs from the first scenario, path by path. A run simulates every scenario on the same seed,
 * so path k of each faces the same shocks (common random numbers): where two scenarios agree on most paths, their
 * difference is known far better than either number alone.
 */
import type { PathSummary } from "../economy/outputs.js";
import { independentDifferenceInterval, pairedDifferenceInterval } from "../util/pairedDifferenceInterval.js";

/** One number of a scenario against the first scenario's. */
export interface ScenarioDifference {
  scenario: string;
  /** The first scenario of the run. */
  against: string;
  /** `pDefault`: P(default) of the entity `subject` by the end of `year`; `meanLoss`: the mean loss of the holder
   * kind `subject` over the horizon (which ends in `year`), usdB. */
  measure: "pDefault" | "meanLoss";
  subject: string;
  year: string;
  /** The number in `scenario` and in `against`. */
  value: number;
  valueAgainst: number;
  /** value − valueAgainst. */
  difference: number;
  /** Its 95% interval from the paired paths: Newcombe's method 10 for a probability, the normal interval of the
   * mean of the paths' differences for a mean. */
  interval: [number, number];
  /** The 95% interval two independent runs of as many paths would give. */
  independentInterval: [number, number];
}

/** A scenario's path summaries, by path, and the entities it has. */
export interface ScenarioPaths {
  id: string;
  entities: readonly string[];
  paths: readonly PathSummary[];
}

/** What to compare in a scenario: entities whose P(default) and holder kinds whose mean loss. */
export interface ComparedNumbers {
  entities: readonly string[];
  lossKinds: readonly string[];
}

/**
 * Each scenario after the first against the first, for the entities and loss kinds `comparedOf` names in either
 * of the two (entities both scenarios have): P(default by the end of `year`) and mean loss over the horizon, from
 * the paths both ran. Paths are matched by index; a scenario run on other paths than the first (another count or
 * seed) is left out.
 */
export function scenarioDifferences(
  runs: readonly ScenarioPaths[],
  comparedOf: (run: ScenarioPaths) => ComparedNumbers,
  year: string,
): ScenarioDifference[] {
  const [first, ...others] = runs;
  if (first === undefined) return [];
  const out: ScenarioDifference[] = [];
  for (const run of others) {
    if (run.paths.length !== first.paths.length || run.paths.some((p, k) => p.path !== first.paths[k].path))
      continue;
    const here = comparedOf(run);
    const there = comparedOf(first);
    const base = { scenario: run.id, against: first.id, year };
    for (const entity of union(there.entities, here.entities))
      if (first.entities.includes(entity) && run.entities.includes(entity))
        out.push({ ...base, ...defaultDifference(run.paths, first.paths, entity, year) });
    for (const kind of union(there.lossKinds, here.lossKinds))
      out.push({ ...base, ...lossDifference(run.paths, first.paths, kind) });
  }
  return out;
}

type Compared = Omit<ScenarioDifference, "scenario" | "against" | "year">;

function defaultDifference(
  here: readonly PathSummary[],
  there: readonly PathSummary[],
  entity: string,
  year: string,
): Compared {
  const counts = [0, 0, 0, 0];
  for (let k = 0; k < here.length; k++) {
    const a = defaultedBy(here[k], entity, year);
    const b = defaultedBy(there[k], entity, year);
    counts[a ? (b ? 0 : 1) : b ? 2 : 3]++;
  }
  const [both, onlyHere, onlyThere, neither] = counts;
  const value = (both + onlyHere) / here.length;
  const valueAgainst = (both + onlyThere) / here.length;
  return {
    measure: "pDefault",
    subject: entity,
    value,
    valueAgainst,
    difference: value - valueAgainst,
    interval: pairedDifferenceInterval(both, onlyHere, onlyThere, neither),
    independentInterval: independentDifferenceInterval(value, valueAgainst, here.length),
  };
}

function lossDifference(here: readonly PathSummary[], there: readonly PathSummary[], kind: string): Compared {
  const n = here.length;
  const a = here.map((p) => p.losses[kind] ?? 0);
  const b = there.map((p) => p.losses[kind] ?? 0);
  const d = a.map((x, k) => x - b[k]);
  const value = mean(a);
  const valueAgainst = mean(b);
  const difference = mean(d);
  const half = (sd: number) => (1.96 * sd) / Math.sqrt(n);
  const paired = half(Math.sqrt(variance(d)));
  const independent = half(Math.sqrt(variance(a) + variance(b)));
  return {
    measure: "meanLoss",
    subject: kind,
    value,
    valueAgainst,
    difference,
    interval: [difference - paired, difference + paired],
    independentInterval: [difference - independent, difference + independent],
  };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function mean(xs: readonly number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

// Sample variance (0 for a single path).
function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let sum = 0;
  for (const x of xs) sum += (x - m) ** 2;
  return sum / (xs.length - 1);
}

// Whether the path's entity defaulted by the end of `year` (its default quarter's label starts with its year).
function defaultedBy(path: PathSummary, entity: string, year: string): boolean {
  const quarter = path.defaults[entity];
  return quarter !== undefined && quarter.slice(0, 4) <= year;
}
