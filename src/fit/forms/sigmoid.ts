/**
 * Sigmoid in log10 of the scale variable: y = floor + (ceiling − floor)·σ(k·(log10 x − x0)), for benchmark
 * scores that rise from a floor to a ceiling. floor and ceiling are bounded ≥ 0 so that ŷ > 0.
 */
import { logistic } from "../../util/logistic.js";
import { type FitColumns, type Form, type Prepared, product } from "./types.js";

export const sigmoid: Form = {
  name: "sigmoid",
  params: [
    { name: "floor", scale: "linear", lower: 0 },
    { name: "ceiling", scale: "linear", lower: 0 },
    { name: "k", scale: "linear" },
    { name: "x0", scale: "linear" },
  ],
  inputs: ["x"],
  prepare(columns: FitColumns): Prepared {
    return [columns.x!.map(Math.log10)];
  },
  logPredict(theta, [log10X], out, jac) {
    const floor = theta[0];
    const ceiling = theta[1];
    const k = theta[2];
    const x0 = theta[3];
    const range = ceiling - floor;
    for (let i = 0; i < out.length; i++) {
      const dx = log10X[i] - x0;
      const s = logistic(k * dx);
      const y = floor + range * s;
      out[i] = Math.log(y);
      if (jac) {
        const o = i * 4;
        const slope = range * s * (1 - s);
        jac[o] = (1 - s) / y;
        jac[o + 1] = s / y;
        jac[o + 2] = (slope * dx) / y;
        jac[o + 3] = (-slope * k) / y;
      }
    }
  },
  starts(columns: FitColumns): Float64Array[] {
    const logs = Array.from(columns.x!, Math.log10).sort((a, b) => a - b);
    const lo = logs[0];
    const hi = logs[logs.length - 1];
    const minY = Math.min(...columns.y);
    const maxY = Math.max(...columns.y);
    return product([
      [0, 0.9 * minY],
      [maxY, 1.5 * maxY],
      [0.5, 2, 8],
      [0, 0.25, 0.5, 0.75, 1, 1.25].map((q) => lo + q * (hi - lo)),
    ]);
  },
};
