/** Conversions between a log10 slope per year and the growth figures people quote. */

/** Growth factor per year (×/yr) of a trend rising `oomPerYear` orders of magnitude per year. */
export function growthPerYear(oomPerYear: number): number {
  return 10 ** oomPerYear;
}

/**
 * Months for the metric to double at `oomPerYear`: 12·log10(2)/slope. Negative for a falling trend (its
 * magnitude is then the halving time); Infinity for a flat one.
 */
export function doublingMonths(oomPerYear: number): number {
  return (12 * Math.LOG10E * Math.LN2) / oomPerYear;
}
