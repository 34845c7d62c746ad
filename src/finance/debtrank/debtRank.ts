/**
 * DebtRank: distress (relative equity loss) spreading from debtors to their creditors.
 *
 * Stress h_i ∈ [0, 1] is node i's relative equity loss; h_i = 1 is default. A creditor's exposure to a debtor
 * is the debtor's liability to it (all seniority layers), and Λ_ij = exposure of i to j / buffer of i.
 *
 * - `bardoscia` (Bardoscia, Battiston, Caccioli, Caldarelli 2015, "DebtRank: a microscopic foundation for
 *   shock propagation", PLoS ONE 10(6) e0130406): h(0) = 0, h(1) = shock,
 *   h_i(t+1) = min(1, h_i(t) + Σ_j Λ_ij (h_j(t) − h_j(t−1))). Telescoping shows this is the Picard iteration of
 *   h ↦ min(1, h(1) + Λh) from 0, so the limit is that map's least fixed point.
 * - `single-hit` (Battiston, Puliga, Kaushik, Tasca, Caldarelli 2012, "DebtRank: too central to fail?",
 *   Sci. Rep. 2:541): impacts W_ij = min(1, Λ_ij); a distressed node propagates its whole stress once, in
 *   the round after it became distressed, then is inactive: h_i(t) = min(1, h_i(t−1) + Σ_{j distressed at
 *   t−1} W_ij h_j(t−1)) for every i (inactive nodes still absorb stress, as in the paper and in the R package
 *   NetworkRiskMeasures::debt_rank_shock).
 * - `threshold`: a node passes on its full loss (Λ_ij · 1) once, when its stress reaches 1; others pass
 *   nothing (the zero-recovery default cascade of Furfine 2003, the α → ∞ limit of non-linear DebtRank,
 *   Bardoscia et al. 2016 PLoS ONE 11(10) e0163825).
 *
 * The additional stress is Σ_i w_i h_i(T) − Σ_i w_i h_i(1) with weights normalised to sum 1 (Battiston et al.
 * 2012; Bardoscia et al. 2015 use equity weights, which is `weight = buffer`).
 */
import { allFinite, NON_FINITE } from "../finite.js";
import type { Network } from "../network.js";

/** DebtRank propagation rule. */
export type DebtRankVariant = "bardoscia" | "single-hit" | "threshold";

export const DEBTRANK_VARIANTS: readonly DebtRankVariant[] = ["bardoscia", "single-hit", "threshold"];

/** Options of `debtRank` and `debtRankOfEachNode`. */
export interface DebtRankOptions {
  /** Propagation rule; default "bardoscia". */
  variant?: DebtRankVariant;
  /** Bardoscia only: stop once no stress rises by more than this (absolute, stress units); default 1e-15. */
  tolerance?: number;
  /** Bardoscia only: give up after this many rounds; default 100000. */
  maxIterations?: number;
}

/** The outcome of one DebtRank run: final stress per node, the added system stress and the defaults. */
export interface DebtRankResult {
  variant: DebtRankVariant;
  /** Final stress per node, in [0, 1]. */
  h: Float64Array;
  /** The shock h(1), capped to [0, 1]. */
  initial: Float64Array;
  /** Normalised weights used (sum 1). */
  weights: Float64Array;
  /** Σ w_i (h_i(T) − h_i(1)). */
  additionalStress: number;
  /** Indices of nodes with final stress 1. */
  defaulted: number[];
  /** Nodes with final stress 1 minus nodes with initial stress 1. */
  additionalDefaults: number;
  converged: boolean;
  reason: "no stress left to propagate" | "tolerance reached" | "iteration limit" | typeof NON_FINITE;
  /** Propagation rounds run (t = 1 is the shock). */
  iterations: number;
}

/** Runs DebtRank from `shock` (one stress value in [0, 1] per node). */
export function debtRank(net: Network, shock: Float64Array, options: DebtRankOptions = {}): DebtRankResult {
  const variant = options.variant ?? "bardoscia";
  if (!DEBTRANK_VARIANTS.includes(variant)) throw new RangeError(`invalid variant: ${variant}`);
  const tolerance = options.tolerance ?? 1e-15;
  if (!(tolerance >= 0)) throw new RangeError(`invalid tolerance: ${tolerance}`);
  const maxIterations = options.maxIterations ?? 100_000;
  if (!Number.isSafeInteger(maxIterations) || maxIterations < 1)
    throw new RangeError(`invalid maxIterations: ${maxIterations}`);
  if (shock.length !== net.n) throw new RangeError(`invalid shock length: ${shock.length}`);
  shock.forEach((v, i) => {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`invalid shock[${net.ids[i]}]: ${v}`);
  });

  const weights = normalisedWeights(net);
  const impact = impactPerEntry(net, variant === "single-hit");
  const initial = Float64Array.from(shock);
  const run =
    variant === "bardoscia"
      ? propagateLinear(net, impact, initial, tolerance, maxIterations)
      : variant === "single-hit"
        ? propagateSingleHit(net, impact, initial)
        : propagateThreshold(net, impact, initial);

  const h = run.h;
  const defaulted: number[] = [];
  let initialDefaults = 0;
  for (let i = 0; i < net.n; i++) {
    if (h[i] === 1) defaulted.push(i);
    if (initial[i] === 1) initialDefaults++;
  }
  const additionalStress = compensatedSum(net.n, (i) => weights[i] * (h[i] - initial[i]));
  const finite = allFinite(h) && Number.isFinite(additionalStress);
  return {
    variant,
    h,
    initial,
    weights,
    additionalStress,
    defaulted,
    additionalDefaults: defaulted.length - initialDefaults,
    converged: finite && run.reason !== "iteration limit",
    reason: finite ? run.reason : NON_FINITE,
    iterations: run.iterations,
  };
}

/**
 * Weights normalised to sum 1: the nodes' `weight` when every node has one, equal weights when none has.
 * A partial set, a negative weight or a zero total is an error.
 */
export function normalisedWeights(net: Network): Float64Array {
  const n = net.n;
  const given = net.weight.filter((w) => !Number.isNaN(w)).length;
  if (given === 0) return new Float64Array(n).fill(n > 0 ? 1 / n : 0);
  const total = compensatedSum(n, (i) => {
    const w = net.weight[i];
    if (!(w >= 0) || !Number.isFinite(w))
      throw new RangeError(
        `invalid nodes[${i}].weight: ${Number.isNaN(w) ? "missing (give every node a weight or none)" : w}`,
      );
    return w;
  });
  if (!(total > 0)) throw new RangeError(`invalid weight: the weights sum to ${total}`);
  return Float64Array.from(net.weight, (w) => w / total);
}

/**
 * Λ for each liability entry (the creditor's exposure over the creditor's buffer), aligned with
 * `net.liabilities`. A zero buffer makes the impact infinite: any loss defaults the creditor.
 */
function impactPerEntry(net: Network, capAtOne: boolean): Float64Array {
  const { start, creditor, amount } = net.liabilities;
  const impact = new Float64Array(amount.length);
  for (let j = 0; j < net.n; j++) {
    for (let k = start[j]; k < start[j + 1]; k++) {
      const c = creditor[k];
      const buffer = net.buffer[c];
      if (!(buffer >= 0) || !Number.isFinite(buffer))
        throw new RangeError(
          `invalid nodes[${c}].buffer: ${Number.isNaN(buffer) ? `missing (${net.ids[c]} has interbank claims)` : buffer}`,
        );
      const lambda = buffer === 0 ? Number.POSITIVE_INFINITY : amount[k] / buffer;
      impact[k] = capAtOne ? Math.min(1, lambda) : lambda;
    }
  }
  return impact;
}

interface Propagation {
  h: Float64Array;
  reason: DebtRankResult["reason"];
  iterations: number;
}

/** Bardoscia et al. 2015: every stress increase is passed on, linearly, in the next round. */
function propagateLinear(
  net: Network,
  impact: Float64Array,
  initial: Float64Array,
  tolerance: number,
  maxIterations: number,
): Propagation {
  const { start, creditor } = net.liabilities;
  const h = Float64Array.from(initial);
  let delta = Float64Array.from(initial);
  let incoming = new Float64Array(net.n);
  let iterations = 1;
  for (;;) {
    let active = false;
    for (let j = 0; j < net.n; j++) {
      const d = delta[j];
      if (d <= tolerance) continue;
      for (let k = start[j]; k < start[j + 1]; k++) incoming[creditor[k]] += impact[k] * d;
      active = true;
    }
    if (!active) {
      const quiet = delta.every((d) => d === 0);
      return { h, reason: quiet ? "no stress left to propagate" : "tolerance reached", iterations };
    }
    if (iterations >= maxIterations) return { h, reason: "iteration limit", iterations };
    iterations++;
    for (let i = 0; i < net.n; i++) {
      const next = incoming[i] > 0 ? Math.min(1, h[i] + incoming[i]) : h[i];
      incoming[i] = next - h[i];
      h[i] = next;
    }
    [delta, incoming] = [incoming, delta];
    incoming.fill(0);
  }
}

const UNDISTRESSED = 0;
const DISTRESSED = 1;
const INACTIVE = 2;

/** Battiston et al. 2012: a distressed node passes its stress once, then turns inactive. */
function propagateSingleHit(net: Network, impact: Float64Array, initial: Float64Array): Propagation {
  const { start, creditor } = net.liabilities;
  const h = Float64Array.from(initial);
  const state = Uint8Array.from(initial, (v) => (v > 0 ? DISTRESSED : UNDISTRESSED));
  const incoming = new Float64Array(net.n);
  let iterations = 1;
  for (;;) {
    let distressed = 0;
    for (let j = 0; j < net.n; j++) {
      if (state[j] !== DISTRESSED) continue;
      distressed++;
      const hj = h[j];
      for (let k = start[j]; k < start[j + 1]; k++) incoming[creditor[k]] += impact[k] * hj;
    }
    if (distressed === 0) return { h, reason: "no stress left to propagate", iterations };
    iterations++;
    for (let i = 0; i < net.n; i++) {
      if (incoming[i] > 0) h[i] = Math.min(1, h[i] + incoming[i]);
      incoming[i] = 0;
      if (state[i] === DISTRESSED) state[i] = INACTIVE;
      else if (state[i] === UNDISTRESSED && h[i] > 0) state[i] = DISTRESSED;
    }
  }
}

/** Zero-recovery threshold cascade: only a node at stress 1 passes on its (full) loss, once. */
function propagateThreshold(net: Network, impact: Float64Array, initial: Float64Array): Propagation {
  const { start, creditor } = net.liabilities;
  const h = Float64Array.from(initial);
  const incoming = new Float64Array(net.n);
  let fresh: number[] = [];
  for (let i = 0; i < net.n; i++) if (h[i] === 1) fresh.push(i);
  let iterations = 1;
  while (fresh.length > 0) {
    iterations++;
    for (const j of fresh) for (let k = start[j]; k < start[j + 1]; k++) incoming[creditor[k]] += impact[k];
    const next: number[] = [];
    for (let i = 0; i < net.n; i++) {
      if (incoming[i] > 0 && h[i] < 1) {
        h[i] = Math.min(1, h[i] + incoming[i]);
        if (h[i] === 1) next.push(i);
      }
      incoming[i] = 0;
    }
    fresh = next;
  }
  return { h, reason: "no stress left to propagate", iterations };
}

/** Neumaier-compensated Σ_{i<n} term(i). */
export function compensatedSum(n: number, term: (i: number) => number): number {
  let sum = 0;
  let carry = 0;
  for (let i = 0; i < n; i++) {
    const x = term(i);
    const t = sum + x;
    carry += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + carry;
}

/** One node's DebtRank: what its default alone does to the others. */
export interface NodeDebtRank {
  node: number;
  /** Additional stress when the node alone starts at h = 1. */
  additionalStress: number;
  /** Defaults beyond the node itself. */
  additionalDefaults: number;
  converged: boolean;
}

/**
 * The DebtRank of every node (Battiston et al. 2012; NetworkRiskMeasures::debt_rank): the network is run once
 * per node with that node alone in default. Costs n runs; meant for networks of up to a few thousand nodes.
 */
export function debtRankOfEachNode(net: Network, options: DebtRankOptions = {}): NodeDebtRank[] {
  const shock = new Float64Array(net.n);
  const out: NodeDebtRank[] = [];
  for (let k = 0; k < net.n; k++) {
    shock[k] = 1;
    const r = debtRank(net, shock, options);
    shock[k] = 0;
    out.push({
      node: k,
      additionalStress: r.additionalStress,
      additionalDefaults: r.additionalDefaults,
      converged: r.converged,
    });
  }
  return out;
}
