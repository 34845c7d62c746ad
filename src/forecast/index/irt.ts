/**
 * The item-response model behind the Epoch Capabilities Index (Epoch AI 2025, "A Rosetta Stone for AI
 * Benchmarks", repository epoch-research/benchmark-stitching, fit.py):
 *   score(m, b) = σ(α_b · (C_m − D_b))
 * with capability C_m per model, difficulty D_b and slope α_b per benchmark, fitted by least squares with an
 * L2 penalty. One anchor benchmark has its slope fixed during the fit and its difficulty fixed afterwards by a
 * shift of every C and D (the model is invariant to that shift apart from the penalty, as in fit.py).
 */
import { minimizeLbfgs } from "../../fit/lbfgs.js";
import type { ObjectiveWithGradient } from "../../fit/optimizer.js";
import { logistic } from "../../util/logistic.js";
import { randomStream } from "../../util/random.js";

/** Scores as parallel arrays: observation i is model `model[i]` on benchmark `benchmark[i]`. */
export interface IrtData {
  modelCount: number;
  benchmarkCount: number;
  model: Int32Array;
  benchmark: Int32Array;
  /** Score in [0, 1]. */
  score: Float64Array;
}

export interface IrtOptions {
  /** Index of the anchor benchmark; required. */
  anchorBenchmark: number;
  /** Difficulty the anchor benchmark is shifted to after the fit; default 0 (Epoch: Winogrande at 0). */
  anchorDifficulty?: number;
  /** Fixed slope of the anchor benchmark; default 1. */
  anchorSlope?: number;
  /** L2 strength λ; the penalty is λ/P · Σ(free parameters²) with P free parameters; default 0.1 (fit.py). */
  regularization?: number;
  /** Box for every C and D during the fit; default [−10, 10] (fit.py). */
  capabilityBounds?: [number, number];
  /** Box for the free slopes; default [0.1, 10] (fit.py). */
  slopeBounds?: [number, number];
  /** Starting slope; default 1 (fit.py's slope_init). */
  initialSlope?: number;
  /** Seed of the N(0, 0.1²) starting values of C and D; default 42. */
  seed?: number;
  /** Starting parameter vector (C, D, free α) instead of the seeded start, e.g. for bootstrap refits. */
  start?: Float64Array;
  /** L-BFGS iteration cap; default 5000. */
  maxIterations?: number;
}

/** A fitted model: values, plus how the optimiser stopped. */
export interface IrtFit {
  capability: Float64Array;
  difficulty: Float64Array;
  slope: Float64Array;
  /** The optimiser's parameter vector (C, D, free α) before the anchor shift: a warm start for refits. */
  parameters: Float64Array;
  /** Root mean squared error of the fitted scores. */
  rmse: number;
  /** Objective at the optimum: ½Σ residual² + ½ penalty. */
  objective: number;
  converged: boolean;
  reason: string;
  iterations: number;
}

function validate(data: IrtData): void {
  const n = data.score.length;
  if (data.model.length !== n || data.benchmark.length !== n)
    throw new RangeError(
      `invalid data: arrays of lengths ${data.model.length}, ${data.benchmark.length}, ${n}`,
    );
  if (!(Number.isInteger(data.modelCount) && data.modelCount >= 1))
    throw new RangeError(`invalid modelCount: ${data.modelCount}`);
  if (!(Number.isInteger(data.benchmarkCount) && data.benchmarkCount >= 1))
    throw new RangeError(`invalid benchmarkCount: ${data.benchmarkCount}`);
  for (let i = 0; i < n; i++) {
    if (!(data.score[i] >= 0 && data.score[i] <= 1))
      throw new RangeError(`invalid score[${i}]: ${data.score[i]}`);
    if (!(data.model[i] >= 0 && data.model[i] < data.modelCount))
      throw new RangeError(`invalid model[${i}]: ${data.model[i]}`);
    if (!(data.benchmark[i] >= 0 && data.benchmark[i] < data.benchmarkCount))
      throw new RangeError(`invalid benchmark[${i}]: ${data.benchmark[i]}`);
  }
}

/** Position of benchmark b's slope in the parameter vector, or −1 for the fixed anchor slope. */
function slopeSlot(b: number, anchor: number, offset: number): number {
  if (b === anchor) return -1;
  return offset + (b < anchor ? b : b - 1);
}

/**
 * The penalised least-squares objective over x = (C_1..C_M, D_1..D_B, α of every benchmark but the anchor),
 * with its analytic gradient: f = ½ Σ_i (σ(α_b(C_m − D_b)) − y_i)² + ½ (λ/P) Σ_j x_j².
 */
export function irtObjective(
  data: IrtData,
  anchorBenchmark: number,
  anchorSlope: number,
  regularization: number,
): ObjectiveWithGradient {
  const M = data.modelCount;
  const B = data.benchmarkCount;
  const P = M + 2 * B - 1;
  const penalty = regularization / P;
  const { model, benchmark, score } = data;
  const n = score.length;
  return (x, grad) => {
    grad.fill(0);
    let sse = 0;
    for (let i = 0; i < n; i++) {
      const m = model[i];
      const b = benchmark[i];
      const slot = slopeSlot(b, anchorBenchmark, M + B);
      const alpha = slot < 0 ? anchorSlope : x[slot];
      const gap = x[m] - x[M + b];
      const p = logistic(alpha * gap);
      const r = p - score[i];
      sse += r * r;
      const w = r * p * (1 - p);
      grad[m] += w * alpha;
      grad[M + b] -= w * alpha;
      if (slot >= 0) grad[slot] += w * gap;
    }
    let squares = 0;
    for (let j = 0; j < P; j++) {
      squares += x[j] * x[j];
      grad[j] += penalty * x[j];
    }
    return 0.5 * sse + 0.5 * penalty * squares;
  };
}

/** Fits the model by bounded L-BFGS from a seeded start (or `options.start`). */
export function fitIrt(data: IrtData, options: IrtOptions): IrtFit {
  validate(data);
  const M = data.modelCount;
  const B = data.benchmarkCount;
  const anchor = options.anchorBenchmark;
  if (!(Number.isInteger(anchor) && anchor >= 0 && anchor < B))
    throw new RangeError(`invalid anchorBenchmark: ${anchor}`);
  const anchorDifficulty = options.anchorDifficulty ?? 0;
  const anchorSlope = options.anchorSlope ?? 1;
  const regularization = options.regularization ?? 0.1;
  const [cLo, cHi] = options.capabilityBounds ?? [-10, 10];
  const [aLo, aHi] = options.slopeBounds ?? [0.1, 10];
  const initialSlope = options.initialSlope ?? 1;
  if (!Number.isFinite(anchorDifficulty))
    throw new RangeError(`invalid anchorDifficulty: ${anchorDifficulty}`);
  if (!(anchorSlope > 0)) throw new RangeError(`invalid anchorSlope: ${anchorSlope}`);
  if (!(regularization >= 0)) throw new RangeError(`invalid regularization: ${regularization}`);
  if (!(cLo < cHi)) throw new RangeError(`invalid capabilityBounds: ${cLo}, ${cHi}`);
  if (!(aLo > 0 && aLo < aHi)) throw new RangeError(`invalid slopeBounds: ${aLo}, ${aHi}`);
  const P = M + 2 * B - 1;
  const lower = new Float64Array(P);
  const upper = new Float64Array(P);
  for (let j = 0; j < P; j++) {
    const isSlope = j >= M + B;
    lower[j] = isSlope ? aLo : cLo;
    upper[j] = isSlope ? aHi : cHi;
  }
  let x0: Float64Array;
  if (options.start) {
    if (options.start.length !== P) throw new RangeError(`invalid start: length ${options.start.length}`);
    x0 = options.start;
  } else {
    const rng = randomStream(options.seed ?? 42, 0x1271);
    x0 = new Float64Array(P);
    for (let j = 0; j < M + B; j++) x0[j] = 0.1 * rng.normal();
    x0.fill(initialSlope, M + B);
  }
  const objective = irtObjective(data, anchor, anchorSlope, regularization);
  const result = minimizeLbfgs(objective, x0, {
    lower,
    upper,
    maxIterations: options.maxIterations ?? 5000,
    gradientTolerance: 1e-8,
    functionTolerance: 1e-14,
  });
  const x = result.x;
  const shift = x[M + anchor] - anchorDifficulty;
  const capability = new Float64Array(M);
  const difficulty = new Float64Array(B);
  const slope = new Float64Array(B);
  for (let m = 0; m < M; m++) capability[m] = x[m] - shift;
  for (let b = 0; b < B; b++) {
    difficulty[b] = x[M + b] - shift;
    const slot = slopeSlot(b, anchor, M + B);
    slope[b] = slot < 0 ? anchorSlope : x[slot];
  }
  let sse = 0;
  for (let i = 0; i < data.score.length; i++) {
    const b = data.benchmark[i];
    const r = logistic(slope[b] * (capability[data.model[i]] - difficulty[b])) - data.score[i];
    sse += r * r;
  }
  return {
    capability,
    difficulty,
    slope,
    parameters: Float64Array.from(x),
    rmse: data.score.length > 0 ? Math.sqrt(sse / data.score.length) : Number.NaN,
    objective: result.f,
    converged: result.converged,
    reason: result.reason,
    iterations: result.iterations,
  };
}

/** The affine map v ↦ a + b·v that sends capability `c1` to `value1` and `c2` to `value2`. */
export interface AffineScale {
  offset: number;
  factor: number;
}

/** The affine scale fixed by two reference models (Epoch: Claude 3.5 Sonnet (Jun 2024) = 130, GPT-5 = 150). */
export function referenceScale(c1: number, value1: number, c2: number, value2: number): AffineScale {
  if (!(Number.isFinite(c1) && Number.isFinite(c2) && c1 !== c2))
    throw new RangeError(`invalid reference capabilities: ${c1}, ${c2}`);
  if (!(Number.isFinite(value1) && Number.isFinite(value2) && value1 !== value2))
    throw new RangeError(`invalid reference values: ${value1}, ${value2}`);
  const factor = (value2 - value1) / (c2 - c1);
  return { offset: value1 - factor * c1, factor };
}
