/**
 * How each scenario's P(default) differs from the first scenario's, path by path. A run simulates every scenario
 * on the same seed, so path k of each faces the same shocks (common random numbers): where two scenarios agree on
 * most paths, their difference is known far better than either probability alone.
 */
import type { PathSummary } from "../economy/outputs.js";
import { independentDifferenceInterval, pairedDifferenceInterval } from "../util/pairedDifferenceInterval.js";

/** A scenario's P(default) of one entity by the end of a year against the first scenario's. */
export interface ScenarioDifference {
  scenario: string;
  /** The first scenario of the run. */
  against: string;
  entity: string;
  year: string;
  /** P(default) in `scenario` and in `against`. */
  p: number;
  pAgainst: number;
  /** p − pAgainst. */
  difference: number;
  /** Its 95% interval from the paired paths (Newcombe's method 10). */
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

/**
 * Each scenario after the first against the first, for every entity in `entitiesOf(scenario)` that both have:
 * P(default by the end of `year`) from the paths both ran. Paths are matched by index; a scenario run on other
 * paths than the first (another count or seed) is left out.
 */
export function scenarioDifferences(
  runs: readonly ScenarioPaths[],
  entitiesOf: (run: ScenarioPaths) => readonly string[],
  year: string,
): ScenarioDifference[] {
  const [first, ...others] = runs;
  if (first === undefined) return [];
  const firstPaths = first.paths.map((p) => p.path);
  const out: ScenarioDifference[] = [];
  for (const run of others) {
    if (run.paths.length !== first.paths.length || run.paths.some((p, k) => p.path !== firstPaths[k]))
      continue;
    const entities = [...new Set([...entitiesOf(first), ...entitiesOf(run)])].filter(
      (id) => first.entities.includes(id) && run.entities.includes(id),
    );
    for (const entity of entities) {
      const counts = [0, 0, 0, 0];
      for (let k = 0; k < run.paths.length; k++) {
        const here = defaultedBy(run.paths[k], entity, year);
        const there = defaultedBy(first.paths[k], entity, year);
        counts[here ? (there ? 0 : 1) : there ? 2 : 3]++;
      }
      const [both, onlyHere, onlyThere, neither] = counts;
      const n = run.paths.length;
      const p = (both + onlyHere) / n;
      const pAgainst = (both + onlyThere) / n;
      out.push({
        scenario: run.id,
        against: first.id,
        entity,
        year,
        p,
        pAgainst,
        difference: p - pAgainst,
        interval: pairedDifferenceInterval(both, onlyHere, onlyThere, neither),
        independentInterval: independentDifferenceInterval(p, pAgainst, n),
      });
    }
  }
  return out;
}

// Whether the path's entity defaulted by the end of `year` (its default quarter's label starts with its year).
function defaultedBy(path: PathSummary, entity: string, year: string): boolean {
  const quarter = path.defaults[entity];
  return quarter !== undefined && quarter.slice(0, 4) <= year;
}
