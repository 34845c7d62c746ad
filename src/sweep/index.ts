export {
  type AccumulatorCell,
  type CellPlan,
  cellPlan,
  extractCells,
  outputsFromCells,
} from "../scenario/sensitivity/cells.js";
export {
  analyseSweep,
  type SweepCorrelation,
  type SweepMorrisRow,
  type SweepOutputAnalysis,
  type SweepSobolRow,
  spearman,
} from "./analyse.js";
export {
  buildDesign,
  type DesignOptions,
  gridPoints,
  latinHypercube,
  MAX_GRID_POINTS,
  SWEEP_DESIGNS,
  type SweepDesign,
  type SweepDesignKind,
  selectFactors,
} from "./design.js";
export {
  checkJobSize,
  defaultJobSize,
  type JobRef,
  jobId,
  jobPayload,
  planFromSpec,
  SWEEP_CHUNK,
  type SweepJob,
  type SweepPlan,
  type SweepSpec,
  splitJobs,
  sweepHash,
} from "./jobs.js";
export { createJobPool, runJobsLocally, runnerUrl } from "./local.js";
export { mergeResults, resultMismatch } from "./merge.js";
export {
  CONNECT_TIMEOUT_MS,
  checkRedis,
  parseQueueUrl,
  type QueueAddress,
  type QueueRunOptions,
  type QueueWorker,
  type QueueWorkerOptions,
  queueJobId,
  runJobsOnQueue,
  SWEEP_QUEUE,
  SweepJobFailedError,
  startQueueWorker,
} from "./queue.js";
export { SWEEP_RESULT_DIR, sweepTables, writeSweepResult } from "./record.js";
export { type GridCell, gridHeatmap, type SobolBar, sobolChart, sweepReport, valueBars } from "./report.js";
export {
  decodeDoubles,
  encodeDoubles,
  JobMismatchError,
  type JobResult,
  jobChunks,
  runJob,
} from "./runner.js";
export { SWEEP_JOBS_DIR, SWEEP_SPEC_FILE, SweepStore, writeAtomic } from "./store.js";
export {
  defaultSweepOutputs,
  planSweep,
  runSweep,
  type SweepOptions,
  type SweepProgress,
  type SweepResult,
  type SweepTiming,
  sweepResult,
} from "./sweep.js";
