export {
  type BenchmarkSigmoid,
  benchmarkSigmoids,
  OBS_SCALING_BENCHMARKS,
  type ObsScalingModel,
  type ObsScalingPca,
  obsScalingPca,
  readObsScalingTable,
} from "./obsScaling.js";
export { type PcaOptions, type PcaResult, pca } from "./pca.js";
