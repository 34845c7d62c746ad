/**
 * Calendar quarters: a label `"2026Q1"`, its index (quarters since year 0: 2026Q1 → 8104) and decimal years
 * (2026Q2 starts at 2026.25).
 */

const LABEL = /^(\d{4})Q([1-4])$/;

function checkIndex(index: number): void {
  if (!(Number.isSafeInteger(index) && index >= 0)) throw new RangeError(`invalid quarter index: ${index}`);
}

/** Index of quarter `"YYYYQn"`, quarters since year 0: "2026Q2" → 8105. */
export function quarterIndex(label: string): number {
  const match = LABEL.exec(label);
  if (!match) throw new RangeError(`invalid quarter: ${label}`);
  return Number(match[1]) * 4 + Number(match[2]) - 1;
}

/** Label of quarter `index` (quarters since year 0, a whole number ≥ 0): 8105 → "2026Q2". */
export function quarterLabel(index: number): string {
  checkIndex(index);
  return `${Math.floor(index / 4)}Q${(index % 4) + 1}`;
}

/** Calendar year of quarter `index` (quarters since year 0): 8105 → 2026. */
export function quarterYear(index: number): number {
  checkIndex(index);
  return Math.floor(index / 4);
}

/** Decimal year `fraction` ∈ [0, 1] of the way through quarter `index`: 8105 → 2026.25, (8105, 0.5) → 2026.375. */
export function quarterDecimalYear(index: number, fraction = 0): number {
  checkIndex(index);
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`invalid fraction: ${fraction}`);
  return (index + fraction) / 4;
}
