export * from "./charts/index.js";
export {
  escapeHtml,
  formatNumber,
  type ReportChart,
  type ReportModel,
  type ReportSection,
  type ReportTable,
  renderReportHtml,
} from "./html.js";
