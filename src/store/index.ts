export { prepareOutDir } from "./outDir.js";
export {
  isProcessAlive,
  isStaleStaging,
  listRunDirectories,
  removeStaleStaging,
  STAGING_OWNER,
  STALE_STAGING_MS,
  type StagedRun,
  type StagingOwner,
  stageRun,
} from "./runDirectory.js";
export { checkRunId, isRunId, newRunId } from "./runId.js";
export { type DamagedRun, type ListedRun, listRuns } from "./runList.js";
export {
  DamagedRunError,
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
