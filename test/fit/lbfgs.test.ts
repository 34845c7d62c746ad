import { describe, expect, it } from "vitest";
import { minimizeLbfgs } from "../../src/fit/lbfgs.js";
import type { ObjectiveWithGradient } from "../../src/fit/optimizer.js";
import { gradCheck } from "./gradcheck.js";

/** Extended Rosenbrock in n dimensions: Σ 100(x_{i+1} − x_i²)² + (1 − x_i)², minimum 0 at (1, …, 1). */
const rosenbrock: ObjectiveWithGradient = (x, g) => {
  let f = 0;
  g.fill(0);
  for (let i = 0; i < x.length - 1; i++) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    f += 100 * a * a + b * b;
    g[i] += -400 * a * x[i] - 2 * b;
    g[i + 1] += 200 * a;
  }
  return f;
};

describe("minimizeLbfgs()", () => {
  it("the Rosenbrock test gradient is right (the gradient checker catches a wrong one)", () => {
    expect(gradCheck(rosenbrock, [-1.2, 1, 0.3]).maxError).toBeLessThan(1e-7);
    const wrong: ObjectiveWithGradient = (x, g) => {
      const f = rosenbrock(x, g);
      g[1] *= 1.001;
      return f;
    };
    expect(gradCheck(wrong, [-1.2, 1, 0.3]).maxError).toBeGreaterThan(1e-4);
  });

  it("finds the Rosenbrock minimum from the classic start (−1.2, 1)", () => {
    const r = minimizeLbfgs(rosenbrock, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 8);
    expect(r.x[1]).toBeCloseTo(1, 8);
    expect(r.f).toBeLessThan(1e-16);
    expect(r.iterations).toBeLessThan(60);
    expect(r.evaluations).toBeGreaterThan(r.iterations);
  });

  it("finds the 20-dimensional Rosenbrock minimum", () => {
    const x0 = Array.from({ length: 20 }, (_, i) => (i % 2 ? 1 : -1.2));
    const r = minimizeLbfgs(rosenbrock, x0, { maxIterations: 2000 });
    expect(r.converged).toBe(true);
    for (const v of r.x) expect(v).toBeCloseTo(1, 6);
  });

  it("minimises a quadratic exactly and reports the gradient reason", () => {
    const scales = [1, 10, 100, 1000];
    const f: ObjectiveWithGradient = (x, g) => {
      let v = 0;
      for (let i = 0; i < x.length; i++) {
        v += 0.5 * scales[i] * (x[i] - i) ** 2;
        g[i] = scales[i] * (x[i] - i);
      }
      return v;
    };
    const r = minimizeLbfgs(f, [5, 5, 5, 5], { gradientTolerance: 1e-9 });
    expect(r.reason).toBe("gradient");
    expect(r.gradientNorm).toBeLessThanOrEqual(1e-9);
    for (const [i, v] of r.x.entries()) expect(v).toBeCloseTo(i, 9);
  });

  it("stops on an active bound with zero projected gradient", () => {
    // Rosenbrock with x ≤ 0.5: the minimum is on the bound x = 0.5, y = 0.25.
    const r = minimizeLbfgs(rosenbrock, [-1.2, 1], { upper: [0.5, Number.POSITIVE_INFINITY] });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBe(0.5);
    expect(r.x[1]).toBeCloseTo(0.25, 8);
    expect(r.gradientNorm).toBeLessThan(1e-8);
  });

  it("keeps every iterate within the bounds and clamps the start into them", () => {
    const seen: number[][] = [];
    const f: ObjectiveWithGradient = (x, g) => {
      seen.push(Array.from(x));
      g[0] = 2 * (x[0] + 3);
      g[1] = 2 * (x[1] - 7);
      return (x[0] + 3) ** 2 + (x[1] - 7) ** 2;
    };
    const r = minimizeLbfgs(f, [10, -10], { lower: [-1, -2], upper: [4, 2] });
    expect(Array.from(r.x)).toEqual([-1, 2]);
    expect(r.converged).toBe(true);
    for (const [a, b] of seen) {
      expect(a).toBeGreaterThanOrEqual(-1);
      expect(a).toBeLessThanOrEqual(4);
      expect(b).toBeGreaterThanOrEqual(-2);
      expect(b).toBeLessThanOrEqual(2);
    }
  });

  it("backs off from a region where f is not finite", () => {
    // f = x − log(x) − … is undefined for x ≤ 0; the first steepest-descent step can overshoot into it.
    const f: ObjectiveWithGradient = (x, g) => {
      g[0] = 1 - 1 / x[0];
      return x[0] - Math.log(x[0]);
    };
    const r = minimizeLbfgs(f, [50]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 7);
  });

  it("reports a start where f is not finite, and max-iterations when cut short", () => {
    const nan: ObjectiveWithGradient = () => Number.NaN;
    expect(minimizeLbfgs(nan, [1])).toMatchObject({ converged: false, reason: "non-finite", iterations: 0 });
    const r = minimizeLbfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 });
    expect(r).toMatchObject({ converged: false, reason: "max-iterations", iterations: 3 });
  });

  it("rejects invalid options", () => {
    expect(() => minimizeLbfgs(rosenbrock, [0, 0], { memory: 0 })).toThrow(RangeError);
    expect(() => minimizeLbfgs(rosenbrock, [0, 0], { lower: [1, 1], upper: [0, 2] })).toThrow(
      /invalid bounds/,
    );
    expect(() => minimizeLbfgs(rosenbrock, [0, 0], { lower: [0] })).toThrow(/invalid lower/);
    expect(() => minimizeLbfgs(rosenbrock, [0, 0], { gradientTolerance: -1 })).toThrow(RangeError);
  });
});
