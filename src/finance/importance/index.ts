export {
  IMPORTANCE_BATCH,
  type ImportanceBase,
  type ImportanceKey,
  type ImportanceOptions,
  type ImportanceTask,
  importanceBase,
  importanceOfNodes,
  type NodeImportance,
  type ParallelImportanceOptions,
  rankImportance,
  systemicImportance,
  systemicImportanceParallel,
} from "./importance.js";
