/**
 * Hoffmann et al. (2022) Approach 3 in the log-sum-exp parameterisation of Besiroglu et al. (2024):
 * log L̂ = LSE(a − α log N, b − β log D, e), i.e. L = E + A/N^α + B/D^β with A = e^a, B = e^b, E = e^e.
 */
import { type FitColumns, type Form, type Prepared, product } from "./types.js";

/** Epoch's grid (case S1): α, β ∈ {0, 0.5, …, 2}; e ∈ {−1, −0.5, …, 1}; a, b ∈ {0, 5, …, 25}; 4,500 points. */
const ALPHAS = [0, 0.5, 1, 1.5, 2];
const ES = [-1, -0.5, 0, 0.5, 1];
const AB = [0, 5, 10, 15, 20, 25];
/** A row's scratch in `huberObjective`: its term of f, then of each of the 5 gradient entries. */
const TERMS = 6;

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
    // log-sum-exp written out (rather than logSumExp3) because this is the hot loop of the S1 grid.
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
  // logPredict's rows and huberLoss's ρ_δ fused: each row's terms of f and of the gradient made once (a row a
  // bootstrap resample repeats costs its exponentials once), then summed in the rows' order. The same operations
  // in the same order as logPredict, huberLoss and the chain rule, so the result is bit-identical
  // (test/fit/forms.test.ts checks).
  huberObjective(theta, [logN, logD], target, delta, grad, terms, rows) {
    const e = theta[0];
    const a = theta[1];
    const b = theta[2];
    const alpha = theta[3];
    const beta = theta[4];
    const half = 0.5 * delta;
    let f = 0;
    let g0 = 0;
    let g1 = 0;
    let g2 = 0;
    let g3 = 0;
    let g4 = 0;
    for (let i = 0, o = 0; i < target.length; i++, o += TERMS) {
      const t1 = a - alpha * logN[i];
      const t2 = b - beta * logD[i];
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
      } else if (e - e === 0 && t1 - t1 === 0 && t2 - t2 === 0) {
        // e strictly the largest and every term finite (the bootstrap's rows near Hoffmann's values): what the
        // general case below gives, with exp(e − e) = 1 not computed.
        m = e;
        w1 = Math.exp(t1 - m);
        w2 = Math.exp(t2 - m);
      } else m = Number.NaN;
      // An infinite or NaN term: all three, exactly as Math.max gives them (a tie with e gives the same values
      // either way, since exp(0) = 1).
      if (!(m - m === 0)) {
        m = Math.max(e, t1, t2);
        w0 = Math.exp(e - m);
        w1 = Math.exp(t1 - m);
        w2 = Math.exp(t2 - m);
      }
      let p0 = 0;
      let p1 = 0;
      let p2 = 0;
      let lse = m;
      if (m !== Number.NEGATIVE_INFINITY) {
        const sum = w0 + w1 + w2;
        const inv = 1 / sum;
        p0 = w0 * inv;
        p1 = w1 * inv;
        p2 = w2 * inv;
        lse = m + Math.log(sum);
      }
      const r = lse - target[i];
      let d: number;
      let term: number;
      // f − x is f + (−x) exactly, so a term subtracted before is added negated now.
      if (r > delta) {
        term = delta * (r - half);
        d = delta;
      } else if (r < -delta) {
        term = -(delta * (r + half));
        d = -delta;
      } else {
        term = 0.5 * r * r;
        d = r;
      }
      const c0 = d * p0;
      const c1 = d * p1;
      const c2 = d * p2;
      const c3 = d * (-p1 * logN[i]);
      const c4 = d * (-p2 * logD[i]);
      // Each row once, in order (the grid): sum as made. Rows with repeats: keep the terms for the sum below.
      if (rows === undefined) {
        f += term;
        g0 += c0;
        g1 += c1;
        g2 += c2;
        g3 += c3;
        g4 += c4;
      } else {
        terms[o] = term;
        terms[o + 1] = c0;
        terms[o + 2] = c1;
        terms[o + 3] = c2;
        terms[o + 4] = c3;
        terms[o + 5] = c4;
      }
    }
    for (let t = 0; rows !== undefined && t < rows.length; t++) {
      const o = rows[t] * TERMS;
      f += terms[o];
      g0 += terms[o + 1];
      g1 += terms[o + 2];
      g2 += terms[o + 3];
      g3 += terms[o + 4];
      g4 += terms[o + 5];
    }
    grad[0] = g0;
    grad[1] = g1;
    grad[2] = g2;
    grad[3] = g3;
    grad[4] = g4;
    return f;
  },
  starts(): Float64Array[] {
    // Epoch's loop order (α, β, e, a, b), reordered into θ = (e, a, b, α, β).
    return product([ALPHAS, ALPHAS, ES, AB, AB]).map(
      ([alpha, beta, e, a, b]) => new Float64Array([e, a, b, alpha, beta]),
    );
  },
};
