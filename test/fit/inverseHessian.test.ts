import { describe, expect, it } from "vitest";
import { inverseHessian } from "../../src/fit/inverseHessian.js";
import { minimizeLbfgs } from "../../src/fit/lbfgs.js";
import type { ObjectiveWithGradient } from "../../src/fit/optimizer.js";

/** ½ (x − c)ᵀ A (x − c) for a symmetric A (row-major), with gradient A (x − c). */
function quadratic(a: number[], c: number[]): ObjectiveWithGradient {
  const n = c.length;
  return (x, g) => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v += a[i * n + j] * (x[j] - c[j]);
      g[i] = v;
      f += 0.5 * (x[i] - c[i]) * v;
    }
    return f;
  };
}

// A positive definite 3 × 3 matrix and its inverse (det 18).
const A = [4, 1, 0, 1, 3, 1, 0, 1, 2];
const A_INVERSE = [5 / 18, -2 / 18, 1 / 18, -2 / 18, 8 / 18, -4 / 18, 1 / 18, -4 / 18, 11 / 18];
const CENTRE = [1, -2, 0.5];

describe("inverseHessian()", () => {
  it("inverts a quadratic's Hessian exactly, from 2n gradient evaluations", () => {
    const r = inverseHessian(quadratic(A, CENTRE), [3, 0, -1]);
    expect(r.reason).toBe("positive-definite");
    expect(r.evaluations).toBe(6);
    for (let k = 0; k < 9; k++) expect(r.values![k]).toBeCloseTo(A_INVERSE[k], 8);
  });

  it("returns no inverse where the Hessian is indefinite or not finite", () => {
    const saddle = quadratic([1, 0, 0, -1], [0, 0]);
    expect(inverseHessian(saddle, [0.3, 0.2])).toMatchObject({
      values: undefined,
      reason: "not-positive-definite",
    });
    const broken: ObjectiveWithGradient = (_x, g) => {
      g.fill(Number.NaN);
      return 0;
    };
    expect(inverseHessian(broken, [1])).toMatchObject({ values: undefined, reason: "non-finite" });
    expect(() => inverseHessian(saddle, [])).toThrow(RangeError);
  });
});

describe("minimizeLbfgs() with an initial inverse Hessian", () => {
  it("takes the Newton step first: a quadratic's minimum in one iteration and one trial", () => {
    const f = quadratic(A, CENTRE);
    const r = minimizeLbfgs(f, [3, 0, -1], { inverseHessian: A_INVERSE });
    expect(r).toMatchObject({ converged: true, reason: "gradient", iterations: 1, evaluations: 2 });
    for (let i = 0; i < 3; i++) expect(r.x[i]).toBeCloseTo(CENTRE[i], 12);
    expect(minimizeLbfgs(f, [3, 0, -1]).iterations).toBeGreaterThan(1);
  });

  it("drops a scaling that points uphill and still converges", () => {
    const negative = A_INVERSE.map((v) => -v);
    const r = minimizeLbfgs(quadratic(A, CENTRE), [3, 0, -1], { inverseHessian: negative });
    expect(r.converged).toBe(true);
    for (let i = 0; i < 3; i++) expect(r.x[i]).toBeCloseTo(CENTRE[i], 8);
  });

  it("rejects an inverse Hessian of the wrong size or with non-finite entries", () => {
    const f = quadratic(A, CENTRE);
    expect(() => minimizeLbfgs(f, [0, 0, 0], { inverseHessian: [1, 0, 0, 1] })).toThrow(
      /invalid inverseHessian/,
    );
    expect(() =>
      minimizeLbfgs(f, [0, 0, 0], { inverseHessian: [...A_INVERSE.slice(0, 8), Number.NaN] }),
    ).toThrow(/not finite/);
  });
});
