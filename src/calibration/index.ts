/** Calibration: targets with their sources, and the scorecard of a run against them. */
export {
  type CdsQuote,
  type CdsQuotes,
  type CreditCheck,
  cdsImpliedDefault,
  creditChecks,
  defaultCdsQuotesFile,
  loadCdsQuotes,
} from "./creditMarket.js";
export { GIVEN_METRIC, givenRevenueFromTargets, quarterlyFromAnnual } from "./given.js";
export { type ImpliedVolatility, impliedAssetVolatility } from "./impliedVolatility.js";
export { type ScoreRow, type ScoreSummary, scorecard, scoreSummary } from "./scorecard.js";
export {
  type CalibrationTarget,
  type CalibrationTargets,
  DEFAULT_TARGETS,
  defaultTargetsFile,
  loadTargets,
  TARGET_METRICS,
  type TargetMetric,
  targetsFor,
  WORLD,
  WORLD_METRICS,
} from "./targets.js";
