/**
 * A rule is one step of the quarterly model (revenue, obligations, clearing, capex, …). Rules run in a stated
 * order (`createRules` in ./index.ts) over the path's explicit state; each reads its parameters from θ once per
 * path in `begin` (and takes its own random substream there if it draws) and updates the state in `quarter`.
 */
import type { Random } from "../../util/random.js";
import type { EntityField, WorldField } from "../declarations.js";
import type { EconomyModel } from "../model.js";
import type { Accumulator } from "../outputs.js";
import type { PathState } from "../state.js";

/** Everything a rule may read or write on one path. */
export interface PathContext {
  readonly model: EconomyModel;
  /** The path's parameter vector. */
  readonly theta: Float64Array;
  readonly state: PathState;
  /** Where the path's results are recorded. */
  readonly acc: Accumulator;
  /** The random substream of the rule named `rule` on this path: a draw added in one rule moves no other rule's. */
  stream(rule: string): Random;
  /** Multiplies lab revenue every quarter (reverse stress, sensitivity); 1 = none. */
  readonly revenueMultiplier: number;
  /** Multiplies the capability gain above the start; 1 = none. */
  readonly capabilityMultiplier: number;
  /** A conditional run: lab `lab` (entity index) earns `usdBPerQuarter[t]` in quarter t (NaN: as modelled). */
  readonly givenRevenue: { readonly lab: number; readonly usdBPerQuarter: readonly number[] } | undefined;
  /** A world parameter; when the scenario leaves it out, `fallback` if given, else its declared default. */
  world(field: WorldField, fallback?: number): number;
  /** An entity's parameter, or its declared default when the scenario leaves it out. */
  entity(i: number, field: EntityField): number;
  /** `entity` by column (`ctx.columns.<field>`), for per-quarter loops: a look-up by name there cost ~6% of a
   * path. */
  entityAt(i: number, column: number): number;
  /** Each entity field's column (declarations' `FIELD_COLUMN`), handed over here because the rules cannot import
   * the declarations module, which imports them. */
  readonly columns: Readonly<Record<EntityField, number>>;
}

/** The stream of a rule before its first `begin`: drawing from it is a programming error. */
export const NO_STREAM: Random = {
  uniform: noStream,
  int: noStream,
  normal: noStream,
};

function noStream(): never {
  throw new RangeError("invalid stream: the rule drew before begin()");
}

export interface Rule {
  /** Name in the rule order and the docs. */
  readonly name: string;
  /** Reads the rule's parameters of this path and resets the state it owns. */
  begin(ctx: PathContext): void;
  /** Advances the state by quarter `t` (0 = the scenario's first quarter). */
  quarter(ctx: PathContext, t: number): void;
}
