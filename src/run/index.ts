export {
  type ComputeTrend,
  computeTrend,
  type FrontierGapResult,
  frontierGapAnalysis,
  type GapRow,
} from "./analysis.js";
export {
  type DataAnalysis,
  type DataLocation,
  type DataNeed,
  findMissingData,
  type MissingData,
  missingDataMessage,
  RUN_DATA_NEEDS,
} from "./dataNeeds.js";
export { type DiffRow, diffRuns, type RunDiff } from "./diff.js";
export { type ExecutedRun, type ExecuteOptions, executeRun, jsonSafe } from "./execute.js";

export { type ParameterRow, parameterRows } from "./parameters.js";
export {
  type DriversResult,
  lastYear,
  mostUncertain,
  type RunCalibration,
  type RunOptions,
  type RunOutput,
  type RunResults,
  riskiest,
  runMainJob,
  type ScenarioRun,
  type TornadoResult,
} from "./pipeline.js";
export { type ScenarioDifference, type ScenarioPaths, scenarioDifferences } from "./scenarioDifferences.js";
export {
  LENDER_KINDS,
  LOSS_PART_FIELDS,
  quarterMidYear,
  runTables,
  type ScenarioSummary,
  summariseScenario,
} from "./tables.js";
