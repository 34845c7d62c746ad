/**
 * Fits a functional form to rows: multi-start L-BFGS from a grid (the form's default, one the caller gives,
 * or a single `init` point), keeping the lowest objective. Reports the parameters in their published units
 * with the optimiser's verdict, AIC/BIC and RMSLE on the rows and on optional hold-out rows.
 */
import { type FitColumns, type Form, getForm } from "./forms/index.js";
import { minimizeLbfgs } from "./lbfgs.js";
import { getLoss, type Loss, type LossName } from "./objectives/index.js";
import type { MinimizeOptions, MinimizeResult } from "./optimizer.js";
import { createProblem, type Problem, toInternal, toReported } from "./problem.js";

/** What is fitted: the form, the objective and the parameters held fixed. */
export interface FitSpec {
  /** Form name: chinchilla, power, bnsl, sigmoid, data-constrained, kaplan. */
  form: string;
  /** BNSL breaks, 1–3; default 1. */
  breaks?: number;
  /** Objective; default "huber". */
  loss?: LossName;
  /** Huber threshold on log residuals (standardised ones for huber-mle); default 1e-3. */
  delta?: number;
  /** Parameters held fixed, in reported units (e.g. `{ E: 0 }`). */
  fix?: Readonly<Record<string, number>>;
}

export interface FitOptions extends FitSpec {
  /** Single start, in reported units, for every free parameter (replaces the grid). */
  init?: Readonly<Record<string, number>>;
  /** Start grid: a list of values per free parameter, in reported units; their Cartesian product is used. */
  grid?: Readonly<Record<string, readonly number[]>>;
  /** Optimiser settings for every start. */
  minimize?: MinimizeOptions;
  /** Hold-out rows scored by RMSLE with the fitted parameters. */
  test?: FitColumns;
  /**
   * Other local minima whose objective is within this fraction of the best are reported (`otherMinima`), in
   * [0, 1); default 0.005; 0 turns the search off (bootstrap refits).
   */
  near?: number;
}

/** Another local minimum of the objective near the best: what the data do not pin down. */
export interface OtherMinimum {
  /** Parameters in reported units (fixed ones as given). */
  params: Record<string, number>;
  objective: number;
  /** (objective − best) / |best|. */
  relativeGap: number;
  /** The optimiser's verdict there (a stationary point when the projected gradient vanished). */
  reason: string;
  gradientNorm: number;
}

/** What `fit` returns: the best start's parameters and verdict, AIC/BIC, and RMSLE on rows and hold-out. */
export interface FitResult {
  form: string;
  /** Fitted (and fixed) parameters in reported units. */
  params: Record<string, number>;
  /** Objective at the optimum (huber: summed; log-mse, msle: mean; huber-mle: negative log-likelihood). */
  objective: number;
  converged: boolean;
  reason: string;
  iterations: number;
  gradientNorm: number;
  /** Rows fitted. */
  n: number;
  /** Parameters fitted (free form parameters plus the objective's own). */
  k: number;
  /** Akaike information criterion: 2k + 2·NLL for huber-mle, else n·ln(RSS/n) + 2k on log residuals. */
  aic: number;
  /** Bayesian information criterion, as `aic` with k·ln n. */
  bic: number;
  train: { rmsle: number };
  test?: { n: number; rmsle: number };
  /** Starts tried. */
  starts: number;
  /** Fitted noise scale e^σ (huber-mle only). */
  scale?: number;
  /** Other local minima within `near` of the best objective, best first; empty when the fit is identified. */
  otherMinima: OtherMinimum[];
}

/** A resolved spec: the form, the objective and the fixed internal values. */
export interface ResolvedSpec {
  form: Form;
  loss: Loss;
  fixed: (number | undefined)[];
}

/** Resolves names and fixed values; RangeError on unknown names or values a parameter cannot take. */
export function resolveSpec(spec: FitSpec): ResolvedSpec {
  const form = getForm(spec.form, { breaks: spec.breaks });
  const loss = getLoss(spec.loss ?? "huber", spec.delta ?? 1e-3);
  const fixed: (number | undefined)[] = form.params.map(() => undefined);
  for (const [name, value] of Object.entries(spec.fix ?? {})) {
    const k = paramIndex(form, name, "fix");
    fixed[k] = toInternal(form.params[k], value);
  }
  if (fixed.every((v) => v !== undefined) && loss.extraParams.length === 0) {
    throw new RangeError("invalid fix: every parameter is fixed, nothing to fit");
  }
  return { form, loss, fixed };
}

function paramIndex(form: Form, name: string, what: string): number {
  const k = form.params.findIndex((p) => p.name === name);
  if (k < 0) {
    const known = form.params.map((p) => p.name).join(", ");
    throw new RangeError(`invalid ${what}: ${form.name} has no parameter ${name} (it has ${known})`);
  }
  return k;
}

/** Checks that the columns a form needs are present, equally long and finite > 0 (y > 0 too). */
export function checkColumns(form: Form, columns: FitColumns): void {
  const n = columns.y.length;
  for (const [name, values] of [
    ["y", columns.y],
    ...form.inputs.map((i) => [i, columns[i]] as const),
  ] as const) {
    if (!values) throw new RangeError(`invalid columns: form ${form.name} needs ${name}`);
    if (values.length !== n)
      throw new RangeError(`invalid columns: ${name} has ${values.length} rows, y ${n}`);
    for (let i = 0; i < n; i++) {
      if (!(values[i] > 0 && Number.isFinite(values[i]))) {
        throw new RangeError(`invalid ${name}[${i}]: ${values[i]} (must be a finite number > 0)`);
      }
    }
  }
}

/** Internal start points (optimiser coordinates) for a problem. */
function startPoints(problem: Problem, columns: FitColumns, options: FitOptions): Float64Array[] {
  const { form } = problem;
  const freeNames = Array.from(problem.free, (k) => form.params[k].name);
  let full: Float64Array[];
  if (options.init) {
    const theta = problem.expand(new Float64Array(problem.dim));
    for (const name of freeNames) {
      const value = options.init[name];
      if (value === undefined) throw new RangeError(`invalid init: missing ${name}`);
      theta[paramIndex(form, name, "init")] = toInternal(form.params[paramIndex(form, name, "init")], value);
    }
    for (const name of Object.keys(options.init)) paramIndex(form, name, "init");
    full = [theta];
  } else if (options.grid) {
    for (const name of Object.keys(options.grid)) paramIndex(form, name, "grid");
    let points: Float64Array[] = [problem.expand(new Float64Array(problem.dim))];
    for (const name of freeNames) {
      const values = options.grid[name];
      if (!values || values.length === 0) throw new RangeError(`invalid grid: no values for ${name}`);
      const k = paramIndex(form, name, "grid");
      const internal = values.map((v) => toInternal(form.params[k], v));
      points = points.flatMap((pt) =>
        internal.map((v) => {
          const next = Float64Array.from(pt);
          next[k] = v;
          return next;
        }),
      );
    }
    full = points;
  } else {
    const fixedTheta = problem.expand(new Float64Array(problem.dim));
    const seen = new Set<string>();
    full = [];
    for (const start of form.starts(columns)) {
      for (let k = 0; k < start.length; k++) if (!problem.free.includes(k)) start[k] = fixedTheta[k];
      const key = Array.from(problem.free, (k) => start[k]).join(",");
      if (seen.has(key)) continue;
      seen.add(key);
      full.push(start);
    }
  }
  const residuals = new Float64Array(problem.n);
  return full.map((theta) => {
    let extra: number[] = [];
    if (problem.loss.extraParams.length) {
      problem.loss.residuals(problem.logPredict(theta), problem.target, residuals);
      extra = problem.loss.extraStart(residuals);
    }
    return problem.compress(theta, extra);
  });
}

/**
 * Screening tolerances for the grid (SciPy L-BFGS-B's default gradient tolerance): loose enough to be fast,
 * tight enough to rank the basins; the best few are then polished to full tolerance.
 */
const SCREEN: MinimizeOptions = { gradientTolerance: 1e-5, functionTolerance: 1e-6 };
/** Screened results refined to full tolerance (distinct basins may rank differently once converged). */
const POLISHED = 5;

/** Default of `FitOptions.near`: other minima within 0.5% of the best objective are reported. */
const DEFAULT_NEAR = 0.005;
/** Further screened basins refined when looking for other minima near the best. */
const MAX_OTHER_BASINS = 10;
/** Two optima are one when every internal coordinate agrees to this, relative to 1 + |x|. */
const SAME_MINIMUM = 1e-3;

/** The minima a multi-start search found: the best, and the other distinct minima near it (best first). */
export interface StartSearch {
  best: MinimizeResult;
  others: MinimizeResult[];
}

/** Whether `a` and `b` (internal coordinates) are the same optimum. */
function sameMinimum(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let k = 0; k < a.length; k++)
    if (Math.abs(a[k] - b[k]) > SAME_MINIMUM * (1 + Math.abs(b[k]))) return false;
  return true;
}

/**
 * L-BFGS from each start: every start is run to screening tolerance, the few lowest are refined with `options`
 * (default: full tolerance), and the lowest finite objective wins (the first on ties). A single start is run
 * once, with `options`. `iterations` counts both phases of the winner. With `near` > 0 the search also refines
 * the screened results of other basins whose objective is within `near` (relative) of the best, and returns
 * the distinct minima within `near` of the best as `others` — the identifiability of the fit: a parameter the
 * data do not pin down shows as two minima with almost the same objective.
 */
export function searchStarts(
  problem: Problem,
  starts: readonly Float64Array[],
  options: MinimizeOptions = {},
  near = 0,
): StartSearch | undefined {
  if (starts.length === 1) {
    const only = minimizeWithin(problem, starts[0], options);
    return Number.isFinite(only.f) ? { best: only, others: [] } : undefined;
  }
  return refineScreened(problem, screenStarts(problem, starts, options), options, near);
}

/** L-BFGS on the problem's objective from `x0`, within its bounds. */
function minimizeWithin(problem: Problem, x0: ArrayLike<number>, options: MinimizeOptions): MinimizeResult {
  return minimizeLbfgs(problem.objective, x0, { lower: problem.lower, upper: problem.upper, ...options });
}

/** Each start run to screening tolerance, in start order; those whose objective is not finite are left out. */
export function screenStarts(
  problem: Problem,
  starts: readonly Float64Array[],
  options: MinimizeOptions = {},
): MinimizeResult[] {
  const screened: MinimizeResult[] = [];
  for (const x0 of starts) {
    const result = minimizeWithin(problem, x0, { ...options, ...SCREEN });
    if (Number.isFinite(result.f)) screened.push(result);
  }
  return screened;
}

/** The second phase of `searchStarts`: the lowest screened results (in start order) refined with `options`. */
export function refineScreened(
  problem: Problem,
  screened: MinimizeResult[],
  options: MinimizeOptions = {},
  near = 0,
): StartSearch | undefined {
  // Stable sort keeps the grid order on ties.
  screened.sort((a, b) => a.f - b.f);
  const candidates = screened.slice(0, POLISHED);
  if (near > 0 && screened.length > 0) {
    // Screening stops early, so its objectives are looser than the refined ones: look a little wider.
    const limit = screened[0].f + 2 * near * Math.abs(screened[0].f);
    for (const s of screened.slice(POLISHED)) {
      if (s.f > limit || candidates.length >= POLISHED + MAX_OTHER_BASINS) break;
      if (!candidates.some((c) => sameMinimum(s.x, c.x))) candidates.push(s);
    }
  }
  const refined: MinimizeResult[] = [];
  for (const candidate of candidates) {
    const r = minimizeWithin(problem, candidate.x, options);
    r.iterations += candidate.iterations;
    r.evaluations += candidate.evaluations;
    if (Number.isFinite(r.f)) refined.push(r);
  }
  let best: MinimizeResult | undefined;
  for (const r of refined) if (best === undefined || r.f < best.f) best = r;
  if (best === undefined) return undefined;
  const others: MinimizeResult[] = [];
  if (near > 0) {
    const top = best;
    const within = refined
      .filter((r) => r !== top && r.f <= top.f + near * Math.abs(top.f))
      .sort((a, b) => a.f - b.f);
    for (const r of within)
      if (!sameMinimum(r.x, top.x) && !others.some((o) => sameMinimum(r.x, o.x))) others.push(r);
  }
  return { best, others };
}

/** Root mean squared log error, sqrt(mean((log ŷ − log y)²)) (Caballero et al.'s RMSLE). */
export function rmsle(logPred: Float64Array, y: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const r = logPred[i] - Math.log(y[i]);
    sum += r * r;
  }
  return Math.sqrt(sum / y.length);
}

/** Fits `options.form` to the rows in `columns`. */
export function fit(columns: FitColumns, options: FitOptions): FitResult {
  const setup = fitSetup(columns, options);
  const { problem, starts, near } = setup;
  return fitResult(setup, columns, options, searchStarts(problem, starts, options.minimize, near));
}

/** What a fit sets up before searching: the resolved spec, the problem, its starts and `near`. */
export interface FitSetup {
  spec: ResolvedSpec;
  problem: Problem;
  starts: Float64Array[];
  near: number;
}

/** Resolves the spec, checks the rows and builds the problem and its starts (RangeError on bad input). */
export function fitSetup(columns: FitColumns, options: FitOptions): FitSetup {
  const spec = resolveSpec(options);
  checkColumns(spec.form, columns);
  const problem = createProblem(spec.form, spec.loss, columns, spec.fixed);
  if (problem.n <= problem.dim) {
    throw new RangeError(`invalid rows: ${problem.n} rows for ${problem.dim} fitted parameters`);
  }
  const near = options.near ?? DEFAULT_NEAR;
  if (!(near >= 0 && near < 1)) throw new RangeError(`invalid near: ${near}`);
  return { spec, problem, starts: startPoints(problem, columns, options), near };
}

/** The fit's result from its search: parameters in reported units, verdict, information criteria, errors. */
export function fitResult(
  setup: FitSetup,
  columns: FitColumns,
  options: FitOptions,
  search: StartSearch | undefined,
): FitResult {
  const { problem, starts } = setup;
  const { form, loss } = setup.spec;
  if (!search)
    throw new RangeError(`invalid fit: the objective is not finite at any of ${starts.length} starts`);
  const best = search.best;
  const theta = problem.expand(best.x);
  const reported = (internal: Float64Array): Record<string, number> => {
    const values = problem.expand(internal);
    const out: Record<string, number> = {};
    form.params.forEach((p, k) => {
      // Fixed parameters come back exactly as given (exp(log v) may differ from v in the last bit).
      out[p.name] = options.fix?.[p.name] ?? toReported(p, values[k]);
    });
    return out;
  };
  const params = reported(best.x);
  const logPred = problem.logPredict(theta);
  const n = problem.n;
  const k = problem.dim;
  let aic: number;
  let bic: number;
  if (loss.name === "huber-mle") {
    aic = 2 * k + 2 * best.f;
    bic = k * Math.log(n) + 2 * best.f;
  } else {
    const residuals = new Float64Array(n);
    loss.residuals(logPred, problem.target, residuals);
    let rss = 0;
    for (const r of residuals) rss += r * r;
    const fitTerm = n * Math.log(rss / n);
    aic = fitTerm + 2 * k;
    bic = fitTerm + k * Math.log(n);
  }
  const result: FitResult = {
    form: form.name,
    params,
    objective: best.f,
    converged: best.converged,
    reason: best.reason,
    iterations: best.iterations,
    gradientNorm: best.gradientNorm,
    n,
    k,
    aic,
    bic,
    train: { rmsle: rmsle(logPred, columns.y) },
    starts: starts.length,
    otherMinima: search.others.map((o) => ({
      params: reported(o.x),
      objective: o.f,
      relativeGap: (o.f - best.f) / Math.abs(best.f),
      reason: o.reason,
      gradientNorm: o.gradientNorm,
    })),
  };
  if (loss.name === "huber-mle") result.scale = Math.exp(best.x[problem.free.length]);
  if (options.test) {
    checkColumns(form, options.test);
    const testPred = new Float64Array(options.test.y.length);
    form.logPredict(theta, form.prepare(options.test), testPred, null);
    result.test = { n: options.test.y.length, rmsle: rmsle(testPred, options.test.y) };
  }
  return result;
}

/**
 * The objective of `spec` at given parameters (reported units, every form parameter) on the rows: e.g. the
 * Huber objective of Hoffmann et al.'s published values (case S4). Objectives with their own parameters
 * (huber-mle) need `extra` in their internal units.
 */
export function objectiveAt(
  columns: FitColumns,
  spec: FitSpec,
  params: Readonly<Record<string, number>>,
  extra: readonly number[] = [],
): number {
  const { form, loss } = resolveSpec({ ...spec, fix: undefined });
  checkColumns(form, columns);
  const theta = Float64Array.from(form.params, (p) => {
    const value = params[p.name];
    if (value === undefined) throw new RangeError(`invalid params: missing ${p.name}`);
    return toInternal(p, value);
  });
  const problem = createProblem(form, loss, columns);
  return problem.objective(problem.compress(theta, extra), new Float64Array(problem.dim));
}
