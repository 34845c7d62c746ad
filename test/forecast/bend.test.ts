import { describe, expect, it } from "vitest";
import { analyseBend, type BendShape, gainHalves } from "../../src/forecast/bend.js";
import { randomStream } from "../../src/util/random.js";
import { runMain } from "../support/inProcess.js";

// Losses against u = log10 compute, one generator per shape (multiplicative noise of 1%).
const GENERATORS: Record<BendShape, (u: number) => number> = {
  straight: (u) => 10 * 10 ** (-0.08 * (u - 19)),
  saturating: (u) => 1.7 + 3 * 10 ** (-0.4 * (u - 19)),
  broken: (u) => 5 * 10 ** (-0.05 * (u - 19)) * (1 + 10 ** ((u - 22) / 0.2)) ** (-0.5 * 0.2),
  sigmoid: (u) => 1 + 3 / (1 + Math.exp(2.5 * (u - 22))),
};

function sample(shape: BendShape, seed: number): { u: number[]; y: number[] } {
  const rng = randomStream(seed);
  const u = Array.from({ length: 40 }, (_, i) => 19 + i * 0.15);
  return { u, y: u.map((v) => GENERATORS[shape](v) * Math.exp(0.01 * rng.normal())) };
}

describe("gainHalves()", () => {
  it("halves a power law's gain after exactly log10(2)/α orders of magnitude", () => {
    // y = 10^(−0.1u): gain −dy/du = 0.1·ln10·10^(−0.1u) halves after log10(2)/0.1 = 3.0103 OOM.
    const curve = (u: number) => 10 ** (-0.1 * u);
    expect(gainHalves(curve, 20, 23.0, -1)).toBe(false);
    expect(gainHalves(curve, 20, 23.02, -1)).toBe(true);
  });

  it("never halves a straight line's gain, and counts a gain that is already ≤ 0 as halved", () => {
    expect(gainHalves((u) => 3 - 0.2 * u, 20, 30, -1)).toBe(false);
    expect(gainHalves((u) => 3 + 0.2 * u, 20, 30, -1)).toBe(true);
  });
});

describe("analyseBend()", () => {
  it.each(["straight", "saturating", "broken", "sigmoid"] as const)(
    "gives the most weight to the shape that generated the data (%s, seeded)",
    (shape) => {
      const { u, y } = sample(shape, 5);
      const result = analyseBend({ u, y, holdout: 8, bootstrap: 5, seed: 1 });
      const best = result.models.reduce((a, b) => (b.weight > a.weight ? b : a));
      expect(best.shape).toBe(shape);
      expect(result.models.reduce((s, m) => s + m.weight, 0)).toBeCloseTo(1, 12);
    },
  );

  it("says a saturating loss bends (P = 1 within 2 OOM) and a straight one does not (P = 0)", () => {
    const sat = analyseBend({
      ...sample("saturating", 2),
      holdout: 8,
      bootstrap: 20,
      shapes: ["saturating"],
    });
    expect(sat.pHalve).toBe(1);
    const straight = analyseBend({
      ...sample("straight", 2),
      holdout: 8,
      bootstrap: 20,
      shapes: ["straight"],
    });
    expect(straight.pHalve).toBe(0);
    // Straight: gain = α·ln10·y at the last point, with α = 0.08.
    const last = straight.points[straight.points.length - 1];
    expect(straight.gainNow / (Math.LN10 * GENERATORS.straight(last.u))).toBeCloseTo(0.08, 2);
  });

  it("is reproducible from its seed and changes with it", () => {
    const data = sample("sigmoid", 9);
    const options = { ...data, holdout: 8, bootstrap: 15, shapes: ["saturating", "sigmoid"] as BendShape[] };
    const a = analyseBend({ ...options, seed: 3 });
    const b = analyseBend({ ...options, seed: 3 });
    const c = analyseBend({ ...options, seed: 4 });
    expect(b.forecast).toEqual(a.forecast);
    expect(b.pHalve).toBe(a.pHalve);
    expect(c.forecast.map((f) => f.hi)).not.toEqual(a.forecast.map((f) => f.hi));
  });

  it("fits a score through its shortfall from the ceiling and reports gains as improvements", () => {
    const u = Array.from({ length: 30 }, (_, i) => 20 + i * 0.2);
    const y = u.map((v) => 1 - 0.9 * 10 ** (-0.15 * (v - 20)));
    const result = analyseBend({ u, y, better: "higher", holdout: 6, bootstrap: 3, shapes: ["straight"] });
    // score = 1 − 0.9·10^(−0.15(u−20)): d score/du = 0.15·ln10·(1 − score).
    expect(result.gainNow).toBeCloseTo(0.15 * Math.LN10 * (1 - y[29]), 6);
    expect(result.forecast[result.forecast.length - 1].mean).toBeLessThan(1);
  });

  it("rejects bad options and values the orientation cannot take", () => {
    const { u, y } = sample("straight", 1);
    expect(() => analyseBend({ u, y: y.slice(1) })).toThrow(RangeError);
    expect(() => analyseBend({ u, y, holdout: 39 })).toThrow(RangeError);
    expect(() => analyseBend({ u, y, horizon: 0 })).toThrow(RangeError);
    expect(() => analyseBend({ u, y: y.map((v, i) => (i === 3 ? -v : v)) })).toThrow(/must be > 0/);
    expect(() => analyseBend({ u, y, better: "higher", ceiling: 1 })).toThrow(/below the ceiling/);
  });
});

describe("wallcast bend", () => {
  it("fits Chinchilla's losses against compute and reports weights, P and a forecast band", async () => {
    const { code, stdout, stderr } = await runMain([
      "bend",
      "chinchilla",
      "--x",
      "Training FLOP",
      "--y",
      "loss",
      "--bootstrap",
      "10",
      "--json",
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.n).toBe(245);
    expect(out.models.map((m: { shape: string }) => m.shape)).toEqual([
      "straight",
      "saturating",
      "broken",
      "sigmoid",
    ]);
    // Chinchilla's losses flatten towards an irreducible loss: the saturating law beats the straight line.
    const weight = (s: string) => out.models.find((m: { shape: string }) => m.shape === s).weight;
    expect(weight("saturating")).toBeGreaterThan(weight("straight"));
    expect(out.pHalve).toBeGreaterThanOrEqual(0);
    expect(out.pHalve).toBeLessThanOrEqual(1);
    expect(out.forecast[0].lo).toBeLessThanOrEqual(out.forecast[0].hi);
    expect(out.points).toHaveLength(245);
  });

  it.each([
    [["--x", "Nope", "--y", "loss"], /--x: unknown column/],
    [["--x", "Training FLOP", "--y", "loss", "--higher-is-better"], /below the ceiling/],
  ])("exits 2 on bad input %j", async (flags, message) => {
    const { code, stderr } = await runMain(["bend", "chinchilla", ...flags]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
