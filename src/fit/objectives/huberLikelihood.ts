/**
 * Maximum likelihood under a Huber density on log residuals with a free scale s = e^σ (Besiroglu et al.
 * 2024's headline estimate, `huber_logpdf` in their code): the density of r is exp(−ρ_δ(r/s))/(Z_δ·s) with
 * Z_δ = √(2π)·erf(δ/√2) + 2·e^(−δ²/2)/δ. The objective is the negative log-likelihood
 *   f = Σ ρ_δ(r_i/s) + n·(log Z_δ + σ).
 */
import { erf } from "../../util/erf.js";
import { huber, huberSlope, type Loss, logResiduals } from "./types.js";

/** The Huber density's normalising constant Z_δ (for unit scale). */
export function huberNormalizer(delta: number): number {
  return Math.sqrt(2 * Math.PI) * erf(delta / Math.SQRT2) + (2 * Math.exp(-0.5 * delta * delta)) / delta;
}

export function huberLikelihood(delta: number): Loss {
  if (!(delta > 0 && Number.isFinite(delta))) throw new RangeError(`invalid delta: ${delta}`);
  const logZ = Math.log(huberNormalizer(delta));
  return {
    name: "huber-mle",
    extraParams: ["logScale"],
    target: (y) => y.map(Math.log),
    evaluate(logPred, target, extra, dLogPred, dExtra) {
      const n = logPred.length;
      const sigma = extra[0];
      const inv = Math.exp(-sigma);
      let f = 0;
      let dSigma = 0;
      for (let i = 0; i < n; i++) {
        const z = (logPred[i] - target[i]) * inv;
        f += huber(z, delta);
        const slope = huberSlope(z, delta);
        dLogPred[i] = slope * inv;
        dSigma -= slope * z;
      }
      dExtra[0] = dSigma + n;
      return f + n * (logZ + sigma);
    },
    residuals: logResiduals,
    extraStart(residuals) {
      // For small δ the density is nearly Laplace with scale s/δ, whose maximum-likelihood s is δ·mean|r|.
      let sumAbs = 0;
      let sumSq = 0;
      for (const r of residuals) {
        sumAbs += Math.abs(r);
        sumSq += r * r;
      }
      const n = residuals.length;
      const s = delta < 1 ? (delta * sumAbs) / n : Math.sqrt(sumSq / n);
      return [Math.log(Math.max(s, 1e-300))];
    },
  };
}
