export { type AccumulatorCell, type CellPlan, cellPlan, extractCells, outputsFromCells } from "./cells.js";
export { type ScenarioFactor, scenarioFactors, withValues } from "./factors.js";
export { FACTOR_GROUPS, type FactorGroup, factorGroup } from "./groups.js";
export {
  type MorrisDesign,
  type MorrisIndex,
  type MorrisOptions,
  morrisDesign,
  morrisIndices,
} from "./morris.js";
export { checkOutput, evaluateOutput, formatOutput, type OutputSpec, parseOutput } from "./outputs.js";
export {
  defaultFactorFilter,
  evaluatePoints,
  type MorrisRow,
  type OutputSensitivity,
  SENSITIVITY_METHODS,
  type SensitivityMethod,
  type SensitivityOptions,
  type SensitivityResult,
  SOBOL_PATHS,
  type SobolRow,
  sensitivity,
} from "./run.js";
export {
  leadIsClear,
  type SobolDesign,
  type SobolIndex,
  type SobolOptions,
  type SobolResult,
  sobolDesign,
  sobolIndices,
} from "./sobol.js";
export {
  checkFactors,
  type Factor,
  scaleToFactors,
  type TornadoBar,
  tornadoBars,
  tornadoDesign,
} from "./tornado.js";
export { type PointTask, runPoint } from "./worker.js";
