/** Mean squared error of log y: f = (1/n) Σ (log ŷ_i − log y_i)². */
import { type Loss, logResiduals } from "./types.js";

export const logMse: Loss = {
  name: "log-mse",
  extraParams: [],
  target: (y) => y.map(Math.log),
  evaluate(logPred, target, _extra, dLogPred) {
    const n = logPred.length;
    let f = 0;
    for (let i = 0; i < n; i++) {
      const r = logPred[i] - target[i];
      f += r * r;
      dLogPred[i] = (2 * r) / n;
    }
    return f / n;
  },
  residuals: logResiduals,
  extraStart: () => [],
};
