/**
 * Data-constrained scaling (Muennighoff et al. 2023, eq. 5): repeated tokens and excess parameters decay in
 * value. L = E + A/N'^α + B/D'^β with
 *   D' = U + U·R_D*·(1 − e^(−R_D/R_D*)),  R_D = D/U − 1,
 *   N' = U_N + U_N·R_N*·(1 − e^(−R_N/R_N*)),  R_N = N/U_N − 1,  U_N = min(N, N_opt(U)),
 * where N_opt(U) = G^((α+β)/β)·U^(β/α), G = (αA/(βB))^(1/(α+β)), is the Chinchilla-optimal size for U tokens
 * under the same parameters (this reproduces the paper's worked values to 1e-16, case S7).
 */
import { type FitColumns, type Form, logSumExp3, type Prepared, product } from "./types.js";

const w = new Float64Array(3);

export const dataConstrained: Form = {
  name: "data-constrained",
  params: [
    { name: "E", scale: "log", zeroable: true },
    { name: "A", scale: "log" },
    { name: "B", scale: "log" },
    { name: "alpha", scale: "linear", lower: 1e-3 },
    { name: "beta", scale: "linear", lower: 1e-3 },
    { name: "RDstar", scale: "log" },
    { name: "RNstar", scale: "log" },
  ],
  inputs: ["n", "d", "u"],
  prepare(columns: FitColumns): Prepared {
    const n = columns.n!;
    const d = columns.d!;
    const u = columns.u!;
    return [n.map(Math.log), u.map(Math.log), d.map((di, i) => di / u[i] - 1)];
  },
  logPredict(theta, [logN, logU, repeatsD], out, jac) {
    const e = theta[0];
    const a = theta[1];
    const b = theta[2];
    const alpha = theta[3];
    const beta = theta[4];
    const rd = Math.exp(theta[5]);
    const rn = Math.exp(theta[6]);
    const c = Math.log(alpha) - Math.log(beta) + a - b;
    for (let i = 0; i < out.length; i++) {
      const lU = logU[i];
      const lN = logN[i];
      const logNopt = c / beta + (beta / alpha) * lU;
      const capped = logNopt < lN;
      const lUN = capped ? logNopt : lN;
      const repeatsN = capped ? Math.expm1(lN - lUN) : 0;
      const qN = Math.exp(-repeatsN / rn);
      const gN = 1 + rn * (1 - qN);
      const lNp = lUN + Math.log(gN);
      const rD = repeatsD[i];
      const qD = Math.exp(-rD / rd);
      const gD = 1 + rd * (1 - qD);
      const lDp = lU + Math.log(gD);
      out[i] = logSumExp3(e, a - alpha * lNp, b - beta * lDp, w);
      if (!jac) continue;
      const dlDpdlRD = (rd * (1 - qD - (rD / rd) * qD)) / gD;
      const dlNpdlRN = (rn * (1 - qN - (repeatsN / rn) * qN)) / gN;
      // Through U_N = N_opt(U) when capped: d log N'/d log U_N, then d log N_opt/dθ.
      const k = capped ? 1 - (qN * (repeatsN + 1)) / gN : 0;
      const o = i * 7;
      jac[o] = w[0];
      jac[o + 1] = w[1] * (1 - (alpha * k) / beta);
      jac[o + 2] = w[2] + (w[1] * alpha * k) / beta;
      jac[o + 3] = w[1] * (-lNp - alpha * k * (1 / (alpha * beta) - (beta / (alpha * alpha)) * lU));
      jac[o + 4] = -w[2] * lDp - w[1] * alpha * k * (-(1 + c) / (beta * beta) + lU / alpha);
      jac[o + 5] = -w[2] * beta * dlDpdlRD;
      jac[o + 6] = -w[1] * alpha * dlNpdlRN;
    }
  },
  starts(): Float64Array[] {
    return product([
      [-1, 0.5],
      [5, 10, 20],
      [5, 10, 20],
      [0.3, 0.6],
      [0.3, 0.6],
      [0, 1.6, 3],
      [0, 1.6, 3],
    ]);
  },
};
