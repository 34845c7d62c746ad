/**
 * Hoffmann et al. (2022) Approach 3 in the log-sum-exp parameterisation of Besiroglu et al. (2024):
 * log L̂ = LSE(a − α log N, b − β log D, e), i.e. L = E + A/N^α + B/D^β with A = e^a, B = e^b, E = e^e.
 */
import { chinchillaHuberKernel } from "../kernels/index.js";
import { type FitColumns, type Form, type Prepared, product } from "./types.js";

/** Epoch's grid (case S1): α, β ∈ {0, 0.5, …, 2}; e ∈ {−1, −0.5, …, 1}; a, b ∈ {0, 5, …, 25}; 4,500 points. */
const ALPHAS = [0, 0.5, 1, 1.5, 2];
const ES = [-1, -0.5, 0, 0.5, 1];
const AB = [0, 5, 10, 15, 20, 25];

export const chinchilla: Form = {
  name: "chinchilla",
  params: [
    { name: "E", scale: "log", zeroable: true },
    { name: "A", scale: "log" },
    { name: "B", scale: "log" },
    { name: "alpha", scale: "linear" },
    { name: "beta", scale: "linear" },
  ],
  inputs: ["n", "d"],
  prepare(columns: FitColumns): Prepared {
    return [columns.n!.map(Math.log), columns.d!.map(Math.log)];
  },
  logPredict(theta, [logN, logD], out, jac) {
    const e = theta[0];
    const a = theta[1];
    const b = theta[2];
    const alpha = theta[3];
    const beta = theta[4];
    // log-sum-exp written out (rather than logSumExp3): the objectives other than Huber run this every evaluation.
    for (let i = 0; i < out.length; i++) {
      const t1 = a - alpha * logN[i];
      const t2 = b - beta * logD[i];
      // The largest term's weight is exp(0) = 1 exactly: two exponentials per row instead of three.
      let m: number;
      let w0 = 1;
      let w1 = 1;
      let w2 = 1;
      if (t1 >= t2 && t1 >= e) {
        m = t1;
        w0 = Math.exp(e - m);
        w2 = Math.exp(t2 - m);
      } else if (t2 >= e) {
        m = t2;
        w0 = Math.exp(e - m);
        w1 = Math.exp(t1 - m);
      } else m = Number.NaN; // e is the largest, or a term is NaN
      if (!(m - m === 0) || m === e) {
        // e the largest, or an infinite or NaN term: all three, exactly as Math.max gives them.
        m = Math.max(e, t1, t2);
        w0 = Math.exp(e - m);
        w1 = Math.exp(t1 - m);
        w2 = Math.exp(t2 - m);
      }
      if (m === Number.NEGATIVE_INFINITY) {
        out[i] = m;
        if (jac) jac.fill(0, i * 5, i * 5 + 5);
        continue;
      }
      const sum = w0 + w1 + w2;
      out[i] = m + Math.log(sum);
      if (jac) {
        const inv = 1 / sum;
        const o = i * 5;
        jac[o] = w0 * inv;
        jac[o + 1] = w1 * inv;
        jac[o + 2] = w2 * inv;
        jac[o + 3] = -w1 * inv * logN[i];
        jac[o + 4] = -w2 * inv * logD[i];
      }
    }
  },
  // logPredict's rows and huberLoss's ρ_δ fused in one pass on WebAssembly: each row's terms of f and of the
  // gradient made once (a row a bootstrap resample repeats costs its exponentials once), then summed in the rows'
  // order.
  huberObjective: ([logN, logD], target, delta, rows) =>
    chinchillaHuberKernel(logN, logD, target, delta, rows),
  starts(): Float64Array[] {
    // Epoch's loop order (α, β, e, a, b), reordered into θ = (e, a, b, α, β).
    return product([ALPHAS, ALPHAS, ES, AB, AB]).map(
      ([alpha, beta, e, a, b]) => new Float64Array([e, a, b, alpha, beta]),
    );
  },
};
