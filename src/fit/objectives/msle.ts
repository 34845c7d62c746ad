/**
 * Mean squared error of log(y + 1), the objective of Caballero et al. (2022)'s BNSL fits:
 * f = (1/n) Σ (log(1 + ŷ_i) − log(1 + y_i))², with log(1 + ŷ) = softplus(log ŷ).
 */
import { logistic } from "../../util/logistic.js";
import { softplus } from "../forms/types.js";
import type { Loss } from "./types.js";

export const msle: Loss = {
  name: "msle",
  extraParams: [],
  target: (y) => y.map(Math.log1p),
  evaluate(logPred, target, _extra, dLogPred) {
    const n = logPred.length;
    let f = 0;
    for (let i = 0; i < n; i++) {
      const r = softplus(logPred[i]) - target[i];
      f += r * r;
      dLogPred[i] = ((2 * r) / n) * logistic(logPred[i]);
    }
    return f / n;
  },
  residuals(logPred, target, out) {
    for (let i = 0; i < out.length; i++) out[i] = softplus(logPred[i]) - target[i];
  },
  extraStart: () => [],
};
