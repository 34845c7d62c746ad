/** The web app's workers send their counts as nonzero cells: what arrives must add up to the dense counts. */
import { describe, expect, it } from "vitest";
import { addCounts, sparseCounts } from "../../app/src/engine/sparseCounts.js";
import { BINS, createAccumulator, mergeCounts } from "../../src/economy/outputs.js";

/** An accumulator of 3 entities over 4 quarters with a few counts set from `seed`. */
function counted(seed: number) {
  const acc = createAccumulator(3, 4, 0, 2);
  acc.paths = 10 + seed;
  acc.hist[seed * BINS + 7] = 3;
  acc.hist[acc.hist.length - 1] = seed + 1;
  acc.deadBy[5] = 2 * seed;
  acc.defaultTrigger[1] = 1;
  acc.annualHist[BINS + seed] = 4;
  return acc;
}

describe("sparse counts", () => {
  it("make the dense accumulator again, and add as mergeCounts adds", () => {
    const one = addCounts(undefined, sparseCounts(counted(1)));
    expect(one.hist).toEqual(counted(1).hist);
    expect(one.annualHist).toEqual(counted(1).annualHist);
    expect(one.paths).toBe(11);
    const sum = addCounts(one, sparseCounts(counted(2)));
    const expected = counted(1);
    mergeCounts(expected, counted(2));
    for (const key of ["hist", "annualHist", "deadBy", "defaultTrigger"] as const)
      expect(sum[key]).toEqual(expected[key]);
    expect(sum.paths).toBe(23);
  });

  it("carry only the nonzero cells", () => {
    const sparse = sparseCounts(counted(1));
    expect(sparse.hist.index).toEqual(Int32Array.from([BINS + 7, counted(1).hist.length - 1]));
    expect(sparse.hist.count).toEqual(Int32Array.from([3, 2]));
    expect(sparse.hist.length).toBe(counted(1).hist.length);
  });

  it("refuse counts of another shape", () => {
    expect(() => addCounts(counted(1), sparseCounts(createAccumulator(4, 4, 0, 2)))).toThrow(RangeError);
  });
});
