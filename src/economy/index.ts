export { type CapabilityCurve, capabilityAt } from "./capability.js";
export {
  CLOUD_KINDS,
  ENTITY_KINDS,
  type EntityKind,
  HOLDER_KINDS,
  LOSS_KINDS,
  LOSS_PARTS,
  type LossKind,
  type LossPart,
  RENTAL_CLOUD_KINDS,
  ROLE,
  roleOf,
} from "./kinds.js";
export {
  DEBT_CODES,
  type EconomyModel,
  ENTITY_FIELDS,
  type EntityField,
  EVENT_CODES,
  FIELD_COLUMN,
  param,
  SHAPE_CODES,
  WORLD_FIELDS,
  type WorldField,
} from "./model.js";
export {
  type Accumulator,
  BINS,
  binOf,
  createAccumulator,
  GLOBAL_SERIES,
  type GlobalSeries,
  histogramQuantile,
  mergeInto,
  type PathSummary,
  record,
  seriesCount,
} from "./outputs.js";
export { clearQuarter, type PathStress, PathWorkspace, runPath } from "./path.js";
export { createRules, type PathContext, type Rule } from "./rules/index.js";
export { PathState } from "./state.js";
