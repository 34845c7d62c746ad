/**
 * A fitting problem: a form, an objective and the rows, with some parameters held fixed. Turns them into the
 * ObjectiveWithGradient the optimiser sees (free form parameters, then the objective's own), with every
 * buffer allocated once so that an evaluation allocates nothing.
 */
import type { FitColumns, Form, ParamSpec, Prepared } from "./forms/types.js";
import type { Loss } from "./objectives/types.js";
import type { ObjectiveWithGradient } from "./optimizer.js";

/** A reported parameter value in the optimiser's coordinate; RangeError when the value is not allowed. */
export function toInternal(spec: ParamSpec, value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`invalid ${spec.name}: ${value}`);
  if (spec.scale === "linear") return value;
  if (value > 0) return Math.log(value);
  if (value === 0 && spec.zeroable) return Number.NEGATIVE_INFINITY;
  throw new RangeError(`invalid ${spec.name}: ${value} (must be > 0${spec.zeroable ? " or 0" : ""})`);
}

/** The optimiser's coordinate back in reported units. */
export function toReported(spec: ParamSpec, theta: number): number {
  return spec.scale === "log" ? Math.exp(theta) : theta;
}

export interface Problem {
  form: Form;
  loss: Loss;
  /** Rows. */
  n: number;
  /** Indices of the free form parameters. */
  free: Int32Array;
  /** Optimiser dimension: free form parameters plus the objective's own. */
  dim: number;
  /** Bounds in the optimiser's coordinates (length dim). */
  lower: Float64Array;
  upper: Float64Array;
  objective: ObjectiveWithGradient;
  /** Full internal form parameters for optimiser point x (fixed ones filled in); returns a new array. */
  expand(x: ArrayLike<number>): Float64Array;
  /** Optimiser point for full internal form parameters `theta` and objective parameters `extra`. */
  compress(theta: ArrayLike<number>, extra: ArrayLike<number>): Float64Array;
  /** Log predictions at full internal parameters, into a new array. */
  logPredict(theta: Float64Array): Float64Array;
  target: Float64Array;
  data: Prepared;
}

/**
 * Builds the problem. `fixed[k]` is the internal value of form parameter k when it is held fixed, undefined
 * when it is fitted. The objective sums over `rows` (indices into `columns`, in order, repeats allowed: a
 * bootstrap resample, bit-identical to fitting the resampled columns but with each distinct row's work done
 * once), each row once when absent; `n`, `target` and `logPredict` are per row of `columns`.
 */
export function createProblem(
  form: Form,
  loss: Loss,
  columns: FitColumns,
  fixed: readonly (number | undefined)[] = [],
  rows?: Int32Array,
): Problem {
  const n = columns.y.length;
  if (rows?.some((i) => !(i >= 0 && i < n))) throw new RangeError(`invalid rows: an index outside [0, ${n})`);
  const p = form.params.length;
  const data = form.prepare(columns);
  const target = loss.target(columns.y);
  const theta = new Float64Array(p);
  const freeList: number[] = [];
  for (let k = 0; k < p; k++) {
    if (fixed[k] === undefined) freeList.push(k);
    else theta[k] = fixed[k]!;
  }
  const free = Int32Array.from(freeList);
  const extraCount = loss.extraParams.length;
  const dim = free.length + extraCount;
  const lower = new Float64Array(dim).fill(Number.NEGATIVE_INFINITY);
  const upper = new Float64Array(dim).fill(Number.POSITIVE_INFINITY);
  free.forEach((k, j) => {
    const spec = form.params[k];
    if (spec.lower !== undefined) lower[j] = spec.scale === "log" ? Math.log(spec.lower) : spec.lower;
    if (spec.upper !== undefined) upper[j] = spec.scale === "log" ? Math.log(spec.upper) : spec.upper;
  });
  const fullGrad = new Float64Array(p);
  const fused =
    loss.name === "huber" && extraCount === 0
      ? form.huberObjective?.(data, target, loss.delta ?? 0, rows)
      : undefined;
  const objective: ObjectiveWithGradient = fused
    ? (x, grad) => {
        for (let j = 0; j < free.length; j++) theta[free[j]] = x[j];
        const f = fused(theta, fullGrad);
        for (let j = 0; j < free.length; j++) grad[j] = fullGrad[free[j]];
        return f;
      }
    : genericObjective(form, loss, data, target, theta, free, extraCount, rows);
  return {
    form,
    loss,
    n,
    free,
    dim,
    lower,
    upper,
    objective,
    target,
    data,
    expand(x) {
      const out = Float64Array.from(theta);
      for (let j = 0; j < free.length; j++) out[free[j]] = x[j];
      return out;
    },
    compress(full, extraValues) {
      const out = new Float64Array(dim);
      for (let j = 0; j < free.length; j++) out[j] = full[free[j]];
      for (let j = 0; j < extraCount; j++) out[free.length + j] = extraValues[j];
      return out;
    },
    logPredict(full) {
      const out = new Float64Array(n);
      form.logPredict(full, data, out, null);
      return out;
    },
  };
}

/**
 * The objective as `form.logPredict` (with its Jacobian), `loss.evaluate` and the chain rule, over `rows` or each
 * row once; `theta` holds the fixed parameters and takes the free ones. Its buffers are allocated here, once, and
 * only for problems without a fused objective (a bootstrap builds thousands of problems).
 */
function genericObjective(
  form: Form,
  loss: Loss,
  data: Prepared,
  target: Float64Array,
  theta: Float64Array,
  free: Int32Array,
  extraCount: number,
  rows: Int32Array | undefined,
): ObjectiveWithGradient {
  const n = target.length;
  const p = form.params.length;
  const logPred = new Float64Array(n);
  const jac = new Float64Array(n * p);
  /** Rows summed, and their log predictions and targets in that order (the per-row arrays when unsampled). */
  const m = rows === undefined ? n : rows.length;
  const sampleLogPred = rows === undefined ? logPred : new Float64Array(m);
  const sampleTarget = rows === undefined ? target : Float64Array.from(rows, (i) => target[i]);
  const dLogPred = new Float64Array(m);
  const extra = new Float64Array(extraCount);
  const dExtra = new Float64Array(extraCount);
  return (x, grad) => {
    for (let j = 0; j < free.length; j++) theta[free[j]] = x[j];
    for (let j = 0; j < extraCount; j++) extra[j] = x[free.length + j];
    form.logPredict(theta, data, logPred, jac);
    if (rows !== undefined) for (let t = 0; t < m; t++) sampleLogPred[t] = logPred[rows[t]];
    const f = loss.evaluate(sampleLogPred, sampleTarget, extra, dLogPred, dExtra);
    const nFree = free.length;
    for (let j = 0; j < nFree; j++) grad[j] = 0;
    for (let t = 0; t < m; t++) {
      const o = (rows === undefined ? t : rows[t]) * p;
      const di = dLogPred[t];
      for (let j = 0; j < nFree; j++) grad[j] += di * jac[o + free[j]];
    }
    for (let j = 0; j < extraCount; j++) grad[free.length + j] = dExtra[j];
    return f;
  };
}
