/** One input varied by a sensitivity analysis: its base value and the range it is varied over. */
export interface Factor {
  /** Name shown in results (for scenario parameters, the YAML path). */
  name: string;
  /** Low end of the range, in the parameter's own units. */
  low: number;
  /** Value when the factor is not varied; in [low, high]. */
  base: number;
  /** High end of the range. */
  high: number;
}

/** Checks a factor list: finite, ordered, unique names. */
export function checkFactors(factors: readonly Factor[]): void {
  const seen = new Set<string>();
  for (const f of factors) {
    if (!(Number.isFinite(f.low) && Number.isFinite(f.base) && Number.isFinite(f.high)))
      throw new RangeError(`invalid factor ${f.name}: ${f.low}, ${f.base}, ${f.high}`);
    if (!(f.low <= f.base && f.base <= f.high))
      throw new RangeError(`invalid factor ${f.name}: base ${f.base} outside [${f.low}, ${f.high}]`);
    if (seen.has(f.name)) throw new RangeError(`invalid factor name: ${f.name} (duplicate)`);
    seen.add(f.name);
  }
}

/** The point of factor values at unit coordinates `u` (each factor uniform over its range). */
export function scaleToFactors(factors: readonly Factor[], u: ArrayLike<number>): Float64Array {
  const x = new Float64Array(factors.length);
  for (let i = 0; i < factors.length; i++) x[i] = factors[i].low + u[i] * (factors[i].high - factors[i].low);
  return x;
}

/** The one-at-a-time design: the base point, then for each factor its low and its high with the rest at base. */
export function tornadoDesign(factors: readonly Factor[]): Float64Array[] {
  checkFactors(factors);
  const base = Float64Array.from(factors, (f) => f.base);
  const points = [base];
  for (let i = 0; i < factors.length; i++) {
    const low = base.slice();
    low[i] = factors[i].low;
    const high = base.slice();
    high[i] = factors[i].high;
    points.push(low, high);
  }
  return points;
}

/** One bar of a tornado chart. */
export interface TornadoBar {
  factor: string;
  /** Factor value at the low and high end. */
  low: number;
  high: number;
  /** Output with the factor at its low and high end. */
  outputLow: number;
  outputHigh: number;
  /** |outputHigh − outputLow|: the bar's length, the sort key. */
  swing: number;
}

/** The tornado chart's bars from outputs at `tornadoDesign(factors)`, longest first; ties keep input order. */
export function tornadoBars(
  factors: readonly Factor[],
  outputs: ArrayLike<number>,
): { base: number; bars: TornadoBar[] } {
  if (outputs.length !== 1 + 2 * factors.length)
    throw new RangeError(`invalid outputs: length ${outputs.length}, expected ${1 + 2 * factors.length}`);
  const bars = factors.map((f, i) => {
    const outputLow = outputs[1 + 2 * i];
    const outputHigh = outputs[2 + 2 * i];
    const swing = Math.abs(outputHigh - outputLow);
    return { factor: f.name, low: f.low, high: f.high, outputLow, outputHigh, swing };
  });
  // Stable sort; a NaN swing sinks to the bottom.
  const key = (b: TornadoBar): number => (Number.isNaN(b.swing) ? -1 : b.swing);
  bars.sort((a, b) => key(b) - key(a));
  return { base: outputs[0], bars };
}
