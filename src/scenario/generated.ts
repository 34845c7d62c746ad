/**
 * The scenario schema's numbers, generated from the rules' declarations (src/economy/declarations.ts): each
 * world group's fields and each entity's numeric fields, with the declared domain and doc. A field is required
 * when its declaration has neither a default nor a computed fallback. The shapes are typed by mapping over the
 * `as const` declarations, so `Scenario` still knows `world.revenue.bassQ` is a quantity.
 */
import type { z } from "zod";
import {
  ENTITY_FIELDS,
  ENTITY_PARAMETERS,
  type EntityField,
  WORLD_FIELDS,
  WORLD_PARAMETERS,
  type WorldField,
} from "../economy/declarations.js";
import { isRequired, type ParameterSpec } from "../economy/parameters.js";
import { quantity } from "./quantity.js";

/** The schema of one number of a scenario. */
export type QuantitySchema = ReturnType<typeof quantity>;

/** Whether the scenario may leave a number out: its declaration has a default or a computed fallback. */
type Omittable<S> = S extends { readonly default: number } | { readonly optional: true } ? true : false;

type FieldSchema<S> = Omittable<S> extends true ? z.ZodOptional<QuantitySchema> : QuantitySchema;

type GroupOf<K> = K extends `${infer G}.${string}` ? G : never;

/** A group of world parameters: the scenario's `world.<group>`. */
export type WorldGroup = GroupOf<WorldField>;

/** The zod shape of `world.<G>`: one field per `G.field` declaration. */
export type WorldGroupShape<G extends WorldGroup> = {
  [K in WorldField as K extends `${G}.${infer F}` ? F : never]: FieldSchema<(typeof WORLD_PARAMETERS)[K]>;
};

/** The zod shape of an entity's numbers: one field per entity declaration. */
export type EntityNumbersShape = {
  [K in EntityField]: FieldSchema<(typeof ENTITY_PARAMETERS)[K]>;
};

/** The schema of a declared number: a quantity in the declared domain, described by the declared doc. */
export function numberSchema(spec: ParameterSpec): QuantitySchema {
  return quantity(spec.domain).describe(spec.doc);
}

function fieldSchema(spec: ParameterSpec): z.ZodType {
  const number = numberSchema(spec);
  return isRequired(spec) ? number : number.optional();
}

/** The fields of `world.<group>`, in declaration order. */
export function worldGroupShape<G extends WorldGroup>(group: G): WorldGroupShape<G> {
  const shape: Record<string, z.ZodType> = {};
  for (const key of WORLD_FIELDS) {
    const dot = key.indexOf(".");
    if (key.slice(0, dot) === group) shape[key.slice(dot + 1)] = fieldSchema(WORLD_PARAMETERS[key]);
  }
  return shape as WorldGroupShape<G>;
}

/** The numeric fields of an entity, in declaration order. */
export function entityNumbersShape(): EntityNumbersShape {
  return Object.fromEntries(
    ENTITY_FIELDS.map((field) => [field, fieldSchema(ENTITY_PARAMETERS[field])]),
  ) as EntityNumbersShape;
}
