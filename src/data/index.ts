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
  readCsvFile,
} from "./csv.js";
export { resolveDataDir } from "./dataDir.js";
export {
  type DataInput,
  RECIPES,
  type Recipe,
  type RecipeInputs,
  recipeFor,
  recipeOrigin,
  type UpstreamFile,
} from "./derive/index.js";
export {
  type PulledFile,
  type PullOptions,
  type PullResult,
  type PullSource,
  parsePullSource,
  pullDatasets,
  selectDatasets,
} from "./pull.js";
export {
  DATASETS,
  type Dataset,
  type DatasetFile,
  type DatasetSource,
  getDataset,
  githubSlug,
  rawGithubUrl,
  resolveDataRef,
} from "./registry.js";
export { sha256File } from "./sha256.js";
export { type DatasetFileState, datasetFilePath, datasetFileState } from "./status.js";
