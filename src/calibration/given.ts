/**
 * A conditional back-cast's input: a lab's published annual revenue as a quarterly path, so that a run can take
 * the demand that happened as given and show what the rest of the model makes of it.
 */
import type { GivenRevenue } from "../economy/path.js";
import { InputError } from "../util/errors.js";
import { quarterIndex } from "../util/quarter.js";
import type { CalibrationTarget } from "./targets.js";

/** The metric a given revenue path is read from, and whose rows the scorecard then leaves out of its counts. */
export const GIVEN_METRIC = "revenueUsdB";

/**
 * Quarterly figures from calendar-year totals (`annual`: year → total): within each year an exponential path at
 * the growth to the next year's total (the last year: from the one before; a single year: flat), scaled so that
 * its quarters add up to the year's total. Index k is the k-th quarter from `start` ("2023Q1"), `quarters` of them;
 * a quarter of a year without a total is NaN.
 */
export function quarterlyFromAnnual(
  annual: ReadonlyMap<number, number>,
  start: string,
  quarters: number,
): number[] {
  if (!(Number.isSafeInteger(quarters) && quarters >= 0))
    throw new RangeError(`invalid quarters: ${quarters}`);
  for (const [year, total] of annual)
    if (!(total > 0 && Number.isFinite(total))) throw new RangeError(`invalid total of ${year}: ${total}`);
  const first = quarterIndex(start);
  const out: number[] = [];
  for (let k = 0; k < quarters; k++) {
    const year = Math.floor((first + k) / 4);
    const total = annual.get(year);
    if (total === undefined) {
      out.push(Number.NaN);
      continue;
    }
    const next = annual.get(year + 1);
    const previous = annual.get(year - 1);
    const growthQ =
      next !== undefined
        ? Math.log(next / total) / 4
        : previous !== undefined
          ? Math.log(total / previous) / 4
          : 0;
    let weights = 0;
    for (let q = 0; q < 4; q++) weights += Math.exp(growthQ * q);
    out.push((total * Math.exp(growthQ * ((first + k) % 4))) / weights);
  }
  return out;
}

/**
 * Lab `lab`'s revenue targets (metric revenueUsdB) as a given quarterly path for a run from `start` over `quarters`;
 * an InputError naming the field when the targets hold no such figure.
 */
export function givenRevenueFromTargets(
  targets: readonly CalibrationTarget[],
  lab: string,
  start: string,
  quarters: number,
): GivenRevenue {
  const annual = new Map<number, number>();
  for (const target of targets)
    if (target.entity === lab && target.metric === GIVEN_METRIC) annual.set(target.year, target.value);
  if (annual.size === 0)
    throw new InputError({
      field: "--given-revenue",
      value: lab,
      message: `the targets hold no ${GIVEN_METRIC} of this entity`,
    });
  return { lab, usdBPerQuarter: quarterlyFromAnnual(annual, start, quarters) };
}
