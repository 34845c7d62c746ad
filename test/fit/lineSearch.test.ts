import { describe, expect, it } from "vitest";
import { type LineFunction, moreThuente } from "../../src/fit/lineSearch.js";

/** A line function from φ and φ'. */
function line(phi: (t: number) => number, dphi: (t: number) => number): LineFunction & { calls: number } {
  let last = 0;
  return {
    calls: 0,
    value(t) {
      this.calls++;
      last = t;
      return phi(t);
    },
    slope: () => dphi(last),
  };
}

// Test functions 1 and 2 of Moré & Thuente (1994), section 6.
const f1 = line(
  (t) => -t / (t * t + 2),
  (t) => (t * t - 2) / (t * t + 2) ** 2,
);
const f2 = line(
  (t) => (t + 0.004) ** 5 - 2 * (t + 0.004) ** 4,
  (t) => 5 * (t + 0.004) ** 4 - 8 * (t + 0.004) ** 3,
);

describe("moreThuente()", () => {
  it("satisfies the strong Wolfe conditions on Moré–Thuente function 1 from every start", () => {
    for (const start of [1e-3, 1e-1, 10, 1000]) {
      const r = moreThuente(f1, 0, -0.5, start, { c1: 1e-3, c2: 0.1 });
      expect(r.ok).toBe(true);
      expect(r.f).toBeLessThanOrEqual(1e-3 * r.step * -0.5);
      expect(Math.abs((r.step * r.step - 2) / (r.step * r.step + 2) ** 2)).toBeLessThanOrEqual(0.1 * 0.5);
    }
    // The paper's Table 1 reports the step 1.4 from the start 1e-3.
    expect(moreThuente(f1, 0, -0.5, 1e-3, { c1: 1e-3, c2: 0.1 }).step).toBeCloseTo(1.4, 1);
  });

  it("finds the minimiser of Moré–Thuente function 2 (t ≈ 1.6) under a tight curvature condition", () => {
    const phi0 = 0.004 ** 5 - 2 * 0.004 ** 4;
    const slope0 = 5 * 0.004 ** 4 - 8 * 0.004 ** 3;
    for (const start of [1e-3, 1e-1, 10, 1000]) {
      const r = moreThuente(f2, phi0, slope0, start, { c1: 0.05, c2: 0.1 });
      expect(r.ok).toBe(true);
      expect(r.step).toBeCloseTo(1.596, 2);
    }
  });

  it("returns the largest allowed step when f keeps falling to it", () => {
    const lin = line(
      (t) => -t,
      () => -1,
    );
    const r = moreThuente(lin, 0, -1, 1, { stepMax: 5 });
    expect(r).toMatchObject({ ok: true, reason: "step-max", step: 5 });
  });

  it("pulls back from steps where φ is not finite", () => {
    const wall = line(
      (t) => (t < 2 ? (t - 1.5) ** 2 : Number.NaN),
      (t) => 2 * (t - 1.5),
    );
    const r = moreThuente(wall, 2.25, -3, 10);
    expect(r.ok).toBe(true);
    expect(r.step).toBeLessThan(2);
    expect(r.f).toBeLessThan(2.25);
  });

  it("refuses a direction that does not descend", () => {
    expect(moreThuente(f1, 0, 0.5, 1)).toMatchObject({ ok: false, reason: "not-descent", step: 0 });
  });
});
