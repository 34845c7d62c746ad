import { describe, expect, it } from "vitest";
import { fit as fitLaw } from "../../src/fit/fit.js";
import { getForm } from "../../src/fit/forms/index.js";
import type { FitColumns } from "../../src/fit/forms/types.js";
import { toInternal } from "../../src/fit/problem.js";
import { randomStream } from "../../src/util/random.js";

/** y from the form at `params` (reported units), times exp(noise·N(0,1)) when noise > 0. */
function synthesize(form: string, params: Record<string, number>, columns: Omit<FitColumns, "y">, noise = 0) {
  const f = getForm(form, { breaks: 1 });
  const rows = (columns.x ?? columns.n)!.length;
  const withY: FitColumns = { ...columns, y: new Float64Array(rows).fill(1) };
  const out = new Float64Array(rows);
  f.logPredict(
    Float64Array.from(f.params, (p) => toInternal(p, params[p.name])),
    f.prepare(withY),
    out,
    null,
  );
  const random = randomStream(42, rows);
  return { ...withY, y: out.map((v) => Math.exp(v + noise * random.normal())) };
}

const grid = (lo: number, hi: number, n: number) =>
  Float64Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));

function expectRecovered(got: Record<string, number>, want: Record<string, number>, tolerance: number) {
  for (const [name, value] of Object.entries(want)) {
    expect(Math.abs(got[name] / value - 1), name).toBeLessThan(tolerance);
  }
}

describe("fit() recovers known parameters from noise-free rows", () => {
  it("power: a growth law with E fixed to 0 (α < 0)", () => {
    const truth = { E: 0, A: 4.5e-8, alpha: -0.83 };
    const r = fitLaw(synthesize("power", truth, { x: grid(1e16, 1e20, 11) }), {
      form: "power",
      loss: "log-mse",
      fix: { E: 0 },
    });
    expectRecovered(r.params, { A: 4.5e-8, alpha: -0.83 }, 1e-6);
    expect(r.objective).toBeLessThan(1e-20);
  });

  it("power: a saturating law with its floor", () => {
    const truth = { E: 1.7, A: 40, alpha: 0.3 };
    const r = fitLaw(synthesize("power", truth, { x: grid(1e6, 1e12, 20) }), {
      form: "power",
      loss: "log-mse",
    });
    expectRecovered(r.params, truth, 1e-5);
  });

  it("sigmoid: a benchmark score rising over four decades of compute", () => {
    const truth = { floor: 0.25, ceiling: 0.9, k: 1.3, x0: 22.5 };
    const r = fitLaw(synthesize("sigmoid", truth, { x: grid(1e20, 1e25, 16) }), {
      form: "sigmoid",
      loss: "log-mse",
    });
    expectRecovered(r.params, truth, 1e-5);
  });

  it("kaplan: L(N, D) over a grid of sizes and token counts", () => {
    const truth = { Nc: 8.8e13, Dc: 5.4e13, alphaN: 0.076, alphaD: 0.095 };
    const n = grid(1e7, 1e10, 24);
    const d = Float64Array.from(n, (v, i) => v * [2, 20, 200][i % 3]);
    const r = fitLaw(synthesize("kaplan", truth, { n, d }), { form: "kaplan", loss: "log-mse" });
    expectRecovered(r.params, truth, 1e-4);
  });

  it("bnsl: one break from its default grid", () => {
    const truth = { a: 0.4, b: 2.3, c0: 0.05, c1: 5.7, d1: 610, f1: 0.06 };
    const r = fitLaw(synthesize("bnsl", truth, { x: grid(150, 1000, 24) }), { form: "bnsl", loss: "msle" });
    expectRecovered(r.params, truth, 1e-3);
  });

  it("data-constrained: R_D* and R_N* with the Chinchilla terms held fixed", () => {
    const chin = { E: 1.87, A: 521, B: 1488, alpha: 0.3527, beta: 0.3527 };
    const truth = { ...chin, RDstar: 15.4, RNstar: 5.3 };
    const n = grid(1e8, 9e9, 30);
    const u = Float64Array.from(n, (_, i) => [1e8, 4e8, 1.5e9, 4e9, 2.5e10][i % 5]);
    const d = Float64Array.from(u, (v, i) => v * [1, 2, 4, 8, 16, 40][i % 6]);
    const r = fitLaw(synthesize("data-constrained", truth, { n, d, u }), {
      form: "data-constrained",
      loss: "log-mse",
      fix: chin,
    });
    expectRecovered(r.params, truth, 1e-5);
    expect(r.k).toBe(2);
  });

  it("hold-out rows are scored with the fitted parameters; AIC prefers the true form", () => {
    const truth = { E: 1.7, A: 40, alpha: 0.3 };
    const rows = synthesize("power", truth, { x: grid(1e6, 1e12, 30) }, 0.002);
    const train = { y: rows.y.slice(0, 20), x: rows.x!.slice(0, 20) };
    const test = { y: rows.y.slice(20), x: rows.x!.slice(20) };
    const right = fitLaw(train, { form: "power", loss: "log-mse", test });
    const pure = fitLaw(train, { form: "power", loss: "log-mse", fix: { E: 0 }, test });
    expect(right.test!.n).toBe(10);
    expect(right.test!.rmsle).toBeLessThan(0.005);
    expect(pure.test!.rmsle).toBeGreaterThan(3 * right.test!.rmsle);
    expect(right.aic).toBeLessThan(pure.aic);
    expect(right.bic).toBeLessThan(pure.bic);
  });
});
