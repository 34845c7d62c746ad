/**
 * Huber loss on log residuals, SUMMED over rows as in Hoffmann et al. (2022) and Besiroglu et al. (2024):
 * f = Σ ρ_δ(log ŷ_i − log y_i).
 */
import { type Loss, logResiduals } from "./types.js";

export function huberLoss(delta: number): Loss {
  if (!(delta > 0 && Number.isFinite(delta))) throw new RangeError(`invalid delta: ${delta}`);
  return {
    name: "huber",
    delta,
    extraParams: [],
    target: (y) => y.map(Math.log),
    evaluate(logPred, target, _extra, dLogPred) {
      // ρ_δ and ρ_δ' written out: this loop runs once per evaluation over every row.
      const half = 0.5 * delta;
      let f = 0;
      for (let i = 0; i < logPred.length; i++) {
        const r = logPred[i] - target[i];
        if (r > delta) {
          f += delta * (r - half);
          dLogPred[i] = delta;
        } else if (r < -delta) {
          f -= delta * (r + half);
          dLogPred[i] = -delta;
        } else {
          f += 0.5 * r * r;
          dLogPred[i] = r;
        }
      }
      return f;
    },
    residuals: logResiduals,
    extraStart: () => [],
  };
}
