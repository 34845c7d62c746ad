/** Years of explicit growth in the DCF multiple before the terminal (Gordon) value. */
import { exp } from "../util/portable/index.js";

const EXPLICIT_YEARS = 40;

/**
 * Present value of a revenue stream per unit of this year's revenue when its annual log growth starts at `growth`
 * and fades by the fraction `fade` a year towards `terminal`: year k grows by terminal + (growth − terminal)(1 −
 * fade)^(k−1), so the cumulative log growth is terminal·k + (growth − terminal)(1 − (1 − fade)^k)/fade. Years
 * 1–40 are summed at the annual log discount rate `discount`, then a Gordon value at the terminal rate.
 * Throws RangeError unless terminal < discount and 0 < fade ≤ 1.
 */
export function dcfMultiple(growth: number, fade: number, discount: number, terminal: number): number {
  if (!(terminal < discount)) throw new RangeError("invalid terminal");
  if (!(fade > 0 && fade <= 1)) throw new RangeError("invalid fade");
  const excess = growth - terminal;
  let sum = 0;
  let keep = 1;
  let cumulative = 0;
  for (let k = 1; k <= EXPLICIT_YEARS; k++) {
    keep *= 1 - fade;
    cumulative = terminal * k + (excess * (1 - keep)) / fade;
    sum += exp(cumulative - discount * k);
  }
  const tail = exp(terminal - discount);
  return sum + (exp(cumulative - discount * EXPLICIT_YEARS) * tail) / (1 - tail);
}
