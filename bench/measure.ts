/**
 * What every suite needs to report a timing on a shared machine: the load average it ran under, and each figure
 * repeated for a median and a range. Ratios are formed per repeat (wallcast and the reference timed back to back
 * in the same round), so a burst of outside load moves both sides of one ratio rather than one side of all.
 */
import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";

/**
 * The Python with the reference SciPy: Debian's (`apt-get install python3-scipy`), whatever `python3` is first on
 * the PATH; `BENCH_PYTHON` picks another.
 */
export const PYTHON =
  process.env.BENCH_PYTHON ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");

/** Rounds per figure: `BENCH_REPEATS`, default 3 (the least that gives a median and a range). */
export const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 3));

/** The 1-, 5- and 15-minute load averages and the core count: `load average 1.23, 2.00, 2.51 on 2 cores`. */
export function loadLine(): string {
  const [one, five, fifteen] = loadavg();
  return `load average ${one.toFixed(2)}, ${five.toFixed(2)}, ${fifteen.toFixed(2)} on ${availableParallelism()} cores`;
}

/** Median, smallest and largest of a sample. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  count: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new RangeError("spread of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], count: sorted.length };
}

/** `12.3 (10.1–14.0, 5 runs)` with `digits` significant digits and an optional unit after each number. */
export function showSpread(s: Spread, unit = "", digits = 3): string {
  const f = (x: number) => `${Number(x.toPrecision(digits))}${unit}`;
  return s.count === 1 ? f(s.median) : `${f(s.median)} (${f(s.min)}–${f(s.max)}, ${s.count} runs)`;
}

/** Milliseconds of each of `times` calls of `work`. */
export function timeMs(work: () => void, times: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < times; k++) {
    const t = performance.now();
    work();
    out.push(performance.now() - t);
  }
  return out;
}
