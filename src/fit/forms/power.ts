/**
 * Power law with an offset: y = E + A·x^(−α), as log ŷ = LSE(e, a − α log x). With E fixed to 0 it is a
 * pure power law, and α may be negative (a growth law).
 */
import { type FitColumns, type Form, logMedian, type Prepared } from "./types.js";

export const power: Form = {
  name: "power",
  params: [
    { name: "E", scale: "log", zeroable: true },
    { name: "A", scale: "log" },
    { name: "alpha", scale: "linear" },
  ],
  inputs: ["x"],
  prepare(columns: FitColumns): Prepared {
    return [columns.x!.map(Math.log)];
  },
  logPredict(theta, [logX], out, jac) {
    const e = theta[0];
    const a = theta[1];
    const alpha = theta[2];
    for (let i = 0; i < out.length; i++) {
      const t = a - alpha * logX[i];
      const m = Math.max(e, t);
      const pe = Math.exp(e - m);
      const pt = Math.exp(t - m);
      const sum = pe + pt;
      out[i] = m + Math.log(sum);
      if (jac) {
        const o = i * 3;
        jac[o] = pe / sum;
        jac[o + 1] = pt / sum;
        jac[o + 2] = (-pt / sum) * logX[i];
      }
    }
  },
  starts(columns: FitColumns): Float64Array[] {
    // Anchor A so that the power term passes through the middle of the data for each α; E a fraction of min y.
    const midX = logMedian(columns.x!);
    const midY = logMedian(columns.y);
    const minY = Math.log(Math.min(...columns.y));
    const out: Float64Array[] = [];
    for (const alpha of [-1, -0.3, 0.1, 0.3, 0.6, 1, 2]) {
      for (const ePart of [Math.log(0.01), Math.log(0.5), Math.log(0.9)]) {
        out.push(new Float64Array([minY + ePart, midY + alpha * midX, alpha]));
      }
    }
    return out;
  },
};
