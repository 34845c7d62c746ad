/**
 * An accumulator's counts as a Web Worker sends them: each integer array as its nonzero cells (index, count). A
 * few hundred paths touch a small part of the histograms' millions of cells, and Chromium copies a message at
 * ~100 MB/s (16.8 MB took 110–190 ms), so the dense arrays would cost more than the chunks they count.
 */
import type { Accumulator } from "../../../src/economy/outputs.js";

/** An integer array by its nonzero cells. */
export interface SparseInts {
  length: number;
  index: Int32Array;
  count: Int32Array;
}

/** An accumulator whose integer arrays travel as SparseInts (the rest as they are). */
export type SparseAccumulator = {
  [K in keyof Accumulator]: Accumulator[K] extends Int32Array ? SparseInts : Accumulator[K];
};

/** `counts` with its integer arrays made sparse. */
export function sparseCounts(counts: Accumulator): SparseAccumulator {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(counts))
    out[key] = value instanceof Int32Array ? sparse(value) : value;
  return out as SparseAccumulator;
}

/**
 * Adds sparse `counts` into `total` (same shape; the counts of an accumulator `sparseCounts` was made from),
 * or, without a total, makes it dense: counts are integers, so the order of the workers does not matter.
 */
export function addCounts(total: Accumulator | undefined, counts: SparseAccumulator): Accumulator {
  if (total === undefined) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(counts)) out[key] = isSparse(value) ? dense(value) : value;
    return out as unknown as Accumulator;
  }
  if (total.n !== counts.n || total.quarters !== counts.quarters || total.obligations !== counts.obligations)
    throw new RangeError("invalid accumulator: shapes differ");
  total.paths += counts.paths;
  for (const [key, value] of Object.entries(counts))
    if (isSparse(value)) {
      const into = total[key as keyof Accumulator] as Int32Array;
      for (let j = 0; j < value.index.length; j++) into[value.index[j]] += value.count[j];
    }
  return total;
}

function sparse(a: Int32Array): SparseInts {
  let nonzero = 0;
  for (let k = 0; k < a.length; k++) if (a[k] !== 0) nonzero++;
  const index = new Int32Array(nonzero);
  const count = new Int32Array(nonzero);
  for (let k = 0, j = 0; k < a.length; k++)
    if (a[k] !== 0) {
      index[j] = k;
      count[j++] = a[k];
    }
  return { length: a.length, index, count };
}

function dense(s: SparseInts): Int32Array {
  const a = new Int32Array(s.length);
  for (let j = 0; j < s.index.length; j++) a[s.index[j]] = s.count[j];
  return a;
}

function isSparse(value: unknown): value is SparseInts {
  return (
    typeof value === "object" &&
    value !== null &&
    "index" in value &&
    (value as SparseInts).index instanceof Int32Array
  );
}
