export {
  type CsvTable,
  columnIndex,
  filterRows,
  type NumericColumnOptions,
  numericColumn,
  parseCsv,
  parseFilter,
  type RowFilter,
  readCsv,
} from "./csv.js";
export { resolveDataDir } from "./dataDir.js";
export { DATASETS, type Dataset, type DatasetFile, getDataset, resolveDataRef } from "./registry.js";
