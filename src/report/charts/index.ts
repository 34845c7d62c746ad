export { type CapabilityFanData, capabilityFan, type FanRow, type ObservedPoint } from "./capabilityFan.js";
export { type DefaultCell, defaultHeatmap } from "./defaultHeatmap.js";
export {
  LOSS_PARTS,
  LOSS_TOTAL,
  type LossRow,
  lossWaterfall,
  type WaterfallStep,
  waterfallSteps,
} from "./lossWaterfall.js";
export { scenarioColors, yearTicks } from "./palette.js";
export { renderChartSvg, svgToPng } from "./render.js";
export { type RevenueSpendRow, revenueVsSpend } from "./revenueVsSpend.js";
export { MAX_BANDS, type SeriesRow, seriesChart } from "./seriesChart.js";
export { type TornadoRow, tornado } from "./tornado.js";
export { type TrendData, trendChart } from "./trendChart.js";
export type { Chart, ChartContext } from "./types.js";
