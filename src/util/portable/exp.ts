import { highWord, withHighWord } from "./words.js";

// fdlibm's e_exp.c (Sun Microsystems, 1993): x = k·ln2 + r, |r| ≤ ln2/2, e^r from a degree-5 remez
// polynomial in r², scaled by 2^k in the exponent bits. Only +, −, ×, ÷ on doubles, so every JavaScript engine
// gives the same bits (V8's own Math.exp differs between versions by an ulp on ~10% of arguments).
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const INV_LN2 = 1.4426950408889634;
const P1 = 0.16666666666666602;
const P2 = -0.0027777777777015593;
const P3 = 0.00006613756321437934;
const P4 = -0.0000016533902205465252;
const P5 = 4.1381367970572385e-8;
const OVERFLOW = 709.782712893384;
const UNDERFLOW = -745.1332191019411;
const TWO_M1000 = 9.332636185032189e-302;

/** e^x, the same bits on every engine (within an ulp of the exact value). */
export function exp(x: number): number {
  if (Number.isNaN(x)) return x;
  // fdlibm is an ulp high at 1; V8 returns e itself there, and so do we.
  if (x === 1) return Math.E;
  if (x > OVERFLOW) return Number.POSITIVE_INFINITY;
  if (x < UNDERFLOW) return 0;
  const hx = highWord(x) & 0x7fffffff;
  const negative = x < 0;
  let hi = 0;
  let lo = 0;
  let k = 0;
  let r = x;
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2: reduce.
    if (hx < 0x3ff0a2b2) {
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = (INV_LN2 * x + (negative ? -0.5 : 0.5)) | 0;
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    r = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28: e^x = 1 + x to within half an ulp.
    return 1 + x;
  }
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((r * c) / (c - 2) - r);
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  if (k >= -1021) return withHighWord(y, highWord(y) + (k << 20));
  return withHighWord(y, highWord(y) + ((k + 1000) << 20)) * TWO_M1000;
}
