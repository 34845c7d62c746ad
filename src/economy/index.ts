export { type CapabilityCurve, capabilityAt } from "./capability.js";
export { dcfMultiple } from "./dcfMultiple.js";
export {
  CONTRACT_PARAMETERS,
  ENTITY_FIELDS,
  ENTITY_OWNERS,
  ENTITY_PARAMETERS,
  type EntityField,
  EVENT_PARAMETERS,
  FIELD_COLUMN,
  WORLD_FIELDS,
  WORLD_OWNERS,
  WORLD_PARAMETERS,
  type WorldField,
} from "./declarations.js";
export {
  CLOUD_KINDS,
  DEFAULT_CAUSES,
  type DefaultCause,
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
export { DEBT_CODES, type EconomyModel, EVENT_CODES, param, SHAPE_CODES } from "./model.js";
export {
  type Accumulator,
  ANNUAL_SERIES,
  type AnnualSeries,
  annualCell,
  BINS,
  binOf,
  type ChunkSums,
  createAccumulator,
  ENTITY_SERIES,
  type EntitySeries,
  endPath,
  entitySeriesIndex,
  GLOBAL_SERIES,
  type GlobalSeries,
  globalSeriesIndex,
  histogramQuantile,
  histogramQuantiles,
  mergeCounts,
  mergeInto,
  mergeSums,
  type PathSummary,
  record,
  recordAnnual,
  recordAnnualEntities,
  recordEntities,
  seriesCount,
  settle,
  takeSums,
} from "./outputs.js";
export { DOMAINS, type Domain, type ParameterSpec, type ParameterSpecs } from "./parameters.js";
export { clearQuarter, type GivenRevenue, type PathStress, PathWorkspace, runPath } from "./path.js";
export { createRules, type PathContext, type Rule } from "./rules/index.js";
export { PathState } from "./state.js";
