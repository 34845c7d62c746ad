/**
 * What a functional form tells the fitting engine. A form predicts log ŷ (every objective works on log
 * predictions) from internal parameters θ, most of them in log space, and writes ∂ log ŷ/∂θ analytically.
 */

/** Input columns a form may need, each one value per row. */
export type InputName = "x" | "n" | "d" | "u";

/** The rows to fit: the observed y and the input columns a form needs (raw units, all > 0). */
export interface FitColumns {
  /** Observed values (losses, scores); > 0. */
  y: Float64Array;
  /** Generic scale variable (dataset size, compute) for one-input forms. */
  x?: Float64Array;
  /** Parameters N. */
  n?: Float64Array;
  /** Training tokens D. */
  d?: Float64Array;
  /** Unique tokens U (data-constrained). */
  u?: Float64Array;
}

/** How a reported parameter maps to the optimiser's coordinate. */
export interface ParamSpec {
  /** Reported name, as in the CLI contract (`E`, `alpha`, `RDstar`, …). */
  name: string;
  /** "log": θ = ln(value) (value > 0); "linear": θ = value. */
  scale: "log" | "linear";
  /** Lower bound in reported units (default none; a "log" parameter is > 0 by construction). */
  lower?: number;
  /** Upper bound in reported units (default none). */
  upper?: number;
  /** A "log" parameter that may be fixed to 0 (θ = −∞), e.g. the irreducible loss E of an additive term. */
  zeroable?: boolean;
}

/** Per-row quantities a form precomputes once per data set (logs of inputs and the like). */
export type Prepared = Float64Array[];

export interface Form {
  /** Registry name (`chinchilla`, `bnsl`, …). */
  name: string;
  params: readonly ParamSpec[];
  /** Input columns the form reads. */
  inputs: readonly InputName[];
  /** Precomputes what `logPredict` reads, from columns validated to be finite and > 0. */
  prepare(columns: FitColumns): Prepared;
  /**
   * Writes log ŷ for every row into `out` and, when `jac` is given, ∂ log ŷ_i/∂θ_k into `jac[i·p + k]`
   * (p = params.length). Must not allocate: it runs once per objective evaluation.
   */
  logPredict(theta: Float64Array, data: Prepared, out: Float64Array, jac: Float64Array | null): void;
  /** Default multi-start points in internal coordinates, possibly derived from the data. */
  starts(columns: FitColumns): Float64Array[];
  /**
   * Optional: binds rows to the summed Huber objective Σ ρ_δ(log ŷ_i − target_i), returning a function of θ that
   * writes the gradient over every parameter into `grad` (length p) and stores no Jacobian. It equals `logPredict`
   * followed by `huberLoss(δ).evaluate` and the chain rule to rounding. The sum runs over `rows` (rows of `data`,
   * in order, repeats allowed: a bootstrap resample, bit-identical to fitting the resampled rows), each row once
   * in order when absent. For the forms whose fits are hot loops (the 4,500-start grid, bootstrap refits).
   */
  huberObjective?(
    data: Prepared,
    target: Float64Array,
    delta: number,
    rows?: Int32Array,
  ): (theta: Float64Array, grad: Float64Array) => number;
}

/** Numerically stable log(e^a + e^b + e^c) and the softmax weights, written into `w` (length 3). */
export function logSumExp3(a: number, b: number, c: number, w: Float64Array): number {
  const m = Math.max(a, b, c);
  if (m === Number.NEGATIVE_INFINITY) {
    w[0] = w[1] = w[2] = 0;
    return m;
  }
  const ea = Math.exp(a - m);
  const eb = Math.exp(b - m);
  const ec = Math.exp(c - m);
  const inv = 1 / (ea + eb + ec);
  w[0] = ea * inv;
  w[1] = eb * inv;
  w[2] = ec * inv;
  return m + Math.log(ea + eb + ec);
}

/** softplus(z) = log(1 + e^z) without overflow or loss of precision for large |z|. */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Cartesian product of value lists, as internal start points. */
export function product(lists: readonly (readonly number[])[]): Float64Array[] {
  let out: number[][] = [[]];
  for (const list of lists) out = out.flatMap((prefix) => list.map((v) => [...prefix, v]));
  return out.map((p) => Float64Array.from(p));
}

/** Median of positive values, on a log scale (geometric middle). */
export function logMedian(values: Float64Array): number {
  const logs = Array.from(values, Math.log).sort((a, b) => a - b);
  const mid = logs.length >> 1;
  return logs.length % 2 ? logs[mid] : (logs[mid - 1] + logs[mid]) / 2;
}
