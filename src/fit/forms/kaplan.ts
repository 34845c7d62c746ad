/**
 * Kaplan et al. (2020), eq. 1.5: L(N, D) = [(Nc/N)^(αN/αD) + Dc/D]^αD, as
 * log L̂ = αD · LSE((αN/αD)(log Nc − log N), log Dc − log D).
 */
import { type FitColumns, type Form, type Prepared, product } from "./types.js";

export const kaplan: Form = {
  name: "kaplan",
  params: [
    { name: "Nc", scale: "log" },
    { name: "Dc", scale: "log" },
    { name: "alphaN", scale: "linear", lower: 1e-4, upper: 10 },
    { name: "alphaD", scale: "linear", lower: 1e-4, upper: 10 },
  ],
  inputs: ["n", "d"],
  prepare(columns: FitColumns): Prepared {
    return [columns.n!.map(Math.log), columns.d!.map(Math.log)];
  },
  logPredict(theta, [logN, logD], out, jac) {
    const nc = theta[0];
    const dc = theta[1];
    const alphaN = theta[2];
    const alphaD = theta[3];
    const ratio = alphaN / alphaD;
    for (let i = 0; i < out.length; i++) {
      const u1 = ratio * (nc - logN[i]);
      const u2 = dc - logD[i];
      const m = Math.max(u1, u2);
      const e1 = Math.exp(u1 - m);
      const e2 = Math.exp(u2 - m);
      const sum = e1 + e2;
      const lse = m + Math.log(sum);
      out[i] = alphaD * lse;
      if (jac) {
        const p1 = e1 / sum;
        const p2 = e2 / sum;
        const o = i * 4;
        jac[o] = alphaN * p1;
        jac[o + 1] = alphaD * p2;
        jac[o + 2] = p1 * (nc - logN[i]);
        jac[o + 3] = lse - p1 * u1;
      }
    }
  },
  starts(): Float64Array[] {
    // Around Kaplan's published Nc = 8.8e13, Dc = 5.4e13, αN = 0.076, αD = 0.095, a decade or more either way.
    return product([
      [Math.log(1e11), Math.log(1e14), Math.log(1e17)],
      [Math.log(1e11), Math.log(1e14), Math.log(1e17)],
      [0.05, 0.1, 0.3],
      [0.05, 0.1, 0.3],
    ]);
  },
};
