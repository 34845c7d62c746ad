/** The scaling-law engine: forms, objectives, the L-BFGS optimiser, multi-start fits and the bootstrap. */

export {
  type ChinchillaParams,
  type ComputeOptimalAllocation,
  chinchillaLoss,
  computeOptimalAllocation as computeOptimal,
  computeOptimalModelSize,
  type DataConstrainedAllocation,
  type DataConstrainedParams,
  dataConstrainedAllocation,
  dataConstrainedLoss,
  findRootBracketed,
  type InferenceAwareAllocation,
  type InferenceAwareAtCompute,
  type InferenceAwareOptions,
  inferenceAwareAllocation,
  inferenceAwareAllocationAtCompute,
  minimizeBrent,
  minimizeOnGrid,
  type RootOptions,
  type ScalarOptions,
  type ScalarResult,
  validateChinchillaParams,
  validateDataConstrainedParams,
} from "./allocation/index.js";
export {
  type BootstrapOptions,
  type BootstrapResult,
  bootstrap,
  type PointEstimate,
  sampleSd,
} from "./bootstrap.js";
export {
  checkColumns,
  type FitOptions,
  type FitResult,
  type FitSpec,
  fit,
  type OtherMinimum,
  objectiveAt,
  resolveSpec,
  rmsle,
} from "./fit.js";
export { fitParallel } from "./fitParallel.js";
export {
  bnsl,
  chinchilla,
  dataConstrained,
  type FitColumns,
  FORM_NAMES,
  type Form,
  type FormName,
  type FormOptions,
  getForm,
  type InputName,
  kaplan,
  type ParamSpec,
  type Prepared,
  power,
  sigmoid,
} from "./forms/index.js";
export { type InverseHessianResult, inverseHessian } from "./inverseHessian.js";
export { minimizeLbfgs } from "./lbfgs.js";
export {
  type LineFunction,
  type LineSearchOptions,
  type LineSearchResult,
  moreThuente,
} from "./lineSearch.js";
export { getLoss, huberNormalizer, LOSS_NAMES, type Loss, type LossName } from "./objectives/index.js";
export type { MinimizeOptions, MinimizeResult, ObjectiveWithGradient } from "./optimizer.js";
export { createProblem, type Problem, toInternal, toReported } from "./problem.js";
