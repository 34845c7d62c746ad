import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FitColumns, Form } from "../../src/fit/forms/types.js";
import { createProblem, getForm, getLoss, LOSS_NAMES, toInternal } from "../../src/fit/index.js";
import { MUENNIGHOFF } from "./chinchillaData.js";
import { gradCheck } from "./gradcheck.js";

/** Synthetic rows spanning the ranges each form is used on. */
function columnsFor(form: Form): FitColumns {
  const n = 12;
  const at = (lo: number, hi: number) =>
    Float64Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));
  const y = Float64Array.from({ length: n }, (_, i) => 0.3 + 2 / (1 + i) + 0.01 * Math.sin(i));
  if (form.inputs.includes("x")) return { y, x: at(100, 1e4) };
  const nCol = at(1e7, 1e10);
  const d = Float64Array.from(nCol, (v, i) => v * (5 + 30 * ((i * 7) % 5)));
  const u = Float64Array.from(d, (v, i) => v / (1 + (i % 4) * 3));
  return { y, n: nCol, d, u };
}

/** A parameter point per form (reported units) away from kinks, in the range the fits visit. */
const POINTS: Record<string, Record<string, number>> = {
  chinchilla: { E: 1.8, A: 480, B: 2100, alpha: 0.35, beta: 0.37 },
  power: { E: 0.2, A: 30, alpha: 0.5 },
  bnsl: {
    a: 0.1,
    b: 20,
    c0: 0.3,
    c1: 0.8,
    d1: 900,
    f1: 0.4,
    c2: -0.2,
    d2: 3000,
    f2: 0.7,
    c3: 0.5,
    d3: 500,
    f3: 2,
  },
  sigmoid: { floor: 0.2, ceiling: 2.5, k: 1.7, x0: 3.1 },
  "data-constrained": {
    E: 1.87,
    A: 521,
    B: 1488,
    alpha: 0.3526596,
    beta: 0.3526596,
    RDstar: 15.4,
    RNstar: 5.3,
  },
  kaplan: { Nc: 8.8e13, Dc: 5.4e13, alphaN: 0.076, alphaD: 0.095 },
};

const FORMS: Array<[string, number]> = [
  ["chinchilla", 1],
  ["power", 1],
  ["bnsl", 1],
  ["bnsl", 2],
  ["bnsl", 3],
  ["sigmoid", 1],
  ["data-constrained", 1],
  ["kaplan", 1],
];

describe("createProblem() over rows with repeats", () => {
  it("is the problem of the resampled columns, bit for bit, fused or not", () => {
    const form = getForm("chinchilla");
    const columns = columnsFor(form);
    // Draws 0..11 with repeats, as a bootstrap makes them; the distinct rows in order of first draw.
    const draws = [3, 3, 7, 0, 11, 7, 5, 3, 0, 9, 9, 2];
    const firsts = [...new Set(draws)];
    const rows = Int32Array.from(draws, (j) => firsts.indexOf(j));
    const pick = (column: Float64Array | undefined, order: number[]) =>
      column && Float64Array.from(order, (j) => column[j]);
    const resampled: FitColumns = {
      y: pick(columns.y, draws)!,
      n: pick(columns.n, draws),
      d: pick(columns.d, draws),
    };
    const distinct: FitColumns = {
      y: pick(columns.y, firsts)!,
      n: pick(columns.n, firsts),
      d: pick(columns.d, firsts),
    };
    for (const lossName of LOSS_NAMES) {
      const loss = getLoss(lossName, 1e-3);
      const whole = createProblem(form, loss, resampled, [undefined, undefined, 1]);
      const drawn = createProblem(form, loss, distinct, [undefined, undefined, 1], rows);
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 5, maxLength: 5 }),
          (shift) => {
            const theta = form.params.map((p, k) => toInternal(p, POINTS.chinchilla[p.name]) + shift[k]);
            const x = whole.compress(theta, loss.extraParams.length ? [shift[0]] : []);
            const [g1, g2] = [new Float64Array(x.length), new Float64Array(x.length)];
            expect(drawn.objective(x, g2)).toBe(whole.objective(x, g1));
            expect(Array.from(g2)).toEqual(Array.from(g1));
          },
        ),
        { seed: 5, numRuns: 100 },
      );
    }
    expect(() =>
      createProblem(form, getLoss("huber"), distinct, [], Int32Array.of(0, firsts.length)),
    ).toThrow(RangeError);
  });
});

describe("analytic gradients match finite differences", () => {
  for (const [name, breaks] of FORMS) {
    for (const lossName of LOSS_NAMES) {
      it(`${name}${name === "bnsl" ? ` (${breaks} breaks)` : ""} × ${lossName}`, () => {
        const form = getForm(name, { breaks });
        // δ = 1 keeps the Huber residuals in the smooth quadratic part or clearly beyond it.
        const loss = getLoss(lossName, lossName === "huber-mle" ? 0.5 : 0.05);
        const columns = columnsFor(form);
        const problem = createProblem(form, loss, columns);
        const theta = form.params.map((p) => toInternal(p, POINTS[name][p.name]));
        const x = problem.compress(theta, loss.extraParams.length ? [Math.log(0.3)] : []);
        const check = gradCheck(problem.objective, x);
        expect(check.maxError).toBeLessThan(1e-6);
      });
    }
  }

  it("holds at random points of the chinchilla and data-constrained forms (fast-check)", () => {
    const loss = getLoss("log-mse");
    for (const name of ["chinchilla", "data-constrained"]) {
      const form = getForm(name);
      const problem = createProblem(form, loss, columnsFor(form));
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 7, maxLength: 7 }),
          (shift) => {
            const theta = form.params.map((p, k) => toInternal(p, POINTS[name][p.name]) + shift[k]);
            return gradCheck(problem.objective, problem.compress(theta, [])).maxError < 1e-5;
          },
        ),
        { seed: 42, numRuns: 50 },
      );
    }
  });
});

describe("chinchilla's fused Huber objective (WebAssembly)", () => {
  it("equals logPredict + huberLoss + the chain rule to rounding, E = 0 and at fixed parameters too", () => {
    const form = getForm("chinchilla");
    const columns = columnsFor(form);
    const loss = getLoss("huber", 1e-3);
    const data = form.prepare(columns);
    const target = loss.target(columns.y);
    const n = columns.y.length;
    const logPred = new Float64Array(n);
    const jac = new Float64Array(n * 5);
    const dLogPred = new Float64Array(n);
    const fused = new Float64Array(5);
    const objective = form.huberObjective!(data, target, 1e-3);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.boolean(),
        (shift, zeroE) => {
          const theta = Float64Array.from(
            form.params,
            (p, k) => toInternal(p, POINTS.chinchilla[p.name]) + shift[k],
          );
          if (zeroE) theta[0] = Number.NEGATIVE_INFINITY;
          form.logPredict(theta, data, logPred, jac);
          const f = loss.evaluate(logPred, target, new Float64Array(0), dLogPred, new Float64Array(0));
          const chained = new Float64Array(5);
          for (let i = 0; i < n; i++) for (let k = 0; k < 5; k++) chained[k] += dLogPred[i] * jac[i * 5 + k];
          // Its exp and log are not the engine's: an ulp or two per row, summed over n rows.
          const scale = chained.reduce((s, g) => s + Math.abs(g), Math.abs(f));
          expect(Math.abs(objective(theta, fused) - f)).toBeLessThanOrEqual(1e-14 * Math.max(f, 1e-3) * n);
          for (let k = 0; k < 5; k++)
            expect(Math.abs(fused[k] - chained[k])).toBeLessThanOrEqual(1e-14 * scale * n);
        },
      ),
      { seed: 3, numRuns: 200 },
    );
    // Through a problem with E fixed at 0, as `fit --fix E=0` builds it.
    const problem = createProblem(form, loss, columns, [Number.NEGATIVE_INFINITY]);
    expect(problem.dim).toBe(4);
    const grad = new Float64Array(4);
    const x = problem.compress(
      form.params.map((p) => (p.name === "E" ? 0 : toInternal(p, POINTS.chinchilla[p.name]))),
      [],
    );
    expect(gradCheck(problem.objective, x).maxError).toBeLessThan(1e-6);
    expect(problem.objective(x, grad)).toBeGreaterThan(0);
  });
});

/** log ŷ of one row at reported parameters. */
function predict(
  name: string,
  params: Record<string, number>,
  row: Partial<Record<"x" | "n" | "d" | "u", number>>,
) {
  const form = getForm(name, { breaks: Object.keys(params).filter((k) => /^d\d$/.test(k)).length || 1 });
  const columns: FitColumns = { y: new Float64Array([1]) };
  for (const [key, value] of Object.entries(row)) columns[key as "x"] = new Float64Array([value]);
  const out = new Float64Array(1);
  const theta = Float64Array.from(form.params, (p) => toInternal(p, params[p.name]));
  form.logPredict(theta, form.prepare(columns), out, null);
  return Math.exp(out[0]);
}

describe("forms predict their published formulas", () => {
  it("data-constrained reproduces Muennighoff et al.'s worked values to 1e-9 (case S7)", () => {
    const params = MUENNIGHOFF;
    const l1 = predict("data-constrained", params, { n: 6.34e9, d: 242e9, u: 25e9 });
    const l2 = predict("data-constrained", params, { n: 8.67e9, d: 178e9, u: 25e9 });
    expect(Math.abs(l1 / 2.2256440889984477 - 1)).toBeLessThan(1e-9);
    expect(Math.abs(l2 / 2.2269634075087867 - 1)).toBeLessThan(1e-9);
  });

  it("data-constrained equals chinchilla when nothing repeats and N is below N_opt(U)", () => {
    const chin = { E: 1.7, A: 400, B: 410, alpha: 0.34, beta: 0.28 };
    const row = { n: 1e8, d: 2e10, u: 2e10 };
    const dc = predict("data-constrained", { ...chin, RDstar: 15, RNstar: 5 }, row);
    expect(dc).toBeCloseTo(1.7 + 400 / 1e8 ** 0.34 + 410 / 2e10 ** 0.28, 12);
  });

  it("chinchilla, power, kaplan, bnsl and sigmoid equal their closed forms", () => {
    expect(
      predict("chinchilla", { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }, { n: 7e10, d: 1.4e12 }),
    ).toBeCloseTo(1.69 + 406.4 / 7e10 ** 0.34 + 410.7 / 1.4e12 ** 0.28, 13);
    expect(predict("power", { E: 0.5, A: 3, alpha: 0.2 }, { x: 1e5 })).toBeCloseTo(0.5 + 3 * 1e5 ** -0.2, 13);
    expect(
      predict("kaplan", { Nc: 8.8e13, Dc: 5.4e13, alphaN: 0.076, alphaD: 0.095 }, { n: 1e9, d: 1e10 }),
    ).toBeCloseTo(((8.8e13 / 1e9) ** (0.076 / 0.095) + 5.4e13 / 1e10) ** 0.095, 12);
    const b = { a: 0.1, b: 20, c0: 0.3, c1: 0.8, d1: 900, f1: 0.4 };
    expect(predict("bnsl", b, { x: 700 })).toBeCloseTo(
      0.1 + 20 * 700 ** -0.3 * (1 + (700 / 900) ** (1 / 0.4)) ** (-0.8 * 0.4),
      13,
    );
    const s = { floor: 0.25, ceiling: 0.9, k: 2, x0: 22 };
    expect(predict("sigmoid", s, { x: 1e23 })).toBeCloseTo(0.25 + 0.65 / (1 + Math.exp(-2 * (23 - 22))), 14);
  });

  it("a pure power law (E fixed to 0) may grow: α < 0", () => {
    expect(predict("power", { E: 0, A: 2, alpha: -0.5 }, { x: 100 })).toBeCloseTo(20, 12);
  });
});
