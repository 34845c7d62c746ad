/**
 * Every parameter the economy reads, gathered from the rules that declare them (each name has one owner). The
 * scenario schema, the engine's field lists and docs/parameters.md are generated from these tables.
 */

import { mergeSpecs, type ParameterSpec } from "./parameters.js";
import { BalanceSheets } from "./rules/balanceSheets.js";
import { Capability } from "./rules/capability.js";
import { Capex } from "./rules/capex.js";
import { Clearing } from "./rules/clearing.js";
import { Credit } from "./rules/credit.js";
import { Equity } from "./rules/equity.js";
import { Events } from "./rules/events.js";
import { GpuMarket } from "./rules/gpuMarket.js";
import { Investments } from "./rules/investments.js";
import { Market } from "./rules/market.js";
import { Obligations } from "./rules/obligations.js";
import { Offtake } from "./rules/offtake.js";
import { Operations } from "./rules/operations.js";
import { Renewals } from "./rules/renewals.js";
import { Resolution } from "./rules/resolution.js";
import { Revenue } from "./rules/revenue.js";
import { Technology } from "./rules/technology.js";
import { Vendors } from "./rules/vendors.js";

/** World parameters, `group.field` (the scenario's `world.<group>.<field>`), by owning rule. */
export const WORLD_OWNERS = {
  credit: Credit.world,
  technology: Technology.world,
  obligations: Obligations.world,
  operations: Operations.world,
  revenue: Revenue.world,
  renewals: Renewals.world,
  clearing: Clearing.world,
  resolution: Resolution.world,
  capex: Capex.world,
  offtake: Offtake.world,
  "gpu-market": GpuMarket.world,
  capability: Capability.world,
  market: Market.world,
} as const;

/** Entity parameters (the scenario's `entities[].<field>`), by owning rule. */
export const ENTITY_OWNERS = {
  "balance-sheets": BalanceSheets.entity,
  operations: Operations.entity,
  revenue: Revenue.entity,
  capex: Capex.entity,
  vendors: Vendors.entity,
  credit: Credit.entity,
  market: Market.entity,
} as const;

export const WORLD_PARAMETERS = {
  ...Credit.world,
  ...Technology.world,
  ...Obligations.world,
  ...Operations.world,
  ...Revenue.world,
  ...Renewals.world,
  ...Clearing.world,
  ...Resolution.world,
  ...Capex.world,
  ...Offtake.world,
  ...GpuMarket.world,
  ...Capability.world,
  ...Market.world,
};
export type WorldField = keyof typeof WORLD_PARAMETERS;

export const ENTITY_PARAMETERS = {
  ...BalanceSheets.entity,
  ...Operations.entity,
  ...Revenue.entity,
  ...Capex.entity,
  ...Vendors.entity,
  ...Credit.entity,
  ...Market.entity,
};
export type EntityField = keyof typeof ENTITY_PARAMETERS;

/** Numbers of contracts and events (their requiredness depends on the contract or event type). */
export const CONTRACT_PARAMETERS = {
  ...Obligations.contract,
  ...Capex.contract,
  ...Investments.contract,
  ...Equity.contract,
};
export const EVENT_PARAMETERS = Events.event;

// One owner per name: a name declared by two rules is a programming error caught at load.
mergeSpecs(...Object.values(WORLD_OWNERS));
mergeSpecs(...Object.values(ENTITY_OWNERS));
mergeSpecs(Obligations.contract, Capex.contract, Investments.contract, Equity.contract);

/** World fields, `group.field`, in the order the rules run. */
export const WORLD_FIELDS = Object.keys(WORLD_PARAMETERS) as WorldField[];
/** Entity fields, in slot-table column order. */
export const ENTITY_FIELDS = Object.keys(ENTITY_PARAMETERS) as EntityField[];
/** Column of each entity field in the slot table. */
export const FIELD_COLUMN = Object.fromEntries(ENTITY_FIELDS.map((f, k) => [f, k])) as Record<
  EntityField,
  number
>;
/** Each entity field's default by column (NaN where the scenario must give it). */
export const ENTITY_DEFAULTS = Float64Array.from(ENTITY_FIELDS, (f) => defaultOf(ENTITY_PARAMETERS[f]));

/** The declared default, or NaN when there is none. */
export function defaultOf(spec: ParameterSpec): number {
  return spec.default ?? Number.NaN;
}
