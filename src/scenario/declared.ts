/**
 * The declaration of every number a scenario holds, looked up by the kind of its parameter path: a world number
 * by `group.field`, an entity's, contract's or event's by its field, a correlation's by `rho`. The declarations
 * are the rules' (src/economy/declarations.ts), except the correlation, which belongs to the scenario format.
 */
import {
  CONTRACT_PARAMETERS,
  ENTITY_PARAMETERS,
  EVENT_PARAMETERS,
  WORLD_PARAMETERS,
} from "../economy/declarations.js";
import type { Domain, ParameterSpec, ParameterSpecs } from "../economy/parameters.js";

/** The numbers of a correlation between two distributed parameters. */
export const CORRELATION_PARAMETERS = {
  rho: {
    domain: { lo: -1, hi: 1 },
    unit: "correlation",
    doc: "Correlation of the two parameters' normal scores in the Gaussian copula.",
  },
} as const satisfies ParameterSpecs;

/** What a parameter path names: `world.<group>.<field>`, `entities.<id>.<field>`, and so on. */
export type ParameterKind = "world" | "entity" | "contract" | "event" | "correlation";

const DECLARATIONS: Record<ParameterKind, ParameterSpecs> = {
  world: WORLD_PARAMETERS,
  entity: ENTITY_PARAMETERS,
  contract: CONTRACT_PARAMETERS,
  event: EVENT_PARAMETERS,
  correlation: CORRELATION_PARAMETERS,
};

/** The declaration of `name` (world: `group.field`; others: the field), or undefined when none declares it. */
export function declaredParameter(kind: ParameterKind, name: string): ParameterSpec | undefined {
  const table = DECLARATIONS[kind];
  // Own keys only: "constructor" or "toString" must not pass as a parameter.
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** The declared domain of `name`; throws for an undeclared name (the strict schema admits none). */
export function declaredDomain(kind: ParameterKind, name: string): Domain {
  const spec = declaredParameter(kind, name);
  if (spec === undefined) throw new Error(`undeclared ${kind} parameter: ${name}`);
  return spec.domain;
}
