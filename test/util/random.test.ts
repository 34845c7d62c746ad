import { describe, expect, it } from "vitest";
import { randomStream } from "../../src/util/random.js";

describe("randomStream()", () => {
  it("gives the same numbers for the same seed and keys", () => {
    const a = randomStream(42, 3);
    const b = randomStream(42, 3);
    for (let i = 0; i < 100; i++) expect(a.uniform()).toBe(b.uniform());
  });

  it("gives different streams for different keys", () => {
    const a = randomStream(42, 0);
    const b = randomStream(42, 1);
    const same = Array.from({ length: 20 }, () => a.uniform() === b.uniform()).filter(Boolean).length;
    expect(same).toBe(0);
  });

  it("draws uniforms in [0, 1) with mean 1/2 and variance 1/12", () => {
    const r = randomStream(7);
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sq += u * u;
    }
    const mean = sum / n;
    expect(outside).toBe(0);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it("draws standard normals", () => {
    const r = randomStream(11);
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      sum += z;
      sq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.02);
  });

  it("rejects a non-integer seed and an invalid n", () => {
    expect(() => randomStream(1.5)).toThrow(RangeError);
    expect(() => randomStream(Number.NaN)).toThrow("invalid seed");
    expect(() => randomStream(1).int(0)).toThrow("invalid n");
  });
});
