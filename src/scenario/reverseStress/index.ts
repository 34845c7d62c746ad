export { type BisectOptions, bisectThreshold, type ThresholdResult } from "./bisect.js";
export {
  type ReverseStressOptions,
  type ReverseStressResult,
  reverseStress,
  STRESS_SHOCKS,
  type StressEvaluation,
  type StressShock,
} from "./reverseStress.js";
