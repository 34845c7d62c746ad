import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { asinh, cosTurn, exp, expm1, log, log1p, log10, pow, sinh } from "../../src/util/portable/index.js";

/** A fixed linear congruential stream in [0, 1), so every run checks the same arguments. */
function stream(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** |a − b| in units of the last place of b. */
function ulps(a: number, b: number): number {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(b) * 2 ** -52, Number.MIN_VALUE);
}

/** The largest error in ulps of `f` against `reference` over 20,000 arguments drawn by `draw`. */
function worstUlps(
  f: (x: number) => number,
  reference: (x: number) => number,
  draw: (u: () => number) => number,
): number {
  const u = stream(7);
  let worst = 0;
  for (let k = 0; k < 20_000; k++) {
    const x = draw(u);
    worst = Math.max(worst, ulps(f(x), reference(x)));
  }
  return worst;
}

describe("portable elementary functions", () => {
  it("are within an ulp or a few of the engine's own over their working ranges", () => {
    expect(worstUlps(exp, Math.exp, (u) => (u() - 0.5) * 1400 * u() ** 3)).toBeLessThanOrEqual(1);
    expect(worstUlps(log, Math.log, (u) => 10 ** ((u() - 0.5) * 600))).toBeLessThanOrEqual(1);
    expect(worstUlps(log1p, Math.log1p, (u) => (u() - 0.5) * 10 ** ((u() - 0.8) * 16))).toBeLessThanOrEqual(
      3,
    );
    expect(worstUlps(expm1, Math.expm1, (u) => (u() - 0.5) * 10 ** ((u() - 0.7) * 8))).toBeLessThanOrEqual(3);
    expect(worstUlps(asinh, Math.asinh, (u) => (u() - 0.5) * 10 ** ((u() - 0.5) * 20))).toBeLessThanOrEqual(
      3,
    );
    expect(worstUlps(sinh, Math.sinh, (u) => (u() - 0.5) * 10 ** ((u() - 0.7) * 4))).toBeLessThanOrEqual(3);
    expect(worstUlps(log10, Math.log10, (u) => 10 ** ((u() - 0.5) * 600))).toBeLessThanOrEqual(2);
    expect(
      worstUlps(
        (x) => pow(x, 0.37),
        (x) => x ** 0.37,
        (u) => 10 ** ((u() - 0.5) * 10),
      ),
    ).toBeLessThanOrEqual(6);
    expect(
      worstUlps(
        (x) => pow(x, -13),
        (x) => x ** -13,
        (u) => 0.5 + u(),
      ),
    ).toBeLessThanOrEqual(8);
  });

  it("give the limits and special values Math gives", () => {
    for (const x of [0, -0, 1, -1, 0.5, 2 ** -30, 5e-324, 1e-310, 709.78, 709.79, -745.1, -745.2, 1e300])
      expect([exp(x), log(x)]).toEqual([Math.exp(x), Math.log(x)]);
    expect([exp(Number.NaN), exp(Number.POSITIVE_INFINITY), exp(Number.NEGATIVE_INFINITY)]).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      0,
    ]);
    expect([log(-1), log(0), log(Number.POSITIVE_INFINITY)]).toEqual([
      Number.NaN,
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]);
    expect([log1p(-1), log1p(-2), log1p(Number.POSITIVE_INFINITY), log1p(1e-300)]).toEqual([
      Number.NEGATIVE_INFINITY,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1e-300,
    ]);
    expect([expm1(-800), expm1(800), expm1(1e-300)]).toEqual([-1, Number.POSITIVE_INFINITY, 1e-300]);
    expect([pow(2, 10), pow(2, -4), pow(-2, 3), pow(-2, 0.5), pow(0, 2), pow(0, -1), pow(5, 0)]).toEqual([
      1024,
      1 / 16,
      -8,
      Number.NaN,
      0,
      Number.POSITIVE_INFINITY,
      1,
    ]);
    expect([asinh(0), asinh(-0), sinh(0), asinh(1e300)]).toEqual([0, -0, 0, Math.asinh(1e300)]);
    expect(log10(1000)).toBeCloseTo(3, 15);
  });

  it("take cos of a turn to within 1e-15 of Math.cos(2πv), exactly at the quarter turns", () => {
    const u = stream(11);
    let worst = 0;
    for (let k = 0; k < 100_000; k++) {
      const v = u();
      worst = Math.max(worst, Math.abs(cosTurn(v) - Math.cos(2 * Math.PI * v)));
    }
    expect(worst).toBeLessThan(1e-15);
    expect([cosTurn(0), cosTurn(0.25), cosTurn(0.5), cosTurn(0.75)].map((c) => c + 0)).toEqual([1, 0, -1, 0]);
  });
});

describe("the engine's numerics", () => {
  it("use the portable functions, never the engine's Math.exp, Math.log, Math.pow and kin or **", () => {
    const files = [
      ...readdirSync("src/economy", { recursive: true, encoding: "utf8" }).map((f) => join("src/economy", f)),
      "src/util/random.ts",
      "src/util/erf.ts",
      "src/util/logistic.ts",
      "src/scenario/distributions.ts",
    ].filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(20);
    const engineMath =
      /Math\.(exp|expm1|log|log1p|log2|log10|pow|sin|cos|tan|sinh|cosh|tanh|asinh|acosh|atanh|atan|atan2|cbrt|hypot)\(|[\w)\]] \*\* /;
    const offending = files.flatMap((f) =>
      readFileSync(f, "utf8")
        .split("\n")
        .filter((line) => !line.trimStart().startsWith("*") && !line.trimStart().startsWith("//"))
        .filter((line) => engineMath.test(line))
        .map((line) => `${f}: ${line.trim()}`),
    );
    expect(offending).toEqual([]);
  });
});
