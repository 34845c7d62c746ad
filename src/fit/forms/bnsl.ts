/**
 * Broken neural scaling law (Caballero et al. 2022, eq. 1) with K = 1…3 breaks:
 * y = a + b·x^(−c0)·Π_i (1 + (x/d_i)^(1/f_i))^(−c_i·f_i), as
 * log ŷ = LSE(log a, log b − c0 log x − Σ_i c_i f_i softplus((log x − log d_i)/f_i)).
 * a, b, d_i and f_i are fitted in log space (so they stay positive); c0 and c_i are free in sign.
 */
import { logistic } from "../../util/logistic.js";
import { quantileSorted } from "../../util/quantile.js";
import { type FitColumns, type Form, type ParamSpec, type Prepared, softplus } from "./types.js";

/** Smoothness f_i kept within [1e-3, 10]: sharper breaks are steps, smoother ones are no break at all. */
const F_LOWER = 1e-3;
const F_UPPER = 10;

function combinations(values: readonly number[], k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let i = 0; i <= values.length - k; i++) {
    for (const rest of combinations(values.slice(i + 1), k - 1)) out.push([values[i], ...rest]);
  }
  return out;
}

/** The BNSL form with `breaks` breaks (1, 2 or 3). */
export function bnsl(breaks = 1): Form {
  if (!(Number.isInteger(breaks) && breaks >= 1 && breaks <= 3))
    throw new RangeError(`invalid breaks: ${breaks}`);
  const params: ParamSpec[] = [
    { name: "a", scale: "log", zeroable: true },
    { name: "b", scale: "log" },
    { name: "c0", scale: "linear" },
  ];
  for (let i = 1; i <= breaks; i++) {
    params.push(
      { name: `c${i}`, scale: "linear" },
      { name: `d${i}`, scale: "log" },
      { name: `f${i}`, scale: "log", lower: F_LOWER, upper: F_UPPER },
    );
  }
  const p = params.length;
  return {
    name: "bnsl",
    params,
    inputs: ["x"],
    prepare(columns: FitColumns): Prepared {
      return [columns.x!.map(Math.log)];
    },
    logPredict(theta, [logX], out, jac) {
      const la = theta[0];
      const lb = theta[1];
      const c0 = theta[2];
      for (let i = 0; i < out.length; i++) {
        const lx = logX[i];
        let t = lb - c0 * lx;
        for (let k = 0; k < breaks; k++) {
          const c = theta[3 + 3 * k];
          const f = Math.exp(theta[5 + 3 * k]);
          t -= c * f * softplus((lx - theta[4 + 3 * k]) / f);
        }
        const m = Math.max(la, t);
        const ea = Math.exp(la - m);
        const et = Math.exp(t - m);
        const sum = ea + et;
        out[i] = m + Math.log(sum);
        if (!jac) continue;
        const pa = ea / sum;
        const pt = et / sum;
        const o = i * p;
        jac[o] = pa;
        jac[o + 1] = pt;
        jac[o + 2] = -pt * lx;
        for (let k = 0; k < breaks; k++) {
          const c = theta[3 + 3 * k];
          const f = Math.exp(theta[5 + 3 * k]);
          const z = (lx - theta[4 + 3 * k]) / f;
          const sp = softplus(z);
          const sg = logistic(z);
          jac[o + 3 + 3 * k] = -pt * f * sp;
          jac[o + 4 + 3 * k] = pt * c * sg;
          jac[o + 5 + 3 * k] = -pt * c * f * (sp - z * sg);
        }
      }
    },
    starts(columns: FitColumns): Float64Array[] {
      const logX = Array.from(columns.x!, Math.log).sort((u, v) => u - v);
      const minY = Math.min(...columns.y);
      // Anchor b so that the first power-law segment passes through the point with the smallest x.
      let first = 0;
      for (let i = 1; i < columns.x!.length; i++) if (columns.x![i] < columns.x![first]) first = i;
      const x0 = Math.log(columns.x![first]);
      const y0 = Math.log(columns.y[first]);
      // Break candidates at quantiles of log x, and one beyond the data (a break still to come).
      const span = logX[logX.length - 1] - logX[0];
      const ds = [0.25, 0.5, 0.75, 1]
        .map((q) => quantileSorted(logX, q))
        .concat(logX[logX.length - 1] + 0.25 * span);
      const out: Float64Array[] = [];
      for (const la of [Math.log(minY * 1e-3), Math.log(minY * 0.5)]) {
        for (const c0 of [0, 0.25]) {
          const lb = y0 + c0 * x0;
          for (const dSet of combinations(ds, breaks)) {
            const perBreak: number[][] = [];
            for (const c of [0.5, 2]) for (const f of [0.1, 0.5]) perBreak.push([c, Math.log(f)]);
            let partial: number[][] = [[la, lb, c0]];
            for (const d of dSet) {
              partial = partial.flatMap((prefix) => perBreak.map(([c, lf]) => [...prefix, c, d, lf]));
            }
            for (const start of partial) out.push(Float64Array.from(start));
          }
        }
      }
      return out;
    },
  };
}
