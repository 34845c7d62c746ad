/**
 * Python's `repr(float)` for a JavaScript number: the same shortest round-trip digits (both languages use them),
 * laid out as Python does: fixed notation with at least one decimal (`2810000000.0`) while the decimal exponent
 * is between -4 and 15, scientific with a signed two-digit exponent (`1e+16`, `1e-05`) outside.
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const [mantissa, exponent] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exp10 = Number(exponent);
  // CPython's rule (format_float_short, repr mode): scientific when the decimal point would sit more than
  // 16 places right of the first digit or 4 or more places left of it.
  const decimalPoint = exp10 + 1;
  if (decimalPoint > 16 || decimalPoint <= -4) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const magnitude = String(Math.abs(exp10)).padStart(2, "0");
    return `${sign}${digits[0]}${fraction}e${exp10 < 0 ? "-" : "+"}${magnitude}`;
  }
  if (decimalPoint <= 0) return `${sign}0.${"0".repeat(-decimalPoint)}${digits}`;
  if (decimalPoint >= digits.length) return `${sign}${digits}${"0".repeat(decimalPoint - digits.length)}.0`;
  return `${sign}${digits.slice(0, decimalPoint)}.${digits.slice(decimalPoint)}`;
}
