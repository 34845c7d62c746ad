import { describe, expect, it } from "vitest";
import { fit as fitLaw, objectiveAt } from "../../src/fit/fit.js";
import { fitParallel } from "../../src/fit/fitParallel.js";
import { chinchillaRows, HOFFMANN_ROUNDED, HOFFMANN_UNROUNDED, relError } from "./chinchillaData.js";

const rows = chinchillaRows();

describe("Chinchilla reproductions (Besiroglu et al. 2024)", () => {
  it("S1: the 4,500-start Huber grid fit replicates Epoch's 'replicate exactly' estimate", () => {
    const r = fitLaw(rows, { form: "chinchilla", loss: "huber", delta: 1e-3 });
    expect(r.n).toBe(240);
    expect(r.starts).toBe(4500);
    expect(r.converged).toBe(true);
    expect(relError(r.params.alpha, 0.34731)).toBeLessThan(0.002);
    expect(relError(r.params.beta, 0.36718)).toBeLessThan(0.002);
    expect(relError(r.params.E, 1.8172)).toBeLessThan(0.002);
    expect(relError(r.params.A, 477.84)).toBeLessThan(0.01);
    expect(relError(r.params.B, 2143.9)).toBeLessThan(0.01);
    expect(Math.abs(r.objective - 0.00101827)).toBeLessThan(1e-7);
    // The objective is within rounding of the optimum and the gradient is flat there.
    expect(r.gradientNorm).toBeLessThan(1e-6);
    expect(r.aic).toBeLessThan(r.bic);
    expect(r.train.rmsle).toBeGreaterThan(0.005);
    expect(r.train.rmsle).toBeLessThan(0.01);
  });

  it("S1 on 2 worker threads gives the 1-thread fit to the last bit", async () => {
    const options = { form: "chinchilla", loss: "huber" as const, delta: 1e-3 };
    const parallel = await fitParallel(rows, options, 2);
    expect(parallel).toEqual(fitLaw(rows, options));
    expect(parallel.starts).toBe(4500);
  }, 60_000);

  it("S2: the Huber likelihood with a free scale, from Hoffmann's values as Epoch did, gives the headline estimate", () => {
    const r = fitLaw(rows, { form: "chinchilla", loss: "huber-mle", init: HOFFMANN_UNROUNDED });
    expect(relError(r.params.A, 482.01)).toBeLessThan(0.02);
    expect(relError(r.params.B, 2085.43)).toBeLessThan(0.02);
    expect(relError(r.params.E, 1.8169)).toBeLessThan(0.01);
    expect(relError(r.params.alpha, 0.34781)).toBeLessThan(0.01);
    expect(relError(r.params.beta, 0.36585)).toBeLessThan(0.01);
    expect(r.k).toBe(6);
    expect(r.scale).toBeGreaterThan(0);
    expect(r.aic).toBeCloseTo(2 * 6 + 2 * r.objective, 9);
  });

  it("S4: Hoffmann's rounded values score 0.0041210 on the 240 points, four times the optimum", () => {
    const spec = { form: "chinchilla", loss: "huber" as const, delta: 1e-3 };
    const rounded = objectiveAt(rows, spec, HOFFMANN_ROUNDED);
    expect(Math.abs(rounded - 0.004121)).toBeLessThan(5e-8);
    expect(rounded / 0.00101827).toBeGreaterThan(4);
    expect(objectiveAt(rows, spec, HOFFMANN_UNROUNDED)).toBeLessThan(rounded);
  });

  it("--fix holds a parameter at its reported value and fits the rest", () => {
    const r = fitLaw(rows, { form: "chinchilla", fix: { alpha: 0.34, beta: 0.28 }, init: HOFFMANN_ROUNDED });
    expect(r.params.alpha).toBe(0.34);
    expect(r.params.beta).toBe(0.28);
    expect(r.k).toBe(3);
    expect(r.objective).toBeLessThan(objectiveAt(rows, { form: "chinchilla" }, HOFFMANN_ROUNDED));
  });

  it("rejects unknown or impossible parameters", () => {
    expect(() => fitLaw(rows, { form: "chinchilla", fix: { gamma: 1 } })).toThrow(/no parameter gamma/);
    expect(() => fitLaw(rows, { form: "chinchilla", fix: { A: -1 } })).toThrow(/invalid A: -1/);
    expect(() => fitLaw(rows, { form: "chinchilla", init: { E: 1 } })).toThrow(/missing A/);
    expect(() => fitLaw(rows, { form: "nope" })).toThrow(/invalid form/);
    expect(() => fitLaw({ ...rows, d: undefined }, { form: "chinchilla" })).toThrow(/needs d/);
    const bad = Float64Array.from(rows.y);
    bad[3] = Number.NaN;
    expect(() => fitLaw({ ...rows, y: bad }, { form: "chinchilla" })).toThrow(/invalid y\[3\]: NaN/);
  });
});
