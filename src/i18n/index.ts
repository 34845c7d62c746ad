export type { Catalogue, MessageKey } from "./catalogue.js";
export { catalogueKeys } from "./catalogue.js";
export {
  formatDate,
  formatNumber,
  formatPercent,
  formatQuarter,
  formatUsdBillions,
  formatYear,
} from "./format.js";
export { isLang, LANGUAGES, type Lang } from "./lang.js";
export { catalogue, translator } from "./translate.js";
export { displayWidth, padEndColumns, padStartColumns } from "./width.js";
