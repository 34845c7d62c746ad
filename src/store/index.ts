export { listRunDirectories, type StagedRun, stageRun } from "./runDirectory.js";
export {
  queryRunStore,
  RUN_DATABASE,
  type RunHeader,
  type RunRecord,
  readRunHeader,
  readRunStore,
  type StoredRun,
  writeRunStore,
} from "./runStore.js";
export { type ColumnSpec, type ColumnType, type ResultTable, validateTable } from "./table.js";
