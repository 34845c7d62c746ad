/** The run report: Observable Plot charts rendered to SVG and PNG, and the self-contained HTML page. */

export {
  type CapabilityFanData,
  type Chart,
  type ChartContext,
  capabilityFan,
  type DefaultCell,
  defaultHeatmap,
  type FanRow,
  LOSS_PARTS,
  LOSS_TOTAL,
  type LossRow,
  lossWaterfall,
  MAX_BANDS,
  type ObservedPoint,
  type RevenueSpendRow,
  renderChartSvg,
  revenueVsSpend,
  type SeriesRow,
  scenarioColors,
  seriesChart,
  svgToPng,
  type TornadoRow,
  type TrendData,
  tornado,
  trendChart,
  type WaterfallStep,
  waterfallSteps,
  yearTicks,
} from "./charts/index.js";
export {
  escapeHtml,
  formatNumber,
  type ReportChart,
  type ReportModel,
  type ReportSection,
  type ReportTable,
  renderReportHtml,
} from "./html.js";
export { withInterval } from "./interval.js";
export {
  buildReport,
  comparisonTable,
  differencesTable,
  driversTable,
  headlineDriversTable,
  type RunMeta,
  reportCharts,
  triggerTable,
  withStandardError,
} from "./runReport.js";
export { executiveSummary, scenarioSummary } from "./summary.js";
