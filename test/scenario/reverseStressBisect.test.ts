import { describe, expect, it } from "vitest";
import { bisectThreshold } from "../../src/scenario/reverseStress/bisect.js";

describe("bisectThreshold()", () => {
  it("finds the switch point of a step predicate within the tolerance", async () => {
    const r = await bisectThreshold((x) => x >= 0.237, 0, 1, { tolerance: 1e-6 });
    expect(r.converged).toBe(true);
    expect(r.reason).toBe("tolerance");
    expect(r.value).toBeGreaterThanOrEqual(0.237);
    expect(r.value - 0.237).toBeLessThan(1e-6);
    expect(r.below).toBeLessThan(0.237);
    // 2 end checks + ⌈log2(1 / 1e-6)⌉ = 20 halvings.
    expect(r.iterations).toBe(22);
  });

  it("reports a predicate already true at the low end or still false at the high end", async () => {
    expect(await bisectThreshold(() => true, 0, 1)).toMatchObject({
      value: 0,
      converged: false,
      reason: "true-at-low",
    });
    const none = await bisectThreshold(() => false, 0, 1);
    expect(none).toMatchObject({ value: Number.POSITIVE_INFINITY, below: 1, reason: "false-at-high" });
  });

  it("stops at maxIterations without claiming convergence", async () => {
    const r = await bisectThreshold(async (x) => x > 0.5, 0, 1, { tolerance: 1e-12, maxIterations: 5 });
    expect(r).toMatchObject({ converged: false, reason: "max-iterations", iterations: 7 });
    expect(r.value - r.below).toBeCloseTo(1 / 32, 12);
  });

  it("rejects an empty or non-finite bracket and bad options", async () => {
    await expect(bisectThreshold(() => true, 1, 1)).rejects.toThrow(RangeError);
    await expect(bisectThreshold(() => true, 0, Number.NaN)).rejects.toThrow(RangeError);
    await expect(bisectThreshold(() => true, 0, 1, { tolerance: 0 })).rejects.toThrow(RangeError);
  });
});
