/**
 * "Where it bends": competing shapes for a metric against log compute (or time), scored on the latest points,
 * averaged with weights, bootstrapped, and turned into the probability that the gain per 10× compute halves.
 * Definitions are in docs/forecast.md.
 */

import { type FitResult, type FitSpec, fit as fitForm, resolveSpec, toInternal } from "../fit/index.js";
import { randomStream } from "../util/random.js";

/** The competing shapes, each a form of the fitting engine fitted to the shortfall z (see `BendOptions`). */
export const BEND_SHAPES = {
  /** Straight line in log–log space: z = A·x^(−α) (power law, E fixed at 0). */
  straight: { form: "power", fix: { E: 0 } },
  /** Saturating power law z = E + A·x^(−α). */
  saturating: { form: "power" },
  /** Broken power law (BNSL, one break). */
  broken: { form: "bnsl", breaks: 1 },
  /** S-curve: a logistic in log10 x between a floor and a ceiling. */
  sigmoid: { form: "sigmoid" },
} as const satisfies Record<string, FitSpec>;

/** Name of a competing shape: a key of `BEND_SHAPES`. */
export type BendShape = keyof typeof BEND_SHAPES;

/** Every shape name, in `BEND_SHAPES` order: the default `shapes` of `analyseBend`. */
export const BEND_SHAPE_NAMES = Object.keys(BEND_SHAPES) as BendShape[];

/** How the shapes are weighted in the average. */
export type BendWeighting = "holdout" | "aic" | "equal";

/** Options of `analyseBend`: the points (u in log10 units, y) and how to fit, weight and forecast them. */
export interface BendOptions {
  /**
   * Position of each point on the scale axis, in log10 units: log10 FLOP for compute (one unit = 10×), or
   * decimal years for time (one unit = one year).
   */
  u: ArrayLike<number>;
  /** The metric, one value per point. */
  y: ArrayLike<number>;
  /**
   * Orientation. "lower" (a loss): the shapes fit z = y. "higher" (a score): they fit z = ceiling − y, the
   * shortfall from the best possible value. Default "lower".
   */
  better?: "lower" | "higher";
  /** Best possible value of a higher-is-better metric (1 for scores in 0–1, 100 for percentages). Default 1. */
  ceiling?: number;
  /** Held-out points: the `holdout` largest u. Default ceil(n/5), at least 2. */
  holdout?: number;
  /** Alternative to `holdout`: hold out the points with u > holdoutAfter. */
  holdoutAfter?: number;
  /** Model weights: "holdout" (default), "aic" (on the full fit) or "equal". */
  weighting?: BendWeighting;
  /** How far past the last observed u the forecast and the halving question reach, in u units. Default 2. */
  horizon?: number;
  /** Bootstrap replicates (rows resampled with replacement). Default 200. */
  bootstrap?: number;
  /** Seed of the bootstrap. Default 1. */
  seed?: number;
  /** Shapes to compare. Default all four. */
  shapes?: readonly BendShape[];
  /**
   * The shapes see x = 10^(u − uOrigin): 0 keeps compute in FLOP; for time pass a year near the data (e.g. its
   * first year) so that x stays finite. Fitted parameters are in units of that x. Default 0.
   */
  uOrigin?: number;
  /** Points of the forecast grid. Default 60. */
  gridPoints?: number;
  /** Interval level of the forecast band. Default 0.9. */
  level?: number;
  /**
   * Steps of the gain profiles per unit u (`profiles` in the result: each bootstrap replicate's gain relative to
   * its gain at the last point, from there to the horizon). Default 0: no profiles.
   */
  profileSteps?: number;
}

/** Each bootstrap replicate's gain per unit u relative to its own gain at the last point, over the horizon. */
export interface GainProfiles {
  /** Offsets from the last observed u, from 0 to the horizon. */
  offsets: number[];
  /** One per fitted replicate of a weighted shape; the weights (shape weight ÷ its replicates) sum to 1. */
  replicates: Array<{ shape: BendShape; weight: number; relativeGain: number[] }>;
}

/** One shape's fit, score and halving probability. */
export interface BendModel {
  shape: BendShape;
  form: string;
  /** Fitted on all points (reported units of the form). */
  params: Record<string, number>;
  converged: boolean;
  reason: string;
  aic: number;
  /** Parameters fitted. */
  k: number;
  /** Fitted on the training points, scored on the held-out ones: RMSE of log z and of y in metric units. */
  holdoutRmseLog: number;
  holdoutRmse: number;
  weight: number;
  /** Gain per unit of u (per 10× compute, or per year) at the last observed u, from the full fit. */
  gainNow: number;
  /** Share of this shape's bootstrap replicates in which the gain halves within the horizon. */
  pHalve: number;
  /** Bootstrap replicates that fitted (of those run). */
  replicates: number;
  /** Why the shape was left out (too few points, no finite fit); then weight 0. */
  skipped?: string;
}

/** What `analyseBend` returns: each shape's fit and weight, P(gain halves), the model-averaged forecast. */
export interface BendResult {
  n: number;
  trainN: number;
  holdoutN: number;
  /** Last observed u and the end of the horizon. */
  uLast: number;
  uEnd: number;
  /** x = 10^(u − uOrigin) is what the shapes' parameters refer to. */
  uOrigin: number;
  weighting: BendWeighting;
  better: "lower" | "higher";
  ceiling: number;
  models: BendModel[];
  /**
   * P(the gain per unit u falls below half its value at uLast somewhere in (uLast, uEnd]), the model-weighted
   * share of bootstrap replicates.
   */
  pHalve: number;
  /** Model-averaged gain now (weighted mean of the shapes' full-fit gains). */
  gainNow: number;
  level: number;
  /** Points (u, y) and whether each was held out. */
  points: Array<{ u: number; y: number; holdout: boolean }>;
  /** The replicates' gain profiles, when `profileSteps` asks for them. */
  profiles?: GainProfiles;
  /**
   * Forecast grid: model-averaged median and band (weighted mixture of the shapes' bootstrap curves) and each
   * shape's full-fit curve, in metric units.
   */
  forecast: Array<{
    u: number;
    median: number;
    lo: number;
    hi: number;
    mean: number;
    byShape: Record<string, number>;
  }>;
}

/** A fitted shape as a function of u returning the metric y. */
type Curve = (u: number) => number;

function curveOf(
  spec: FitSpec,
  params: Record<string, number>,
  toMetric: (z: number) => number,
  uOrigin: number,
): Curve {
  const { form } = resolveSpec(spec);
  const theta = Float64Array.from(form.params, (p) => toInternal(p, params[p.name]));
  const out = new Float64Array(1);
  const x = new Float64Array(1);
  const y = new Float64Array([1]);
  return (u: number) => {
    x[0] = 10 ** (u - uOrigin);
    form.logPredict(theta, form.prepare({ x, y }), out, null);
    return toMetric(Math.exp(out[0]));
  };
}

/** Gain per unit u at u: sign·d(metric)/du, sign chosen so that improvement is positive (central difference). */
function gainAt(curve: Curve, u: number, sign: number): number {
  const h = 1e-4;
  return (sign * (curve(u + h) - curve(u - h))) / (2 * h);
}

/**
 * Whether the gain falls below half of its value at uLast somewhere in (uLast, uEnd], checked on a grid of
 * 100 steps. A gain that is already ≤ 0 at uLast (no improvement) counts as halved.
 */
export function gainHalves(curve: Curve, uLast: number, uEnd: number, sign: number): boolean {
  const now = gainAt(curve, uLast, sign);
  if (!(now > 0)) return true;
  for (let i = 1; i <= 100; i++) {
    if (gainAt(curve, uLast + ((uEnd - uLast) * i) / 100, sign) < now / 2) return true;
  }
  return false;
}

function weightedQuantile(values: number[], weights: number[], q: number): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (const i of order) {
    acc += weights[i];
    if (acc >= q * total) return values[i];
  }
  return values[order[order.length - 1]];
}

/**
 * Fits the shapes, scores them on the held-out latest points, weights them, bootstraps each (rows resampled
 * with replacement, each replicate refitted from the full fit), and returns the model-averaged forecast and the
 * probability that the gain per unit u halves within the horizon. RangeError on bad options or too few points.
 */
export function analyseBend(options: BendOptions): BendResult {
  const n = options.u.length;
  if (options.y.length !== n) throw new RangeError(`invalid y length: ${options.y.length}`);
  const better = options.better ?? "lower";
  const ceiling = options.ceiling ?? 1;
  const weighting = options.weighting ?? "holdout";
  const horizon = options.horizon ?? 2;
  const replicates = options.bootstrap ?? 200;
  const seed = options.seed ?? 1;
  const level = options.level ?? 0.9;
  const shapes = options.shapes ?? BEND_SHAPE_NAMES;
  const uOrigin = options.uOrigin ?? 0;
  if (!Number.isFinite(uOrigin)) throw new RangeError(`invalid uOrigin: ${uOrigin}`);
  if (!(horizon > 0 && Number.isFinite(horizon))) throw new RangeError(`invalid horizon: ${horizon}`);
  if (!(Number.isInteger(replicates) && replicates >= 0))
    throw new RangeError(`invalid bootstrap: ${replicates}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`invalid level: ${level}`);
  if (!Number.isFinite(ceiling)) throw new RangeError(`invalid ceiling: ${ceiling}`);
  if (shapes.length === 0) throw new RangeError("invalid shapes: none");
  // Gain = improvement per unit u: −dy/du for a loss, +dy/du for a score.
  const gainSign = better === "higher" ? 1 : -1;
  const toZ = (v: number) => (better === "higher" ? ceiling - v : v);
  const toMetric = toZ; // the map is its own inverse
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => options.u[a] - options.u[b]);
  const u = Float64Array.from(order, (i) => options.u[i]);
  const y = Float64Array.from(order, (i) => options.y[i]);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(u[i])) throw new RangeError(`invalid u: ${u[i]}`);
    if (!(toZ(y[i]) > 0)) {
      throw new RangeError(
        `invalid y: ${y[i]} (${better === "higher" ? `must be below the ceiling ${ceiling}` : "must be > 0"})`,
      );
    }
  }
  let holdoutN: number;
  if (options.holdoutAfter !== undefined) holdoutN = u.filter((v) => v > options.holdoutAfter!).length;
  else holdoutN = options.holdout ?? Math.max(2, Math.ceil(n / 5));
  if (!(Number.isInteger(holdoutN) && holdoutN >= 1 && holdoutN < n - 2)) {
    throw new RangeError(`invalid holdout: ${holdoutN} of ${n} points`);
  }
  const trainN = n - holdoutN;
  const columns = (from: number, to: number) => ({
    x: Float64Array.from(u.subarray(from, to), (v) => 10 ** (v - uOrigin)),
    y: Float64Array.from(y.subarray(from, to), toZ),
  });
  const all = columns(0, n);
  const uLast = u[n - 1];
  const uEnd = uLast + horizon;
  const models: BendModel[] = [];
  const curves = new Map<BendShape, { full: Curve; boot: Curve[] }>();
  for (const shape of shapes) {
    const spec: FitSpec = { ...BEND_SHAPES[shape], loss: "log-mse" };
    const model: BendModel = {
      shape,
      form: spec.form,
      params: {},
      converged: false,
      reason: "",
      aic: Number.NaN,
      k: 0,
      holdoutRmseLog: Number.NaN,
      holdoutRmse: Number.NaN,
      weight: 0,
      gainNow: Number.NaN,
      pHalve: Number.NaN,
      replicates: 0,
    };
    models.push(model);
    let full: FitResult;
    let trained: FitResult;
    try {
      trained = fitForm(columns(0, trainN), spec);
      full = fitForm(all, spec);
    } catch (error) {
      model.skipped = error instanceof Error ? error.message : String(error);
      continue;
    }
    const trainedCurve = curveOf(spec, trained.params, toMetric, uOrigin);
    let sqLog = 0;
    let sq = 0;
    for (let i = trainN; i < n; i++) {
      const pred = trainedCurve(u[i]);
      const rLog = Math.log(toZ(pred)) - Math.log(toZ(y[i]));
      sqLog += Number.isFinite(rLog) ? rLog * rLog : Number.POSITIVE_INFINITY;
      sq += (pred - y[i]) * (pred - y[i]);
    }
    model.holdoutRmseLog = Math.sqrt(sqLog / holdoutN);
    model.holdoutRmse = Math.sqrt(sq / holdoutN);
    model.params = full.params;
    model.converged = full.converged;
    model.reason = full.reason;
    model.aic = full.aic;
    model.k = full.k;
    const fullCurve = curveOf(spec, full.params, toMetric, uOrigin);
    model.gainNow = gainAt(fullCurve, uLast, gainSign);
    const boot: Curve[] = [];
    let halves = 0;
    for (let b = 0; b < replicates; b++) {
      const rng = randomStream(seed, b);
      const pick = Array.from({ length: n }, () => rng.int(n));
      const sample = {
        x: Float64Array.from(pick, (i) => all.x[i]),
        y: Float64Array.from(pick, (i) => all.y[i]),
      };
      let refit: FitResult;
      try {
        refit = fitForm(sample, { ...spec, init: full.params });
      } catch {
        continue;
      }
      const curve = curveOf(spec, refit.params, toMetric, uOrigin);
      boot.push(curve);
      if (gainHalves(curve, uLast, uEnd, gainSign)) halves++;
    }
    model.replicates = boot.length;
    model.pHalve = boot.length > 0 ? halves / boot.length : Number.NaN;
    curves.set(shape, { full: fullCurve, boot });
  }
  assignWeights(models, weighting, holdoutN);
  const fitted = models.filter((m) => m.weight > 0);
  const pHalve = fitted.reduce((s, m) => s + m.weight * (Number.isNaN(m.pHalve) ? 0 : m.pHalve), 0);
  const gainNow = fitted.reduce((s, m) => s + m.weight * m.gainNow, 0);
  const gridPoints = options.gridPoints ?? 60;
  const forecast: BendResult["forecast"] = [];
  for (let g = 0; g < gridPoints; g++) {
    const at = u[0] + ((uEnd - u[0]) * g) / (gridPoints - 1);
    const values: number[] = [];
    const weights: number[] = [];
    const byShape: Record<string, number> = {};
    let mean = 0;
    for (const m of models) {
      const c = curves.get(m.shape);
      if (!c) continue;
      byShape[m.shape] = c.full(at);
      if (m.weight === 0) continue;
      mean += m.weight * c.full(at);
      for (const curve of c.boot) {
        const v = curve(at);
        if (!Number.isFinite(v)) continue;
        values.push(v);
        weights.push(m.weight / c.boot.length);
      }
    }
    const tail = (1 - level) / 2;
    const has = values.length > 0;
    forecast.push({
      u: at,
      median: has ? weightedQuantile(values, weights, 0.5) : Number.NaN,
      lo: has ? weightedQuantile(values, weights, tail) : Number.NaN,
      hi: has ? weightedQuantile(values, weights, 1 - tail) : Number.NaN,
      mean,
      byShape,
    });
  }
  return {
    n,
    trainN,
    holdoutN,
    uLast,
    uEnd,
    uOrigin,
    weighting,
    better,
    ceiling,
    models,
    pHalve,
    gainNow,
    level,
    points: Array.from(u, (v, i) => ({ u: v, y: y[i], holdout: i >= trainN })),
    forecast,
    ...(options.profileSteps
      ? { profiles: gainProfiles(models, curves, uLast, horizon, gainSign, options.profileSteps) }
      : {}),
  };
}

/**
 * The weighted shapes' bootstrap replicates as gain profiles: each replicate's gain per unit u at `steps` points
 * per unit from the last point to the horizon, relative to its gain at the last point (a replicate with no gain
 * there is flat at 0: it has already stopped improving).
 */
function gainProfiles(
  models: readonly BendModel[],
  curves: ReadonlyMap<BendShape, { boot: Curve[] }>,
  uLast: number,
  horizon: number,
  sign: number,
  steps: number,
): GainProfiles {
  if (!(Number.isInteger(steps) && steps > 0)) throw new RangeError(`invalid profileSteps: ${steps}`);
  const count = Math.ceil(horizon * steps);
  const offsets = Array.from({ length: count + 1 }, (_, k) => (horizon * k) / count);
  const replicates: GainProfiles["replicates"] = [];
  for (const m of models) {
    const boot = curves.get(m.shape)?.boot;
    if (!boot || m.weight === 0) continue;
    for (const curve of boot) {
      const now = gainAt(curve, uLast, sign);
      const relativeGain = offsets.map((o) => {
        const g = gainAt(curve, uLast + o, sign) / now;
        return now > 0 && Number.isFinite(g) ? Math.max(0, g) : 0;
      });
      replicates.push({ shape: m.shape, weight: m.weight / boot.length, relativeGain });
    }
  }
  return { offsets, replicates };
}

/**
 * holdout: w ∝ exp(−Δ/2) with score n_h·ln(MSE_m) + 2k_m, MSE of the held-out metric in its own units (the
 * Gaussian held-out deviance with
 * each shape's own error variance, plus AIC's penalty so that shapes the held-out points cannot tell apart,
 * such as a saturating law whose floor fits to 0 and the straight line, are ranked by parsimony); aic: Akaike
 * weights on the full fit; equal: 1/M. Skipped shapes get 0.
 */
function assignWeights(models: BendModel[], weighting: BendWeighting, holdoutN: number): void {
  const usable = models.filter((m) => !m.skipped && Number.isFinite(m.holdoutRmse) && Number.isFinite(m.aic));
  if (usable.length === 0) throw new RangeError("invalid data: no shape could be fitted");
  let scores: number[];
  if (weighting === "equal") scores = usable.map(() => 0);
  else if (weighting === "aic") scores = usable.map((m) => m.aic);
  else scores = usable.map((m) => 2 * holdoutN * Math.log(Math.max(m.holdoutRmse, 1e-300)) + 2 * m.k);
  const best = Math.min(...scores);
  const raw = scores.map((s) => Math.exp(-(s - best) / 2));
  const total = raw.reduce((a, b) => a + b, 0);
  usable.forEach((m, i) => {
    m.weight = raw[i] / total;
  });
}
