export { type CompiledScenario, compileScenario, quarterLabel } from "./compile.js";
export { betaQuantile, drawFromNormal, normalCdf } from "./distributions.js";
export {
  crossCheck,
  loadScenario,
  parseScenario,
  quarterIndex,
  visitQuantities,
} from "./loader.js";
export {
  compileParameters,
  type ParameterTable,
  parameterPaths,
  sampleParameters,
  scenarioQuantities,
  withParameter,
} from "./parameters.js";
export * from "./reverseStress/index.js";
export * from "./schema.js";
export * from "./sensitivity/index.js";
export {
  type EntityResult,
  type LossResult,
  type QuantileSeries,
  type SimulateOptions,
  type SimulationResult,
  simulate,
  summariseRun,
} from "./simulate.js";
export { type ChunkTask, runChunk } from "./worker.js";
