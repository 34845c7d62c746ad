/**
 * The two 32-bit halves of a double, read and written through one shared buffer (little-endian, as on every
 * platform Node and the browsers run on: index 1 holds the sign, the exponent and the top of the mantissa).
 */
const float = new Float64Array(1);
const words = new Int32Array(float.buffer);

/** The high word of `x`: sign, 11 exponent bits, top 20 mantissa bits, as a signed 32-bit integer. */
export function highWord(x: number): number {
  float[0] = x;
  return words[1];
}

/** The low word of `x`: the bottom 32 mantissa bits, as a signed 32-bit integer. */
export function lowWord(x: number): number {
  float[0] = x;
  return words[0];
}

/** `x` with its high word replaced by `high`. */
export function withHighWord(x: number, high: number): number {
  float[0] = x;
  words[1] = high;
  return float[0];
}
