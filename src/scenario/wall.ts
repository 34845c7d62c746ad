/**
 * A scenario's wall probability: the share of its parameter draws whose capability curve's gain per 10× compute
 * halves within `withinOom` orders of magnitude of the start — the quantity `wallcast bend` estimates from data
 * (docs/forecast.md §3), so a scenario's capability assumptions can be checked against the evidence.
 */
import { capabilityAt } from "../economy/capability.js";
import { createAccumulator } from "../economy/outputs.js";
import { createPathContext, PathWorkspace } from "../economy/path.js";
import { capabilityCurve } from "../economy/rules/capability.js";
import { compileScenario } from "./compile.js";
import { drawPathParameters, pathStreams, withFullUncertainty } from "./parameters.js";
import type { Scenario } from "./schema.js";

/** Horizon, draws and seed of `wallProbability`. */
export interface WallOptions {
  /** Horizon in OOM of effective compute above the start (default 2). */
  withinOom?: number;
  /** Parameter draws (default 20,000). */
  draws?: number;
  /** Seed of the draws (default 1); draw k is simulate's parameter draw of path k. */
  seed?: number;
  /** As in `simulate`: "full" (default) draws every assumption across its range, "point" holds it. */
  uncertainty?: "full" | "point";
}

/** A scenario's wall probability with its Monte Carlo standard error. */
export interface WallProbability {
  /** Share of draws whose gain per OOM halves within `withinOom`. */
  pHalve: number;
  /** Its Monte Carlo standard error. */
  standardError: number;
  withinOom: number;
  draws: number;
}

/** Points at which the gain is checked, as in `analyseBend`. */
const GRID = 100;
/** Step of the central differences, OOM. */
const H = 1e-4;

/** P(the gain per 10× of the scenario's capability curve halves within `withinOom` OOM of the start). */
export function wallProbability(scenario: Scenario, options: WallOptions = {}): WallProbability {
  const withinOom = options.withinOom ?? 2;
  const draws = options.draws ?? 20_000;
  const seed = options.seed ?? 1;
  if (!(withinOom > 0)) throw new RangeError(`invalid withinOom: ${withinOom}`);
  if (!(Number.isSafeInteger(draws) && draws > 0)) throw new RangeError(`invalid draws: ${draws}`);
  const { model, parameters } = compileScenario(
    options.uncertainty === "point" ? scenario : withFullUncertainty(scenario),
  );
  const ws = new PathWorkspace(model);
  const acc = createAccumulator(model.entities.ids.length, 1);
  const theta = new Float64Array(parameters.paths.length);
  const z = new Float64Array(2 * parameters.random.length);
  let halved = 0;
  for (let k = 0; k < draws; k++) {
    drawPathParameters(parameters, seed, k, theta, z);
    const curve = capabilityCurve(createPathContext(model, theta, pathStreams(seed, k), ws, acc));
    const gain = (u: number) => (capabilityAt(curve, u + H) - capabilityAt(curve, u - H)) / (2 * H);
    // The gain now: just above the start (the curves are linear below it).
    const now = (capabilityAt(curve, H) - capabilityAt(curve, 0)) / H;
    let halves = now <= 0;
    for (let g = 1; g <= GRID && !halves; g++) halves = gain((withinOom * g) / GRID) < now / 2;
    if (halves) halved++;
  }
  const p = halved / draws;
  return { pHalve: p, standardError: Math.sqrt((p * (1 - p)) / draws), withinOom, draws };
}
