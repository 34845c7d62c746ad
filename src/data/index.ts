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
