/**
 * Inference-aware allocation (Sardana & Frankle 2023, "Beyond Chinchilla-Optimal", arXiv 2401.00448): the model
 * that reaches a target loss ℓ at the least lifetime compute 6·N·D_train + 2·N·D_inference.
 */
import {
  type ChinchillaParams,
  type ComputeOptimalAllocation,
  chinchillaLoss,
  computeOptimalAllocation,
  requireNumber,
  validateChinchillaParams,
} from "./chinchilla.js";
import { findRootBracketed, type ScalarOptions } from "./scalar.js";

/** Options of `inferenceAwareAllocation`: target loss, lifetime inference tokens, the root finder's stops. */
export interface InferenceAwareOptions extends ScalarOptions {
  /** The loss the model must reach, nats/token; must exceed E. */
  targetLoss: number;
  /** Tokens processed at inference over the model's life (prompt + generated), ≥ 0. */
  inferenceTokens: number;
}

/** The cheapest (N, D_train) reaching the target loss, with its lifetime compute. */
export interface InferenceAwareAllocation {
  /** Parameters. */
  N: number;
  /** Training tokens. */
  D: number;
  /** D/N. */
  tokensPerParam: number;
  /** L(N, D); equals the target loss to rounding. */
  loss: number;
  /** 6·N·D, FLOP. */
  trainingFlop: number;
  /** 2·N·D_inference, FLOP. */
  inferenceFlop: number;
  /** trainingFlop + inferenceFlop. */
  totalFlop: number;
  converged: boolean;
  /** "chinchilla" when D_inference = 0 (closed form), otherwise the root finder's reason. */
  reason: string;
  iterations: number;
}

/**
 * Minimises 6·N·D + 2·N·D_inf subject to L(N, D) = ℓ.
 *
 * Writing the reducible loss r = ℓ − E as a model part x = A/N^α and a data part y = B/D^β = p·r, the optimum
 * satisfies D·(αx/(βy) − 1) = D_inf/3, which in t = log p reads
 *   h(t) = K − (1 + 1/β)·t + log(α − (α+β)·e^t) = 0,  K = (log B − log r)/β − log β − log(D_inf/3).
 * h is strictly decreasing on t < log(α/(α+β)) (the Chinchilla point, where h → −∞), so the root is unique and
 * bracketed analytically; t is a monotone reparametrisation of log N (N grows with t), solved by safeguarded
 * Newton. D_inf = 0 gives p = α/(α+β): the Chinchilla allocation at that loss.
 */
export function inferenceAwareAllocation(
  params: ChinchillaParams,
  options: InferenceAwareOptions,
): InferenceAwareAllocation {
  validateChinchillaParams(params);
  const { targetLoss, inferenceTokens } = options;
  requireNumber("targetLoss", targetLoss, params.E, false);
  requireNumber("inferenceTokens", inferenceTokens, 0, true);
  const { A, B, alpha, beta } = params;
  const logR = Math.log(targetLoss - params.E);
  const tChinchilla = Math.log(alpha / (alpha + beta));

  let t = tChinchilla;
  let converged = true;
  let reason = "chinchilla";
  let iterations = 0;
  if (inferenceTokens > 0) {
    const K = (Math.log(B) - logR) / beta - Math.log(beta) - Math.log(inferenceTokens / 3);
    const slope = 1 + 1 / beta;
    const h = (s: number) => K - slope * s + Math.log(alpha - (alpha + beta) * Math.exp(s));
    const dh = (s: number) => {
      const e = (alpha + beta) * Math.exp(s);
      return -slope - e / (alpha - e);
    };
    // Below log(p_c/2) the last term of h is at least log(α/2), so h(lo) > 0 for this lo.
    const lo = Math.min(tChinchilla - Math.LN2, (K + Math.log(alpha / 2)) / slope - 1);
    const hi = tChinchilla - 1e-12;
    // h is concave, so Newton from a point right of the root converges monotonically; dropping the last
    // term's e^t gives such a point (h there is ≤ 0).
    const start = Math.min((K + Math.log(alpha)) / slope, hi - 1e-9);
    const root =
      h(hi) >= 0
        ? { x: hi, converged: true, reason: "chinchilla-limit", iterations: 0 }
        : findRootBracketed(h, dh, lo, hi, {
            tolerance: options.tolerance ?? 1e-14,
            maxIterations: options.maxIterations,
            start,
          });
    ({ converged, reason, iterations } = root);
    t = root.x;
  }

  const p = Math.exp(t);
  const N = Math.exp((Math.log(A) - logR - Math.log1p(-p)) / alpha);
  const D = Math.exp((Math.log(B) - logR - t) / beta);
  const trainingFlop = 6 * N * D;
  const inferenceFlop = 2 * N * inferenceTokens;
  return {
    N,
    D,
    tokensPerParam: D / N,
    loss: chinchillaLoss(params, N, D),
    trainingFlop,
    inferenceFlop,
    totalFlop: trainingFlop + inferenceFlop,
    converged,
    reason,
    iterations,
  };
}

/** Inference-aware allocation whose target is the Chinchilla-optimal loss at a training budget. */
export interface InferenceAwareAtCompute extends InferenceAwareAllocation {
  /** The Chinchilla-optimal loss at the budget: the quality the cheaper model must match. */
  targetLoss: number;
  /** The Chinchilla-optimal model at the budget, served on the same inference tokens. */
  chinchilla: ComputeOptimalAllocation & { inferenceFlop: number; totalFlop: number };
  /** chinchilla.totalFlop − totalFlop: the lifetime compute saved, FLOP (≥ 0). */
  savedFlop: number;
}

/**
 * With a training budget C instead of a loss: the target is L(N*(C), D*(C)), the loss the Chinchilla-optimal
 * model reaches with C, and the result says how much lifetime compute a smaller, longer-trained model saves.
 */
export function inferenceAwareAllocationAtCompute(
  params: ChinchillaParams,
  computeFlop: number,
  inferenceTokens: number,
  options: ScalarOptions = {},
): InferenceAwareAtCompute {
  const optimal = computeOptimalAllocation(params, computeFlop);
  const result = inferenceAwareAllocation(params, { ...options, targetLoss: optimal.loss, inferenceTokens });
  const inferenceFlop = 2 * optimal.N * inferenceTokens;
  const chinchilla = { ...optimal, inferenceFlop, totalFlop: computeFlop + inferenceFlop };
  return {
    ...result,
    targetLoss: optimal.loss,
    chinchilla,
    savedFlop: chinchilla.totalFlop - result.totalFlop,
  };
}
