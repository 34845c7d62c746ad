/**
 * Data-constrained scaling (Muennighoff et al. 2023, "Scaling Data-Constrained Language Models", eq. 5 with the
 * U_N = min(N, N_opt(U)) of the datablations README): repeated tokens and excess parameters decay in value.
 */
import {
  type ChinchillaParams,
  computeOptimalAllocation,
  computeOptimalModelSize,
  requireNumber,
  validateChinchillaParams,
} from "./chinchilla.js";
import { minimizeOnGrid, type ScalarOptions } from "./scalar.js";

/** Chinchilla parameters plus the two decay constants of repetition. */
export interface DataConstrainedParams extends ChinchillaParams {
  /** R_D*: epochs of repetition after which repeated data is worth 1/e of fresh data, > 0 (published 15.4). */
  RDstar: number;
  /** R_N*: the same for parameters beyond N_opt(U), > 0 (published 5.3). */
  RNstar: number;
}

/** Throws a RangeError naming the first invalid parameter. */
export function validateDataConstrainedParams(params: DataConstrainedParams): void {
  validateChinchillaParams(params);
  requireNumber("RDstar", params.RDstar, 0, false);
  requireNumber("RNstar", params.RNstar, 0, false);
}

/**
 * L = E + A/(U_N + U_N·R_N*·(1 − e^(−R_N/R_N*)))^α + B/(U_D + U_D·R_D*·(1 − e^(−R_D/R_D*)))^β with
 * R_D = D/U − 1, U_N = min(N, N_opt(U)), R_N = N/U_N − 1 (both floored at 0, as in datablations).
 * U above D is taken as D: a run cannot see more unique tokens than it trains on (datablations' own
 * allocation search does the same with U = min(U, D)).
 */
export function dataConstrainedLoss(params: DataConstrainedParams, N: number, D: number, U: number): number {
  validateDataConstrainedParams(params);
  requireNumber("N", N, 0, false);
  requireNumber("D", D, 0, false);
  requireNumber("U", U, 0, false);
  return lossUnchecked(params, N, D, Math.min(U, D), computeOptimalModelSize(params, Math.min(U, D)));
}

function lossUnchecked(p: DataConstrainedParams, N: number, D: number, U: number, nOpt: number): number {
  const repeatsD = Math.max(D / U - 1, 0);
  const uniqueN = Math.min(N, nOpt);
  const repeatsN = Math.max(N / uniqueN - 1, 0);
  // U·(1 + R*·(1 − e^(−R/R*))), with expm1 so that small R keeps its digits.
  const effectiveN = uniqueN * (1 - p.RNstar * Math.expm1(-repeatsN / p.RNstar));
  const effectiveD = U * (1 - p.RDstar * Math.expm1(-repeatsD / p.RDstar));
  return (
    p.E + p.A * Math.exp(-p.alpha * Math.log(effectiveN)) + p.B * Math.exp(-p.beta * Math.log(effectiveD))
  );
}

/** The loss-minimising split of a training budget when only U unique tokens exist. */
export interface DataConstrainedAllocation {
  /** Parameters. */
  N: number;
  /** Training tokens (repeats included). */
  D: number;
  /** D/N. */
  tokensPerParam: number;
  /** The data-constrained loss at (N, D, U). */
  loss: number;
  /** D/U: passes over the unique data (below 1 when data is not the constraint). */
  epochs: number;
  /** U, tokens. */
  uniqueTokens: number;
  /** C = 6·N·D, FLOP. */
  computeFlop: number;
  converged: boolean;
  /** "tolerance" on success; "boundary" if the optimum lies outside 10^±6 of the Chinchilla N*. */
  reason: string;
  iterations: number;
}

/**
 * Minimises dataConstrainedLoss(N, C/(6N), U) over log N. The loss has kinks (at N = N_opt(U) and D = U), so a
 * grid over N*(C)·10^(±6) brackets the global minimum before Brent's method polishes it.
 */
export function dataConstrainedAllocation(
  params: DataConstrainedParams,
  computeFlop: number,
  uniqueTokens: number,
  options: ScalarOptions = {},
): DataConstrainedAllocation {
  validateDataConstrainedParams(params);
  requireNumber("computeFlop", computeFlop, 0, false);
  requireNumber("uniqueTokens", uniqueTokens, 0, false);
  const halfProduct = computeFlop / 6;
  const lossAt = (logN: number) => {
    const N = Math.exp(logN);
    const D = halfProduct / N;
    const U = Math.min(uniqueTokens, D);
    return lossUnchecked(params, N, D, U, computeOptimalModelSize(params, U));
  };
  const center = Math.log(computeOptimalAllocation(params, computeFlop).N);
  const span = 6 * Math.LN10;
  const result = minimizeOnGrid(lossAt, center - span, center + span, 241, {
    tolerance: options.tolerance ?? 1e-10,
    maxIterations: options.maxIterations,
  });
  const N = Math.exp(result.x);
  const D = halfProduct / N;
  return {
    N,
    D,
    tokensPerParam: D / N,
    loss: result.f,
    epochs: D / uniqueTokens,
    uniqueTokens,
    computeFlop,
    converged: result.converged,
    reason: result.reason,
    iterations: result.iterations,
  };
}
