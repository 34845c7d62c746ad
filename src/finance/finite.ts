/**
 * The last check of every solver: a result holding NaN or ±Infinity is never reported as converged. Inputs
 * parsed from a file are bounded (`MAX_AMOUNT`) so this should not fire; it is there for library callers and
 * for whatever the bounds missed, so that a broken number is flagged instead of printed as an answer.
 */

/** The `reason` of a result that held a non-finite number. */
export const NON_FINITE = "non-finite";

/** Whether every value of `values` is finite. x·0 is 0 for finite x and NaN otherwise: one add per value. */
export function allFinite(values: ArrayLike<number>): boolean {
  let probe = 0;
  for (let i = 0; i < values.length; i++) probe += values[i] * 0;
  return probe === 0;
}
