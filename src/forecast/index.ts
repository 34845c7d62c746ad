export {
  type BacktestOptions,
  type BacktestPoint,
  type BacktestResult,
  backtestTrend,
} from "./backtest.js";
export {
  analyseBend,
  BEND_SHAPE_NAMES,
  BEND_SHAPES,
  type BendModel,
  type BendOptions,
  type BendResult,
  type BendShape,
  type BendWeighting,
  gainHalves,
} from "./bend.js";
export {
  type CalendarDate,
  dateCell,
  decimalYear,
  isoDateOfYear,
  parseCalendarDate,
  parseDateFlag,
} from "./dates.js";
export {
  incompleteBeta,
  logGamma,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
} from "./distributions.js";
export * as frontierGap from "./gap/index.js";
export { doublingMonths, growthPerYear } from "./growth.js";
export * as capabilityIndex from "./index/index.js";
export { type LeastSquaresResult, leastSquares } from "./leastSquares.js";
export {
  fitLine,
  type LinearFit,
  type LinePrediction,
  lineAt,
  linspace,
  predictLine,
  slopeInterval,
  tCritical,
} from "./linearTrend.js";
export * as observationalScaling from "./observational/index.js";
export { fitPiecewise, type PiecewiseFit, type PiecewiseOptions, type TrendSegment } from "./piecewise.js";
export {
  type FrontierRule,
  metricCell,
  parseFrontierRule,
  requirePoints,
  type SelectionCounts,
  type SelectionOptions,
  selectTrendPoints,
  TREND_METRICS,
  type TrendMetric,
  type TrendPoint,
  type TrendSelection,
} from "./selection.js";
export {
  analyseTrend,
  type GrowthSummary,
  growthSummary,
  monthStarts,
  type TrendBreak,
  type TrendOptions,
  type TrendResult,
  type TrendSegmentSummary,
} from "./trend.js";
