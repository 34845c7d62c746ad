export {
  type ChinchillaParams,
  type ComputeOptimalAllocation,
  chinchillaLoss,
  computeOptimalAllocation,
  computeOptimalModelSize,
  validateChinchillaParams,
} from "./chinchilla.js";
export {
  type DataConstrainedAllocation,
  type DataConstrainedParams,
  dataConstrainedAllocation,
  dataConstrainedLoss,
  validateDataConstrainedParams,
} from "./dataConstrained.js";
export {
  type InferenceAwareAllocation,
  type InferenceAwareAtCompute,
  type InferenceAwareOptions,
  inferenceAwareAllocation,
  inferenceAwareAllocationAtCompute,
} from "./inference.js";
export {
  findRootBracketed,
  minimizeBrent,
  minimizeOnGrid,
  type RootOptions,
  type ScalarOptions,
  type ScalarResult,
} from "./scalar.js";
