import { highWord, withHighWord } from "./words.js";

// fdlibm's k_sin.c and k_cos.c (Sun Microsystems, 1993): sin and cos on [−π/4, π/4] by remez polynomials.
const S1 = -0.16666666666666632;
const S2 = 0.00833333333332249;
const S3 = -0.0001984126982985795;
const S4 = 0.0000027557313707070068;
const S5 = -2.5050760253406863e-8;
const S6 = 1.58969099521155e-10;
const C1 = 0.0416666666666666;
const C2 = -0.001388888888887411;
const C3 = 0.00002480158728947673;
const C4 = -2.7557314351390663e-7;
const C5 = 2.087572321298175e-9;
const C6 = -1.1359647557788195e-11;
const TWO_PI = 2 * Math.PI;

function sinKernel(x: number): number {
  const z = x * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return x + z * x * (S1 + z * r);
}

function cosKernel(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000) return 1;
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - z * r);
  // |x| ≥ 0.3: subtract a quarter of x² exactly first, so 1 − x²/2 keeps its precision.
  const qx = ix > 0x3fe90000 ? 0.28125 : withHighWord(0, ix - 0x00200000);
  return 1 - qx - (0.5 * z - qx - z * r);
}

/** cos(2π·v) for v in turns, the same bits on every engine: v is reduced to the nearest quarter turn exactly
 * (v − q/4 is exact for the uniform draws in [0, 1) it serves), then one of fdlibm's kernels on [−π/4, π/4]. */
export function cosTurn(v: number): number {
  const q = Math.round(4 * v);
  const angle = TWO_PI * (v - q / 4);
  switch (((q % 4) + 4) % 4) {
    case 0:
      return cosKernel(angle);
    case 1:
      return -sinKernel(angle);
    case 2:
      return -cosKernel(angle);
    default:
      return sinKernel(angle);
  }
}
