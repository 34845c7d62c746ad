/**
 * One Monte Carlo path of the economy, quarter by quarter: the rules of ./rules run in their stated order over
 * the path's state (docs/economy.md has the equations). A workspace — the state plus one instance of each rule —
 * is allocated once per model and reused for every path.
 */
import type { Random } from "../util/random.js";
import {
  defaultOf,
  ENTITY_DEFAULTS,
  ENTITY_FIELDS,
  type EntityField,
  FIELD_COLUMN,
  WORLD_PARAMETERS,
  type WorldField,
} from "./declarations.js";
import { LOSS_KINDS, ROLE } from "./kinds.js";
import { type EconomyModel, param } from "./model.js";
import { type Accumulator, BINS, binOf, endPath, type PathSummary } from "./outputs.js";
import { createRules, type PathContext, type Rule } from "./rules/index.js";
import { NPARTS, PathState } from "./state.js";

/** Stress applied to a whole run (reverse stress tests, sensitivity): multipliers of the model's own paths. */
export interface PathStress {
  /** Multiplies lab revenue every quarter; default 1. */
  revenueMultiplier?: number;
  /** Multiplies the capability gain above the start; default 1. */
  capabilityMultiplier?: number;
  /** Conditions the run on one lab's published revenue (a conditional back-cast); default none. */
  givenRevenue?: GivenRevenue;
}

/**
 * A lab's revenue by quarter, taken as given: each quarter the labs' market is scaled so that this lab, at its
 * modelled share, earns the figure, and everything downstream (valuations, purchases, capex) follows from it.
 */
export interface GivenRevenue {
  /** Entity id of a lab of the scenario. */
  lab: string;
  /** Revenue in quarter t (0 = the first), usdB; NaN, or past the end, leaves the quarter as modelled. */
  usdBPerQuarter: readonly number[];
}

/** The state of a path and the rules that advance it, allocated once per model. */
export class PathWorkspace extends PathState {
  readonly rules: readonly Rule[];
  constructor(model: EconomyModel) {
    super(model);
    this.rules = createRules();
  }
}

/**
 * Simulates one path with parameters θ, adding its results to `acc`. `streams(rule)` gives each rule its own
 * random substream, each consumed in a fixed pattern whatever happens on the path, so two runs that differ only
 * in a parameter or a stress see the same shocks (common random numbers), and a draw added in one rule changes
 * no other rule's numbers.
 */
export function runPath(
  model: EconomyModel,
  theta: Float64Array,
  streams: (rule: string) => Random,
  ws: PathWorkspace,
  acc: Accumulator,
  stress: PathStress = {},
  pathIndex = -1,
  keepSummary = false,
): void {
  const ctx = createPathContext(model, theta, streams, ws, acc, stress);
  const { rules } = ws;
  for (const rule of rules) rule.begin(ctx);
  for (let t = 0; t < ws.T; t++) for (const rule of rules) rule.quarter(ctx, t);

  for (let kind = 0; kind < LOSS_KINDS.length; kind++) {
    let total = 0;
    for (let p = 0; p < NPARTS; p++) total += ws.pathLoss[kind * NPARTS + p];
    if (acc.histograms) acc.lossTotalHist[kind * BINS + binOf(total)]++;
  }
  for (let i = 0; i < ws.n; i++) {
    let total = 0;
    for (let p = 0; p < NPARTS; p++) {
      acc.holderLossSum[i * NPARTS + p] += ws.holderLoss[i * NPARTS + p];
      total += ws.holderLoss[i * NPARTS + p];
    }
    if (acc.histograms) acc.holderLossTotalHist[i * BINS + binOf(total)]++;
  }
  endPath(acc);
  acc.paths++;
  if (keepSummary) acc.summaries.push(summarise(model, ws, pathIndex));
}

/** The context the rules of one path share: model, θ, state, accumulator, streams, stress and parameter look-ups. */
export function createPathContext(
  model: EconomyModel,
  theta: Float64Array,
  streams: (rule: string) => Random,
  state: PathState,
  acc: Accumulator,
  stress: PathStress = {},
): PathContext {
  const revenueMultiplier = stress.revenueMultiplier ?? 1;
  const capabilityMultiplier = stress.capabilityMultiplier ?? 1;
  if (!(revenueMultiplier >= 0) || !Number.isFinite(revenueMultiplier))
    throw new RangeError(`invalid revenueMultiplier: ${revenueMultiplier}`);
  if (!(capabilityMultiplier >= 0) || !Number.isFinite(capabilityMultiplier))
    throw new RangeError(`invalid capabilityMultiplier: ${capabilityMultiplier}`);
  const givenRevenue = resolveGivenRevenue(model, stress.givenRevenue);
  const F = ENTITY_FIELDS.length;
  const slots = model.entities.slots;
  const world = model.world;
  // Every entity number of this path, read once: the rules look them up every quarter.
  const values = state.entityValues;
  for (let i = 0; i < state.n; i++)
    for (let k = 0; k < F; k++) values[i * F + k] = param(theta, slots[i * F + k], ENTITY_DEFAULTS[k]);
  return {
    model,
    theta,
    state,
    acc,
    stream: streams,
    revenueMultiplier,
    capabilityMultiplier,
    givenRevenue,
    world: (field: WorldField, fallback?: number) =>
      param(theta, world[field], fallback ?? defaultOf(WORLD_PARAMETERS[field])),
    entity: (i: number, field: EntityField) => values[i * F + FIELD_COLUMN[field]],
    entityAt: (i: number, column: number) => values[i * F + column],
    columns: FIELD_COLUMN,
  };
}

/** `given` with its lab as an entity index; RangeError when it names no lab or a figure is negative. */
function resolveGivenRevenue(
  model: EconomyModel,
  given: GivenRevenue | undefined,
): PathContext["givenRevenue"] {
  if (given === undefined) return undefined;
  const lab = model.entities.ids.indexOf(given.lab);
  if (lab < 0 || model.entities.role[lab] !== ROLE.lab)
    throw new RangeError(`invalid givenRevenue.lab: ${given.lab} is not a lab of the scenario`);
  const k = given.usdBPerQuarter.findIndex((v) => !(Number.isNaN(v) || (v >= 0 && Number.isFinite(v))));
  if (k >= 0) throw new RangeError(`invalid givenRevenue.usdBPerQuarter[${k}]: ${given.usdBPerQuarter[k]}`);
  return { lab, usdBPerQuarter: given.usdBPerQuarter };
}

function summarise(model: EconomyModel, s: PathState, path: number): PathSummary {
  const defaults: Record<string, string> = {};
  model.entities.ids.forEach((id, i) => {
    if (s.defaultQuarter[i] >= 0) defaults[id] = model.quarterLabels[s.defaultQuarter[i]];
  });
  const losses: Record<string, number> = {};
  LOSS_KINDS.forEach((kind, k) => {
    let total = 0;
    for (let p = 0; p < NPARTS; p++) total += s.pathLoss[k * NPARTS + p];
    if (total > 0) losses[kind] = total;
  });
  return { path, defaults, capabilityEnd: s.capability, revenueEnd: s.previousRevenue, losses };
}

export { clearQuarter } from "./rules/clearing.js";
