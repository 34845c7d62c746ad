/**
 * Limited-memory BFGS (Nocedal 1980; Liu & Nocedal 1989) with optional box bounds and a strong-Wolfe
 * Moré–Thuente line search. Bounds are handled by an active set: a coordinate at a bound whose gradient
 * pushes outwards is held there, the quasi-Newton direction is taken over the other coordinates, and each
 * step is capped at the nearest bound along the direction (a projected L-BFGS, enough for the few-parameter
 * fits here; not the full Cauchy-point machinery of L-BFGS-B).
 */
import { moreThuente } from "./lineSearch.js";
import type { MinimizeOptions, MinimizeResult, ObjectiveWithGradient } from "./optimizer.js";

interface Settings {
  maxIterations: number;
  gradientTolerance: number;
  functionTolerance: number;
  memory: number;
  lower: Float64Array;
  upper: Float64Array;
  bounded: boolean;
  inverseHessian: Float64Array | undefined;
}

function settings(n: number, options: MinimizeOptions): Settings {
  const maxIterations = options.maxIterations ?? 1000;
  const gradientTolerance = options.gradientTolerance ?? 1e-10;
  const functionTolerance = options.functionTolerance ?? 1e-15;
  const memory = options.memory ?? 10;
  if (!(Number.isInteger(maxIterations) && maxIterations >= 0))
    throw new RangeError(`invalid maxIterations: ${maxIterations}`);
  if (!(gradientTolerance >= 0)) throw new RangeError(`invalid gradientTolerance: ${gradientTolerance}`);
  if (!(functionTolerance >= 0)) throw new RangeError(`invalid functionTolerance: ${functionTolerance}`);
  if (!(Number.isInteger(memory) && memory >= 1)) throw new RangeError(`invalid memory: ${memory}`);
  const lower = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const upper = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (const [name, given, out] of [
    ["lower", options.lower, lower],
    ["upper", options.upper, upper],
  ] as const) {
    if (given === undefined) continue;
    if (given.length !== n) throw new RangeError(`invalid ${name}: length ${given.length}, expected ${n}`);
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(given[i])) throw new RangeError(`invalid ${name}[${i}]: NaN`);
      out[i] = given[i];
    }
  }
  let bounded = false;
  for (let i = 0; i < n; i++) {
    if (!(lower[i] <= upper[i])) throw new RangeError(`invalid bounds at ${i}: ${lower[i]} > ${upper[i]}`);
    if (Number.isFinite(lower[i]) || Number.isFinite(upper[i])) bounded = true;
  }
  let inverseHessian: Float64Array | undefined;
  if (options.inverseHessian !== undefined) {
    if (options.inverseHessian.length !== n * n)
      throw new RangeError(
        `invalid inverseHessian: length ${options.inverseHessian.length}, expected ${n * n}`,
      );
    inverseHessian = Float64Array.from(options.inverseHessian);
    if (inverseHessian.some((v) => !Number.isFinite(v)))
      throw new RangeError("invalid inverseHessian: not finite");
  }
  return {
    maxIterations,
    gradientTolerance,
    functionTolerance,
    memory,
    lower,
    upper,
    bounded,
    inverseHessian,
  };
}

/** Relative rounding of f below which a predicted decrease cannot be measured: a few units in the last place. */
const ROUNDING = 4 * Number.EPSILON;

/** Infinity norm of the projected gradient P(x − g) − x: zero in the directions a bound blocks. */
function projectedGradientNorm(x: Float64Array, g: Float64Array, s: Settings): number {
  let norm = 0;
  for (let i = 0; i < x.length; i++) {
    let gi = g[i];
    if (gi > 0 && x[i] - gi < s.lower[i]) gi = x[i] - s.lower[i];
    else if (gi < 0 && x[i] - gi > s.upper[i]) gi = x[i] - s.upper[i];
    const a = Math.abs(gi);
    if (a > norm) norm = a;
  }
  return norm;
}

/**
 * Minimises `f` from `x0` (clamped into the bounds). Stops when the projected gradient's infinity norm falls
 * below `gradientTolerance` ("gradient"), when one iteration lowers f by less than `functionTolerance`
 * relative to |f| ("function": no further progress at working precision, which is how a minimum at a kink of
 * a nearly non-smooth objective such as the Huber likelihood ends), at `maxIterations`, when the line search
 * can make no progress even along steepest descent ("line-search"; converged when the projected gradient is
 * then below √gradientTolerance, i.e. f is at a minimum to working precision), or when f is not finite at
 * the start ("non-finite").
 */
export function minimizeLbfgs(
  f: ObjectiveWithGradient,
  x0: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  const n = x0.length;
  const s = settings(n, options);
  const m = s.memory;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.min(s.upper[i], Math.max(s.lower[i], x0[i]));
  const g = new Float64Array(n);
  const d = new Float64Array(n);
  const xTrial = new Float64Array(n);
  const gTrial = new Float64Array(n);
  const free = new Uint8Array(n);
  const sHist = new Float64Array(m * n);
  const yHist = new Float64Array(m * n);
  const rho = new Float64Array(m);
  const alphaBuf = new Float64Array(m);
  let stored = 0;
  let head = 0; // slot of the next pair to write
  let evaluations = 1;
  let fx = f(x, g);
  const result = (converged: boolean, reason: string, iterations: number): MinimizeResult => ({
    x,
    f: fx,
    gradientNorm: projectedGradientNorm(x, g, s),
    converged,
    reason,
    iterations,
    evaluations,
  });
  // No step along steepest descent lowers f: a minimum at working precision when the gradient is small.
  const stalled = (iteration: number) =>
    result(projectedGradientNorm(x, g, s) <= Math.sqrt(s.gradientTolerance), "line-search", iteration);
  if (!Number.isFinite(fx) || g.some((v) => !Number.isFinite(v))) return result(false, "non-finite", 0);

  // The given inverse Hessian scales the two-loop recursion until a step along it fails.
  let h0 = s.inverseHessian;
  const scratch = new Float64Array(h0 === undefined ? 0 : n);
  let trialStep = -1;
  const line = {
    value(step: number): number {
      trialStep = step;
      for (let i = 0; i < n; i++) xTrial[i] = Math.min(s.upper[i], Math.max(s.lower[i], x[i] + step * d[i]));
      evaluations++;
      return f(xTrial, gTrial);
    },
    slope(): number {
      let v = 0;
      for (let i = 0; i < n; i++) v += gTrial[i] * d[i];
      return v;
    },
  };

  for (let iteration = 0; ; iteration++) {
    if (projectedGradientNorm(x, g, s) <= s.gradientTolerance) return result(true, "gradient", iteration);
    if (iteration >= s.maxIterations) return result(false, "max-iterations", iteration);

    // Free coordinates: not held at a bound by a gradient pointing outwards.
    for (let i = 0; i < n; i++) {
      free[i] = (x[i] <= s.lower[i] && g[i] > 0) || (x[i] >= s.upper[i] && g[i] < 0) ? 0 : 1;
    }
    let steepest = stored === 0 && h0 === undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      direction(steepest);
      let slope = 0;
      for (let i = 0; i < n; i++) slope += g[i] * d[i];
      if (slope < 0) break;
      // Not a descent direction (curvature pairs gone stale): forget them and go downhill.
      stored = 0;
      h0 = undefined;
      steepest = true;
    }
    let slope0 = 0;
    let dNorm = 0;
    for (let i = 0; i < n; i++) {
      slope0 += g[i] * d[i];
      dNorm += d[i] * d[i];
    }
    dNorm = Math.sqrt(dNorm);
    if (!(slope0 < 0)) return stalled(iteration);
    // A quasi-Newton step promises a decrease of about −slope0/2. When even −slope0 is below the rounding of f,
    // no line search can see f fall: it would spend its 40 evaluations on rounding noise (seen at the end of
    // bootstrap refits, whose gradient stalls near 1e-9 at f ~ 1e-3), so stop as the function rule would.
    if (!steepest && -slope0 <= ROUNDING * Math.abs(fx)) return result(true, "function", iteration);

    let stepMax = Number.POSITIVE_INFINITY;
    if (s.bounded) {
      for (let i = 0; i < n; i++) {
        if (d[i] < 0 && Number.isFinite(s.lower[i])) stepMax = Math.min(stepMax, (s.lower[i] - x[i]) / d[i]);
        else if (d[i] > 0 && Number.isFinite(s.upper[i]))
          stepMax = Math.min(stepMax, (s.upper[i] - x[i]) / d[i]);
      }
    }
    if (!(stepMax > 0)) return stalled(iteration);
    const first = steepest ? Math.min(1 / dNorm, stepMax) : Math.min(1, stepMax);
    const search = moreThuente(line, fx, slope0, first, {
      stepMax: Math.min(stepMax, 1e20),
      maxEvaluations: 40,
    });
    if (!(search.step > 0)) {
      if (!steepest) {
        // A quasi-Newton step that fails outright: retry this iteration from steepest descent.
        stored = 0;
        h0 = undefined;
        iteration--;
        continue;
      }
      return stalled(iteration);
    }
    if (!search.lastEvaluated || trialStep !== search.step) line.value(search.step);
    const fOld = fx;
    // Store the curvature pair s = xNew − x, y = gNew − g before moving.
    const slot = head * n;
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      const si = xTrial[i] - x[i];
      const yi = gTrial[i] - g[i];
      sHist[slot + i] = si;
      yHist[slot + i] = yi;
      sy += si * yi;
      yy += yi * yi;
    }
    if (sy > 2.2e-16 * yy) {
      rho[head] = 1 / sy;
      head = (head + 1) % m;
      if (stored < m) stored++;
    }
    x.set(xTrial);
    g.set(gTrial);
    fx = search.f;
    if (!Number.isFinite(fx)) fx = f(x, g);
    const scale = Math.max(Math.abs(fOld), Math.abs(fx), Number.MIN_VALUE);
    if (fOld - fx <= s.functionTolerance * scale) return result(true, "function", iteration + 1);
  }

  /** d = −H·g over the free coordinates by the two-loop recursion (or −g when `steepest`). */
  function direction(steepest: boolean): void {
    for (let i = 0; i < n; i++) d[i] = free[i] ? -g[i] : 0;
    if (steepest || (stored === 0 && h0 === undefined)) return;
    let k = head;
    for (let j = 0; j < stored; j++) {
      k = (k - 1 + m) % m;
      const o = k * n;
      let a = 0;
      for (let i = 0; i < n; i++) a += sHist[o + i] * d[i];
      a *= rho[k];
      alphaBuf[k] = a;
      for (let i = 0; i < n; i++) d[i] -= a * yHist[o + i];
    }
    if (h0 !== undefined) {
      // d ← H0·d over the free coordinates.
      for (let i = 0; i < n; i++) {
        let v = 0;
        if (free[i]) for (let j = 0; j < n; j++) if (free[j]) v += h0[i * n + j] * d[j];
        scratch[i] = v;
      }
      d.set(scratch);
    } else {
      const last = ((head - 1 + m) % m) * n;
      let sy = 0;
      let yy = 0;
      for (let i = 0; i < n; i++) {
        sy += sHist[last + i] * yHist[last + i];
        yy += yHist[last + i] * yHist[last + i];
      }
      const gamma = sy / yy;
      for (let i = 0; i < n; i++) d[i] *= gamma;
    }
    for (let j = 0; j < stored; j++) {
      const o = k * n;
      let b = 0;
      for (let i = 0; i < n; i++) b += yHist[o + i] * d[i];
      b *= rho[k];
      const a = alphaBuf[k];
      for (let i = 0; i < n; i++) d[i] += (a - b) * sHist[o + i];
      k = (k + 1) % m;
    }
    for (let i = 0; i < n; i++) {
      if (!free[i]) d[i] = 0;
      // A free coordinate sitting on a bound may not step through it.
      else if ((x[i] <= s.lower[i] && d[i] < 0) || (x[i] >= s.upper[i] && d[i] > 0)) d[i] = 0;
    }
  }
}
