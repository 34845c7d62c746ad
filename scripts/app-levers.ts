/**
 * Chooses the web app's sliders by sensitivity analysis, not by hand, and writes app/levers.json
 * (`npm run app:levers`). On the default scenario it finds the entities that default on some path by the end of
 * LEVER_YEAR (the rows of the app's P(default) table) and ranks the world assumptions — the numbers every scenario shares, so a
 * slider means the same in each — one at a time, as a slider moves them: the assumption held at the low and at
 * the high end of its stated range while every other number is drawn across its range (a tornado under full
 * uncertainty, with common random numbers). A tornado with the others at their point values would not do: at
 * the point values almost nobody defaults, so nearly every bar is 0. The LEVER_COUNT assumptions with the
 * largest total swing of those probabilities are the sliders. test/app/levers.test.ts re-derives the
 * ranking of the chosen levers and the next ones.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadScenario } from "../src/scenario/loader.js";
import { withParameter } from "../src/scenario/parameters.js";
import type { Scenario } from "../src/scenario/schema.js";
import { scenarioFactors } from "../src/scenario/sensitivity/factors.js";
import { simulate } from "../src/scenario/simulate.js";

/** Sliders the app shows. */
export const LEVER_COUNT = 6;
/** The year whose P(default) the levers are ranked by. */
export const LEVER_YEAR = "2030";
/** Monte Carlo paths per tornado point, and the seed (common random numbers across points). */
export const LEVER_PATHS = 100;
export const LEVER_SEED = 1;

/** One world assumption's swing of each output between the ends of its range. */
export interface LeverRank {
  path: string;
  /** |P(default) at the high end − at the low end|, per output, in `outputs` order. */
  swings: number[];
  /** Sum of the swings: the ranking key. */
  score: number;
}

/** What app/levers.json holds. */
export interface LeversFile {
  generatedBy: string;
  scenario: string;
  method: "one at a time under full uncertainty";
  paths: number;
  seed: number;
  /** The P(default) outputs ranked by, `pDefault:<entity>:<year>`. */
  outputs: string[];
  /** The chosen parameter paths, most influential first. */
  levers: string[];
  /** Every world assumption, by score. */
  ranking: LeverRank[];
}

/**
 * The world assumptions `select` accepts, ranked by the total swing of the entities' P(default by the end of
 * LEVER_YEAR) between the ends of each one's range, the others drawn.
 */
export async function rankLevers(
  scenario: Scenario,
  entities: readonly string[],
  select: (path: string) => boolean,
): Promise<LeverRank[]> {
  const pDefaults = async (s: Scenario) => {
    const result = await simulate(s, { paths: LEVER_PATHS, seed: LEVER_SEED });
    return entities.map((e) => result.entities[e].pDefaultByYear[LEVER_YEAR]);
  };
  const ranking: LeverRank[] = [];
  for (const factor of scenarioFactors(scenario, (path) => path.startsWith("world.") && select(path))) {
    const low = await pDefaults(withParameter(scenario, factor.name, factor.low));
    const high = await pDefaults(withParameter(scenario, factor.name, factor.high));
    const swings = low.map((p, k) => Math.abs(high[k] - p));
    ranking.push({ path: factor.name, swings, score: swings.reduce((a, b) => a + b, 0) });
  }
  // Stable: ties keep the file's order.
  return ranking.sort((a, b) => b.score - a.score);
}

async function main(): Promise<void> {
  const scenario = await loadScenario("default");
  const base = await simulate(scenario, { paths: 200, seed: LEVER_SEED });
  const entities = Object.keys(base.entities).filter((e) => base.entities[e].pDefaultByYear[LEVER_YEAR] > 0);
  const ranking = await rankLevers(scenario, entities, () => true);
  const file: LeversFile = {
    generatedBy: "npm run app:levers (scripts/app-levers.ts)",
    scenario: "default",
    method: "one at a time under full uncertainty",
    paths: LEVER_PATHS,
    seed: LEVER_SEED,
    outputs: entities.map((e) => `pDefault:${e}:${LEVER_YEAR}`),
    levers: ranking.slice(0, LEVER_COUNT).map((r) => r.path),
    ranking,
  };
  writeFileSync(new URL("../app/levers.json", import.meta.url), `${JSON.stringify(file, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
