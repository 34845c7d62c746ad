import { describe, expect, it } from "vitest";
import { bootstrap, sampleSd } from "../../src/fit/bootstrap.js";
import { refitInverseHessian, runChunk } from "../../src/fit/bootstrapWorker.js";
import { fit as fitLaw } from "../../src/fit/fit.js";
import { quantileSorted } from "../../src/util/quantile.js";
import { chinchillaRows, HOFFMANN_UNROUNDED, relError } from "./chinchillaData.js";

const rows = chinchillaRows();

describe("bootstrap()", () => {
  it("S3: 4,000 resamples refit from Hoffmann's values give Epoch's standard errors and intervals", async () => {
    const r = await bootstrap(
      rows,
      { form: "chinchilla" },
      { params: HOFFMANN_UNROUNDED },
      {
        replicates: 4000,
        seed: 1,
        threads: 2,
      },
    );
    expect(r.B).toBe(4000);
    expect(r.failed).toBe(0);
    const se = { A: 124.5, B: 1293, E: 0.0257, alpha: 0.0154, beta: 0.0206 };
    for (const [name, expected] of Object.entries(se))
      expect(relError(r.se[name], expected)).toBeLessThan(0.15);
    const ci: Record<string, [number, number]> = {
      A: [285, 744],
      B: [1042, 5810],
      E: [1.769, 1.871],
      alpha: [0.317, 0.373],
      beta: [0.331, 0.415],
    };
    for (const [name, [lo, hi]] of Object.entries(ci)) {
      expect(relError(r.ci95[name][0], lo)).toBeLessThan(0.1);
      expect(relError(r.ci95[name][1], hi)).toBeLessThan(0.1);
    }
    // Derived: a = β/(α+β) = 0.513 with bootstrap sd ≈ 0.020.
    const a = r.samples.beta.map((b, i) => b / (r.samples.alpha[i] + b));
    expect(Math.abs(quantileSorted(a.sort(), 0.5) - 0.513)).toBeLessThan(0.01);
    expect(relError(sampleSd(a), 0.02)).toBeLessThan(0.15);
  });

  it("is bit-identical on 1 and 2 threads, and refits from the point estimate by default", async () => {
    const estimate = fitLaw(rows, { form: "chinchilla", init: HOFFMANN_UNROUNDED });
    const run = (threads: number) =>
      bootstrap(rows, { form: "chinchilla" }, estimate, { replicates: 24, seed: 7, threads, chunkSize: 5 });
    const [one, two] = await Promise.all([run(1), run(2)]);
    for (const name of Object.keys(one.samples)) {
      expect(Array.from(two.samples[name])).toEqual(Array.from(one.samples[name]));
    }
    expect(two.se).toEqual(one.se);
    const other = await bootstrap(rows, { form: "chinchilla" }, estimate, {
      replicates: 24,
      seed: 8,
      threads: 1,
    });
    expect(Array.from(other.samples.alpha)).not.toEqual(Array.from(one.samples.alpha));
  });

  it("reports progress adding up to B and holds fixed parameters with zero spread", async () => {
    let done = 0;
    const estimate = { params: { ...HOFFMANN_UNROUNDED, E: 1.8 } };
    const r = await bootstrap(rows, { form: "chinchilla", fix: { E: 1.8 } }, estimate, {
      replicates: 12,
      threads: 1,
      chunkSize: 5,
      onProgress: (k) => {
        done += k;
      },
    });
    expect(done).toBe(12);
    expect(r.se.E).toBe(0);
    expect(r.ci95.E).toEqual([1.8, 1.8]);
  });

  it("refits scaled by the full-data inverse Hessian end where unscaled refits do", () => {
    const task = { columns: rows, spec: { form: "chinchilla" as const }, start: HOFFMANN_UNROUNDED, seed: 3 };
    const scaling = refitInverseHessian(task);
    expect(scaling).toHaveLength(25);
    const scaled = runChunk({ ...task, inverseHessian: scaling, first: 0, count: 40 });
    const plain = runChunk({ ...task, first: 0, count: 40 });
    expect(scaled.notConverged + plain.notConverged).toBe(0);
    for (let k = 0; k < plain.params.length; k++)
      expect(relError(scaled.params[k], plain.params[k])).toBeLessThan(1e-5);
  });

  it("quantileSorted() interpolates like NumPy and sampleSd() uses n − 1", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.025)).toBeCloseTo(1.075, 12);
    expect(quantileSorted([1, 2, 3, 4], 0.975)).toBeCloseTo(3.925, 12);
    expect(sampleSd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 12);
  });

  it("rejects fewer than 2 replicates", async () => {
    await expect(
      bootstrap(rows, { form: "chinchilla" }, { params: HOFFMANN_UNROUNDED }, { replicates: 1 }),
    ).rejects.toThrow(/invalid replicates/);
  });
});
