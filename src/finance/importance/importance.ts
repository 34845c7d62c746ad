/**
 * Systemic importance: shock each node in turn (its external assets lose `shockFraction` of their value; 1 =
 * wiped out) and record what follows against the unshocked network: the defaults it induces among the other
 * nodes and the losses beyond its own direct loss.
 */

import { runShared } from "../../util/shareWork.js";
import { accountLosses, type LossOptions } from "../losses/losses.js";
import type { Network } from "../network.js";

/** Options of `systemicImportance`: the loss options plus the size of the shock each node takes. */
export interface ImportanceOptions extends LossOptions {
  /** Share of the shocked node's external assets lost, in [0, 1]; default 1. */
  shockFraction?: number;
}

/** One node's systemic importance: what shocking its external assets does, against the unshocked network. */
export interface NodeImportance {
  /** Index of the shocked node. */
  node: number;
  id: string;
  kind: string;
  /** The shocked node's direct loss. */
  directLoss: number;
  /** Other nodes that default in the scenario but not in the unshocked network. */
  inducedDefaults: number[];
  /** Whether the shocked node itself defaults. */
  selfDefault: boolean;
  /** Balance-sheet losses of all nodes beyond the unshocked network's, minus the direct loss. */
  inducedLoss: number;
  /** directLoss + inducedLoss. */
  totalLoss: number;
  /** Value destroyed beyond the unshocked network's (equity lost plus outside creditors' shortfall). */
  systemLoss: number;
  /** totalLoss / directLoss (NaN when the node has no external assets to lose). */
  amplification: number;
  /** Whether the scenario's and the unshocked network's solvers converged to finite numbers. */
  converged: boolean;
}

/** What every scenario is measured against: the unshocked network's defaults and losses. */
export interface ImportanceBase {
  defaulted: Uint8Array;
  /** Σ of the balance-sheet losses over the nodes. */
  total: number;
  systemLoss: number;
  converged: boolean;
}

/** One scenario per node, in node order, in this thread (see `systemicImportanceParallel`). */
export function systemicImportance(net: Network, options: ImportanceOptions = {}): NodeImportance[] {
  const base = importanceBase(net, options);
  return importanceOfNodes(net, 0, net.n, base, options);
}

/** Options of `systemicImportanceParallel`. */
export interface ParallelImportanceOptions extends ImportanceOptions {
  /** Worker threads, ≥ 1; default the machine's cores. The results do not depend on it. */
  threads?: number;
  /** Called each time a batch of (at most) `IMPORTANCE_BATCH` scenarios finishes. */
  onDone?: () => void;
}

/** Scenarios per worker task: enough that cloning the network into a worker is amortised. */
export const IMPORTANCE_BATCH = 64;

/**
 * `systemicImportance` spread over worker threads in batches of nodes. Every scenario is computed from the
 * network, the options and the shared unshocked base alone, so the results are identical for any thread count.
 */
export async function systemicImportanceParallel(
  net: Network,
  options: ParallelImportanceOptions = {},
): Promise<NodeImportance[]> {
  const { threads, onDone, ...lossOptions } = options;
  const base = importanceBase(net, lossOptions);
  const tasks: ImportanceTask[] = [];
  for (let first = 0; first < net.n; first += IMPORTANCE_BATCH)
    tasks.push({ net, base, options: lossOptions, first, count: Math.min(IMPORTANCE_BATCH, net.n - first) });
  const batches = await runShared<ImportanceTask, NodeImportance[]>(workerUrl(), runBatch, tasks, {
    threads,
    onDone,
  });
  return batches.flat();
}

/** One batch of scenarios for a worker: nodes `first … first + count − 1`. */
export interface ImportanceTask {
  net: Network;
  base: ImportanceBase;
  options: ImportanceOptions;
  first: number;
  count: number;
}

function workerUrl(): URL {
  return new URL(import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.js", import.meta.url);
}

/** The unshocked network's defaults and losses. */
export function importanceBase(net: Network, options: ImportanceOptions = {}): ImportanceBase {
  checkShockFraction(options.shockFraction ?? 1);
  const account = accountLosses(net, net.externalAssets, options);
  return {
    defaulted: account.defaulted,
    total: account.network.total,
    systemLoss: account.systemLoss,
    converged: account.converged,
  };
}

/** The scenarios of nodes `first … first + count − 1`. */
/** One batch of `systemicImportanceParallel`'s scenarios. */
export function runBatch(task: ImportanceTask): NodeImportance[] {
  return importanceOfNodes(task.net, task.first, task.count, task.base, task.options);
}

export function importanceOfNodes(
  net: Network,
  first: number,
  count: number,
  base: ImportanceBase,
  options: ImportanceOptions = {},
): NodeImportance[] {
  const fraction = checkShockFraction(options.shockFraction ?? 1);
  const shocked = Float64Array.from(net.externalAssets);
  const out: NodeImportance[] = [];
  for (let k = first; k < first + count; k++) {
    shocked[k] = net.externalAssets[k] * (1 - fraction);
    const account = accountLosses(net, shocked, options);
    shocked[k] = net.externalAssets[k];
    const inducedDefaults: number[] = [];
    for (let i = 0; i < net.n; i++)
      if (i !== k && account.defaulted[i] && !base.defaulted[i]) inducedDefaults.push(i);
    const directLoss = account.network.direct;
    const totalLoss = account.network.total - base.total;
    out.push({
      node: k,
      id: net.ids[k],
      kind: net.kinds[k],
      directLoss,
      inducedDefaults,
      selfDefault: account.defaulted[k] === 1,
      inducedLoss: totalLoss - directLoss,
      totalLoss,
      systemLoss: account.systemLoss - base.systemLoss,
      amplification: directLoss === 0 ? Number.NaN : totalLoss / directLoss,
      converged: base.converged && account.converged,
    });
  }
  return out;
}

function checkShockFraction(fraction: number): number {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`invalid shockFraction: ${fraction}`);
  return fraction;
}

/** Sort keys for `rankImportance`. */
export type ImportanceKey = "inducedLoss" | "totalLoss" | "systemLoss" | "inducedDefaults" | "amplification";

/** The nodes from most to least important by `key` (default "inducedLoss"); ties keep node order; NaN last. */
export function rankImportance(list: NodeImportance[], key: ImportanceKey = "inducedLoss"): NodeImportance[] {
  const value = (x: NodeImportance) => (key === "inducedDefaults" ? x.inducedDefaults.length : x[key]);
  return [...list].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (Number.isNaN(va) || Number.isNaN(vb))
      return Number(Number.isNaN(va)) - Number(Number.isNaN(vb)) || a.node - b.node;
    return vb - va || a.node - b.node;
  });
}
