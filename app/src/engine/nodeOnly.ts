/**
 * Stand-ins for the Node-only imports of src/scenario/simulate.ts and worker.ts (node:crypto, piscina, the
 * thread pool and the shared work). The app imports those modules for `summariseRun` and `runChunk` only, which use none of them;
 * the stand-ins throw if anything ever does.
 */
function nodeOnly(): never {
  throw new Error("wallcast: a Node-only function was called in the browser");
}

export const createHash = nodeOnly;
export const defaultThreads = nodeOnly;
export const runShared = nodeOnly;
export const move = nodeOnly;
export const transferableSymbol = Symbol("transferable");
export const valueSymbol = Symbol("value");
