/**
 * Compute-optimal allocation under L(N, D) = E + A/N^α + B/D^β with training compute C = 6·N·D
 * (Hoffmann et al. 2022, eq. 4; the closed form of case S5).
 */

/** Parameters of the Chinchilla loss L(N, D) = E + A/N^α + B/D^β (N parameters, D training tokens). */
export interface ChinchillaParams {
  /** Irreducible loss, nats/token, ≥ 0. */
  E: number;
  /** Model-size coefficient, > 0. */
  A: number;
  /** Data coefficient, > 0. */
  B: number;
  /** Model-size exponent, > 0. */
  alpha: number;
  /** Data exponent, > 0. */
  beta: number;
}

/** The loss-minimising split of one training budget. */
export interface ComputeOptimalAllocation {
  /** Parameters N*. */
  N: number;
  /** Training tokens D*. */
  D: number;
  /** Training tokens per parameter, D* ÷ N*. */
  tokensPerParam: number;
  /** L(N*, D*), nats/token. */
  loss: number;
  /** The budget C = 6·N*·D*, FLOP. */
  computeFlop: number;
}

/** Throws a RangeError naming the first parameter that is missing, non-finite or out of its domain. */
export function validateChinchillaParams(params: ChinchillaParams): void {
  requireNumber("E", params.E, 0, true);
  requireNumber("A", params.A, 0, false);
  requireNumber("B", params.B, 0, false);
  requireNumber("alpha", params.alpha, 0, false);
  requireNumber("beta", params.beta, 0, false);
}

/** Throws RangeError("invalid <name>: <value>") unless value is finite and above (or at, if allowed) min. */
export function requireNumber(name: string, value: number, min: number, allowMin: boolean): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || (!allowMin && value === min)) {
    throw new RangeError(`invalid ${name}: ${value}`);
  }
}

/** L(N, D) = E + A/N^α + B/D^β for N parameters trained on D tokens. */
export function chinchillaLoss(params: ChinchillaParams, N: number, D: number): number {
  return (
    params.E +
    params.A * Math.exp(-params.alpha * Math.log(N)) +
    params.B * Math.exp(-params.beta * Math.log(D))
  );
}

/** log G with G = (αA/(βB))^(1/(α+β)), the constant of the closed form. */
function logG(params: ChinchillaParams): number {
  const { A, B, alpha, beta } = params;
  return (Math.log(alpha) + Math.log(A) - Math.log(beta) - Math.log(B)) / (alpha + beta);
}

/**
 * N*(C) = G (C/6)^(β/(α+β)), D*(C) = G⁻¹ (C/6)^(α/(α+β)): the allocation minimising L(N, D) subject to 6ND = C.
 * Computed in log space so that N*·D* = C/6 to rounding for any budget.
 */
export function computeOptimalAllocation(
  params: ChinchillaParams,
  computeFlop: number,
): ComputeOptimalAllocation {
  validateChinchillaParams(params);
  requireNumber("computeFlop", computeFlop, 0, false);
  const { alpha, beta } = params;
  const logHalfProduct = Math.log(computeFlop / 6);
  const g = logG(params);
  const logN = g + (beta / (alpha + beta)) * logHalfProduct;
  const logD = logHalfProduct - logN;
  const N = Math.exp(logN);
  const D = Math.exp(logD);
  return { N, D, tokensPerParam: Math.exp(logD - logN), loss: chinchillaLoss(params, N, D), computeFlop };
}

/**
 * The compute-optimal model size for a run of `tokens` training tokens: the N with (N, tokens) on the
 * compute-optimal frontier, N = G·(tokens·G)^(β/α). Muennighoff et al. call it N_opt(U) (datablations README,
 * `D_to_N`).
 */
export function computeOptimalModelSize(params: ChinchillaParams, tokens: number): number {
  validateChinchillaParams(params);
  requireNumber("tokens", tokens, 0, false);
  const g = logG(params);
  return Math.exp(g + (params.beta / params.alpha) * (Math.log(tokens) + g));
}
