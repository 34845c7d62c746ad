/**
 * Moré–Thuente line search (Moré & Thuente 1994, "Line search algorithms with guaranteed sufficient decrease",
 * ACM TOMS 20(3); the MINPACK-2 dcsrch/dcstep algorithm that SciPy's L-BFGS-B also uses). Finds a step t > 0
 * along a descent direction satisfying the strong Wolfe conditions
 *   φ(t) ≤ φ(0) + c1·t·φ'(0)   and   |φ'(t)| ≤ c2·|φ'(0)|.
 */

/** The function along the search line, φ(t) = f(x + t·d), with its derivative φ'(t) = ∇f(x + t·d)·d. */
export interface LineFunction {
  /** Evaluates at step t and returns φ(t); `slope()` then returns φ'(t). May return a non-finite value. */
  value(step: number): number;
  /** φ'(t) at the step last passed to `value`. */
  slope(): number;
}

export interface LineSearchOptions {
  /** Sufficient-decrease constant c1 in (0, c2); default 1e-4. */
  c1?: number;
  /** Curvature constant c2 in (c1, 1); default 0.9 (the usual choice for quasi-Newton directions). */
  c2?: number;
  /** Relative width of the bracket below which the search stops; default 1e-10. */
  xtol?: number;
  /** Smallest step allowed; default 0. */
  stepMin?: number;
  /** Largest step allowed (the distance to the nearest bound in a bounded search); default 1e20. */
  stepMax?: number;
  /** Most evaluations of φ; default 20. */
  maxEvaluations?: number;
}

export interface LineSearchResult {
  /** The step found (the best one seen when the search did not converge). */
  step: number;
  /** φ(step). */
  f: number;
  /** True when the strong Wolfe conditions hold at `step`, or when `step` is `stepMax` with sufficient decrease. */
  ok: boolean;
  /** "wolfe", "step-max", "step-min", "xtol", "rounding", "max-evaluations", "non-finite", "not-descent". */
  reason: string;
  evaluations: number;
  /** True when `step` was the last step evaluated (so the caller's gradient buffer holds ∇f there). */
  lastEvaluated: boolean;
}

const XTRAPL = 1.1;
const XTRAPU = 4.0;

/** Bracketing interval state shared between the search and its step rule (plain numbers, no allocation). */
interface Bracket {
  stx: number;
  fx: number;
  dx: number;
  sty: number;
  fy: number;
  dy: number;
  brackt: boolean;
}

/**
 * The safeguarded step of Moré–Thuente (dcstep): a cubic or quadratic interpolation step chosen by case,
 * updating the bracket in place. Returns the next trial step.
 */
function safeguardedStep(
  b: Bracket,
  stp: number,
  fp: number,
  dp: number,
  stpmin: number,
  stpmax: number,
): number {
  const { stx, fx, dx, sty, fy, dy } = b;
  const sgnd = dp * Math.sign(dx);
  let stpf: number;
  if (fp > fx) {
    // Case 1: higher function value; the minimum is bracketed.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt(Math.max(0, (theta / s) ** 2 - (dx / s) * (dp / s)));
    if (stp < stx) gamma = -gamma;
    const p = gamma - dx + theta;
    const q = gamma - dx + gamma + dp;
    const stpc = stx + (p / q) * (stp - stx);
    const stpq = stx + (dx / ((fx - fp) / (stp - stx) + dx) / 2) * (stp - stx);
    stpf = Math.abs(stpc - stx) < Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
    b.brackt = true;
  } else if (sgnd < 0) {
    // Case 2: lower value, derivatives of opposite sign; the minimum is bracketed.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt(Math.max(0, (theta / s) ** 2 - (dx / s) * (dp / s)));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dx;
    const stpc = stp + (p / q) * (stx - stp);
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
    b.brackt = true;
  } else if (Math.abs(dp) < Math.abs(dx)) {
    // Case 3: lower value, same-sign derivative decreasing in magnitude.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt(Math.max(0, (theta / s) ** 2 - (dx / s) * (dp / s)));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma + (dx - dp) + gamma;
    const r = p / q;
    let stpc: number;
    if (r < 0 && gamma !== 0) stpc = stp + r * (stx - stp);
    else stpc = stp > stx ? stpmax : stpmin;
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    if (b.brackt) {
      stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
      stpf = stp > stx ? Math.min(stp + 0.66 * (sty - stp), stpf) : Math.max(stp + 0.66 * (sty - stp), stpf);
    } else {
      stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
      stpf = Math.max(stpmin, Math.min(stpmax, stpf));
    }
  } else if (b.brackt) {
    // Case 4: lower value, derivative not decreasing; cubic step towards sty.
    const theta = (3 * (fp - fy)) / (sty - stp) + dy + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dy), Math.abs(dp));
    let gamma = s * Math.sqrt(Math.max(0, (theta / s) ** 2 - (dy / s) * (dp / s)));
    if (stp > sty) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dy;
    stpf = stp + (p / q) * (sty - stp);
  } else {
    stpf = stp > stx ? stpmax : stpmin;
  }
  if (fp > fx) {
    b.sty = stp;
    b.fy = fp;
    b.dy = dp;
  } else {
    if (sgnd < 0) {
      b.sty = stx;
      b.fy = fx;
      b.dy = dx;
    }
    b.stx = stp;
    b.fx = fp;
    b.dx = dp;
  }
  return stpf;
}

/**
 * Searches along the line from φ(0) = `f0` with slope φ'(0) = `slope0` < 0, starting at step `step`.
 * A non-finite φ at a trial step (overflow far out) halves the step towards the best point so far.
 */
export function moreThuente(
  phi: LineFunction,
  f0: number,
  slope0: number,
  step: number,
  options: LineSearchOptions = {},
): LineSearchResult {
  const c1 = options.c1 ?? 1e-4;
  const c2 = options.c2 ?? 0.9;
  const xtol = options.xtol ?? 1e-10;
  const stepMin = options.stepMin ?? 0;
  const stepMax = options.stepMax ?? 1e20;
  const maxEvaluations = options.maxEvaluations ?? 20;
  if (!(c1 > 0 && c1 < c2 && c2 < 1)) throw new RangeError(`invalid c1, c2: ${c1}, ${c2}`);
  if (!(stepMax >= stepMin && stepMin >= 0)) throw new RangeError(`invalid stepMax: ${stepMax}`);
  if (!(slope0 < 0)) {
    return { step: 0, f: f0, ok: false, reason: "not-descent", evaluations: 0, lastEvaluated: false };
  }
  let stp = Math.max(stepMin, Math.min(step, stepMax));
  if (!(stp > 0)) throw new RangeError(`invalid step: ${step}`);
  const gtest = c1 * slope0;
  const b: Bracket = { stx: 0, fx: f0, dx: slope0, sty: 0, fy: f0, dy: slope0, brackt: false };
  let stage1 = true;
  let width = stepMax - stepMin;
  let width1 = 2 * width;
  let stmin = 0;
  let stmax = stp + XTRAPU * stp;
  let evaluations = 0;
  // Best point satisfying sufficient decrease, returned when the search stops without converging.
  let bestStep = 0;
  let bestF = f0;
  // Steps at or beyond a step where φ was non-finite are never tried again.
  let cap = Number.POSITIVE_INFINITY;
  const finish = (ok: boolean, reason: string, atStp: boolean, f: number): LineSearchResult => {
    if (ok || (atStp && f <= f0 + stp * gtest)) {
      return { step: stp, f, ok, reason, evaluations, lastEvaluated: true };
    }
    return { step: bestStep, f: bestF, ok: false, reason, evaluations, lastEvaluated: bestStep === stp };
  };
  for (;;) {
    const f = phi.value(stp);
    const g = phi.slope();
    evaluations++;
    if (!Number.isFinite(f) || !Number.isFinite(g)) {
      if (evaluations >= maxEvaluations) return finish(false, "non-finite", false, f);
      // Too far: pull back towards the best point and never step this far again.
      cap = stp;
      stp = b.stx + 0.5 * (stp - b.stx);
      if (!(stp > stepMin)) return finish(false, "non-finite", false, f);
      continue;
    }
    const ftest = f0 + stp * gtest;
    if (f <= ftest && f < bestF) {
      bestF = f;
      bestStep = stp;
    }
    if (stage1 && f <= ftest && g >= 0) stage1 = false;
    if (f <= ftest && Math.abs(g) <= -c2 * slope0) return finish(true, "wolfe", true, f);
    if (b.brackt && (stp <= stmin || stp >= stmax)) return finish(false, "rounding", true, f);
    if (b.brackt && stmax - stmin <= xtol * stmax) return finish(false, "xtol", true, f);
    if (stp === stepMax && f <= ftest && g <= gtest) return finish(true, "step-max", true, f);
    if (stp === stepMin && (f > ftest || g >= gtest)) return finish(false, "step-min", true, f);
    if (evaluations >= maxEvaluations) return finish(false, "max-evaluations", true, f);

    if (stage1 && f <= b.fx && f > ftest) {
      // Modified function ψ(t) = φ(t) − φ(0) − c1·t·φ'(0) until a step with sufficient decrease appears.
      b.fx -= b.stx * gtest;
      b.fy -= b.sty * gtest;
      b.dx -= gtest;
      b.dy -= gtest;
      stp = safeguardedStep(b, stp, f - stp * gtest, g - gtest, stmin, stmax);
      b.fx += b.stx * gtest;
      b.fy += b.sty * gtest;
      b.dx += gtest;
      b.dy += gtest;
    } else {
      stp = safeguardedStep(b, stp, f, g, stmin, stmax);
    }
    if (b.brackt) {
      if (Math.abs(b.sty - b.stx) >= 0.66 * width1) stp = b.stx + 0.5 * (b.sty - b.stx);
      width1 = width;
      width = Math.abs(b.sty - b.stx);
      stmin = Math.min(b.stx, b.sty);
      stmax = Math.max(b.stx, b.sty);
    } else {
      stmin = stp + XTRAPL * (stp - b.stx);
      stmax = stp + XTRAPU * (stp - b.stx);
    }
    stp = Math.max(stepMin, Math.min(stp, stepMax));
    if (stp >= cap) stp = b.stx + 0.5 * (cap - b.stx);
    if ((b.brackt && (stp <= stmin || stp >= stmax)) || (b.brackt && stmax - stmin <= xtol * stmax)) {
      stp = b.stx;
    }
  }
}
