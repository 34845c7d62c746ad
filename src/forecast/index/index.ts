export {
  type BenchmarkScore,
  EXTERNAL_BENCHMARKS,
  type ExternalBenchmark,
  HUB_BENCHMARKS,
  LLM_STATS_PREFIX,
  readExternalScores,
  readHubScores,
  readLlmStatsScores,
  type ScoreSource,
} from "./benchmarkScores.js";
export {
  type CapabilityIndexOptions,
  type CapabilityIndexResult,
  ECI_REFERENCES,
  fitCapabilityIndex,
  type IndexedBenchmark,
  type IndexedModel,
  type PreparedScore,
  type PrepareOptions,
  prepareScores,
  type ReferenceModel,
  toIrtData,
} from "./capabilityIndex.js";
export {
  COMPOSITE_EVALUATIONS,
  type CompositeResult,
  type CompositeScore,
  compositeFromLlmStats,
} from "./composite.js";
export {
  type AffineScale,
  fitIrt,
  type IrtData,
  type IrtFit,
  type IrtOptions,
  irtObjective,
  referenceScale,
} from "./irt.js";
export {
  type CountryBloc,
  countryBloc,
  epochModelInfoFiles,
  type ModelInfo,
  type ModelInfoFiles,
  readModelInfo,
} from "./modelInfo.js";
