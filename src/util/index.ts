export { formatIssue, InputError, type InputIssue } from "./errors.js";
export { formatInputPath, valueAtPath } from "./inputPath.js";
export { parseJsonInput } from "./json.js";
export { defaultThreads, type ParallelOptions, runParallel } from "./pool.js";
export { type Progress, silentProgress, terminalProgress } from "./progress.js";
export { type Random, randomStream } from "./random.js";
