import { describe, expect, it } from "vitest";
import {
  clear,
  clearNetwork,
  createClearingWorkspace,
  elsingerClearing,
  furfineCascade,
  leastClearingVector,
  xosValuation,
} from "../../src/finance/clearing/index.js";
import { compileNetwork, totalObligations, withExternalAssets } from "../../src/finance/network.js";
import { randomStream } from "../../src/util/random.js";
import { C1, C2, C4, C5, C8, dense, denseSpec } from "./clearingCases.js";

const close = (actual: ArrayLike<number>, expected: number[], digits = 10) => {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], digits);
};

describe("clearNetwork() Eisenberg–Noe, greatest clearing vector", () => {
  it("C1: three nodes, node 1 defaults on fundamentals and node 2 by contagion", () => {
    const r = clearNetwork(dense(C1.e, C1.L), { model: "en" });
    close(r.payments, [270 / 11, 290 / 11, 10]);
    close(r.equity, [-60 / 11, -29 / 11, 30]);
    expect(Array.from(r.defaultRound)).toEqual([1, 2, 0]);
    expect(Array.from(r.defaulted)).toEqual([1, 1, 0]);
    expect(r).toMatchObject({ rounds: 2, converged: true, reason: "converged" });
  });

  it("C4: the systemicrisk vignette network with external liabilities", () => {
    const r = clearNetwork(dense(C4.e, C4.L, C4.el), { model: "en" });
    close(r.payments, [653 / 385, 3.5, 304 / 77]);
    expect(Array.from(r.defaultRound)).toEqual([1, 0, 2]);
  });

  it("C5: the 2↔3 cycle clears in two rounds where plain iteration needs hundreds", () => {
    const a = clearNetwork(dense([1, 1, 1], C5.L), { model: "en" });
    close(a.payments, [0.8, 9.5, 8.4]);
    expect(Array.from(a.defaultRound)).toEqual([0, 1, 0]);
    const b = clearNetwork(dense([0, 0, 0.1], C5.L), { model: "en" });
    close(b.payments, [0.8, 45 / 8, 221 / 40]);
    expect(Array.from(b.defaultRound)).toEqual([0, 1, 2]);
    expect(b.rounds).toBe(2);
    expect(b.iterations).toBeLessThanOrEqual(4);
  });

  it("C6: the chain A→B→C, B saved by A's 20", () => {
    const net = compileNetwork({
      nodes: [
        { id: "A", externalAssets: 20 },
        { id: "B", externalAssets: 90 },
        { id: "C", externalAssets: 0 },
      ],
      liabilities: [
        { from: "A", to: "B", amount: 100 },
        { from: "B", to: "C", amount: 100 },
        { from: "C", to: "A", amount: 0 },
      ],
    });
    const r = clearNetwork(net, { model: "en" });
    close(r.payments, [20, 100, 0]);
    expect(Array.from(r.defaulted)).toEqual([1, 0, 0]);
  });

  it("solves defaulter sets beyond the direct-solve size by Gauss–Seidel: a ring of 400", () => {
    // Each node has 2 of cash and owes the next node 10 and outsiders 5: p = 2 + (10/15)·p gives p = 6 for all.
    const n = 400;
    const spec = {
      nodes: Array.from({ length: n }, (_, i) => ({
        id: `n${i}`,
        externalAssets: 2,
        externalLiabilities: 5,
      })),
      liabilities: Array.from({ length: n }, (_, i) => ({
        from: `n${i}`,
        to: `n${(i + 1) % n}`,
        amount: 10,
      })),
    };
    const r = clearNetwork(compileNetwork(spec), { model: "en" });
    for (const p of r.payments) expect(p).toBeCloseTo(6, 12);
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeGreaterThan(1);
  });

  it("agrees with the least vector and is a fixed point on a 2,000-node random network", () => {
    const n = 2000;
    const rng = randomStream(7, n);
    const liabilities = Array.from({ length: 8 * n }, () => {
      const from = rng.int(n);
      return { from: `${from}`, to: `${(from + 1 + rng.int(n - 1)) % n}`, amount: Math.exp(rng.normal()) };
    });
    const nodes = Array.from({ length: n }, (_, i) => ({
      id: `${i}`,
      externalAssets: rng.uniform() < 0.2 ? 0 : 3 * rng.uniform(),
      externalLiabilities: 2 * rng.uniform(),
    }));
    const net = compileNetwork({ nodes, liabilities });
    const g = clearNetwork(net, { model: "rv", alpha: 0.9, beta: 0.95 });
    const defaults = g.defaulted.reduce((a, b) => a + b, 0);
    expect(defaults).toBeGreaterThan(160); // beyond the direct solve
    expect(g.rounds).toBeGreaterThan(1);
    const l = leastClearingVector(net, { model: "rv", alpha: 0.9, beta: 0.95 });
    const pbar = totalObligations(net);
    const received = new Float64Array(n);
    const { start, creditor, amount } = net.liabilities;
    for (let j = 0; j < n; j++)
      for (let k = start[j]; k < start[j + 1]; k++)
        received[creditor[k]] += (amount[k] / pbar[j]) * g.payments[j];
    for (let i = 0; i < n; i++) {
      expect(Math.abs(g.payments[i] - l.payments[i])).toBeLessThanOrEqual(1e-10 * pbar[i]);
      const e = net.externalAssets[i];
      const mapped = g.defaulted[i] ? 0.9 * e + 0.95 * received[i] : pbar[i];
      expect(Math.abs(g.payments[i] - mapped)).toBeLessThanOrEqual(1e-11 * pbar[i]);
      expect(g.equity[i]).toBeCloseTo(e + received[i] - pbar[i], 10);
    }
  });

  it("an empty network and a network without liabilities clear trivially", () => {
    const empty = clearNetwork(compileNetwork({ nodes: [] }), { model: "en" });
    expect(empty).toMatchObject({ rounds: 0, iterations: 0, converged: true });
    const lone = clearNetwork(
      compileNetwork({ nodes: [{ id: "a", externalAssets: 3, externalLiabilities: 5 }] }),
      {
        model: "en",
      },
    );
    close(lone.payments, [3]);
    close(lone.equity, [-2]);
    expect(lone.defaultRound[0]).toBe(1);
  });

  it("rejects bad parameters with a RangeError naming them", () => {
    const net = dense(C2.e, C2.L);
    expect(() => clearNetwork(net, { model: "rv", alpha: 1.5 })).toThrow(/invalid alpha: 1.5/);
    expect(() => clearNetwork(net, { model: "rv", beta: Number.NaN })).toThrow(/invalid beta: NaN/);
    expect(() => clearNetwork(net, { model: "rv", alpha: Number.NEGATIVE_INFINITY })).toThrow(
      /invalid alpha/,
    );
    expect(() => clearNetwork(net, { model: "xx" as "en" })).toThrow(/invalid model: xx/);
  });

  it("reuses a workspace without allocating result arrays, and sees new external assets", () => {
    const ws = createClearingWorkspace();
    const net = dense(C1.e, C1.L);
    const first = clearNetwork(net, { model: "en" }, ws);
    const payments = first.payments;
    const poorer = withExternalAssets(net, Float64Array.from([0, 0.1, 0]));
    const second = clearNetwork(poorer, { model: "en" }, ws);
    expect(second.payments).toBe(payments);
    close(second.payments, Array.from(clearNetwork(poorer, { model: "en" }).payments), 14);
    expect(Array.from(second.defaulted)).toEqual([1, 1, 0]);
    const third = clearNetwork(net, { model: "en" }, ws);
    close(third.payments, [270 / 11, 290 / 11, 10]);
  });
});

describe("clearNetwork() Rogers–Veraart", () => {
  it("C2: α = β = 1 is Eisenberg–Noe", () => {
    const r = clearNetwork(dense(C2.e, C2.L), { model: "rv", alpha: 1, beta: 1 });
    close(r.payments, [25, 25, 10]);
    expect(Array.from(r.defaulted)).toEqual([1, 0, 0]);
  });

  it("C2: α = 0.4 tips node 2 into default in round 2", () => {
    const r = clearNetwork(dense(C2.e, C2.L), { model: "rv", alpha: 0.4, beta: 1 });
    close(r.payments, [18, 20, 10]);
    close(r.equity, [-6, -2, 11]);
    expect(Array.from(r.defaultRound)).toEqual([1, 2, 0]);
  });

  it("C4: α = β = 0.98 on the vignette network", () => {
    const r = clearNetwork(dense(C4.e, C4.L, C4.el), { model: "rv", alpha: 0.98, beta: 0.98 });
    close(r.payments, [1.65489400768684, 3.5, 3.84889806376655], 13);
    expect(Array.from(r.defaulted)).toEqual([1, 0, 1]);
  });

  it("EN ignores α and β", () => {
    const r = clearNetwork(dense(C2.e, C2.L), { model: "en", alpha: 0.4 });
    close(r.payments, [25, 25, 10]);
  });
});

describe("leastClearingVector() and uniqueness", () => {
  const cycle = (e: [number, number]) =>
    compileNetwork({
      nodes: [
        { id: "A", externalAssets: e[0] },
        { id: "B", externalAssets: e[1] },
      ],
      liabilities: [
        { from: "A", to: "B", amount: 100 },
        { from: "B", to: "A", amount: 100 },
      ],
    });

  it("C6: a cashless cycle clears at every c ∈ [0, 100]: greatest (100, 100), least (0, 0)", () => {
    const net = cycle([0, 0]);
    close(clearNetwork(net, { model: "en" }).payments, [100, 100]);
    const least = leastClearingVector(net, { model: "en" });
    close(least.payments, [0, 0]);
    close(least.equity, [-100, -100]);
    const report = clear(net, { model: "en" });
    expect(report.unique).toBe(false);
    expect(report.cashless).toEqual([0, 1]);
    close(report.equity, [0, 0]);
    close(report.least?.payments ?? [], [0, 0]);
  });

  it("C6: one unit of cash makes the answer unique, (100, 100)", () => {
    const net = cycle([0, 1]);
    close(leastClearingVector(net, { model: "en" }).payments, [100, 100]);
    const report = clear(net);
    expect(report.unique).toBe(true);
    expect(report.least).toBeUndefined();
  });

  it("the least vector equals the greatest on C1 and C5", () => {
    for (const net of [dense(C1.e, C1.L), dense([0, 0, 0.1], C5.L)]) {
      const g = Array.from(clearNetwork(net, { model: "en" }).payments);
      close(leastClearingVector(net, { model: "en" }).payments, g, 12);
    }
  });
});

describe("furfineCascade()", () => {
  it("C4: zero recovery, all three default in rounds {1}, {1, 3}, {1, 2, 3}", () => {
    const r = furfineCascade(dense(C4.e, C4.L, C4.el), { recovery: 0 });
    expect(Array.from(r.defaultRound)).toEqual([1, 3, 2]);
    expect(r.rounds).toBe(3);
    close(r.payments, [0, 0, 0]);
  });

  it("a recovery of 1 stops the cascade after the fundamental default", () => {
    const r = furfineCascade(dense(C4.e, C4.L, C4.el), { recovery: 1 });
    expect(Array.from(r.defaultRound)).toEqual([1, 0, 0]);
    expect(() => furfineCascade(dense(C4.e, C4.L), { recovery: -0.1 })).toThrow(/invalid recovery/);
  });
});

describe("elsingerClearing()", () => {
  it("C8: seniority layers plus equity cross-holdings (Elsinger 2009)", () => {
    const r = elsingerClearing(compileNetwork(C8));
    close(r.paymentsByLayer[0], [25, 45, 10]);
    close(r.paymentsByLayer[1], [0, 65 / 3, 10]);
    close(r.payments, [25, 45 + 65 / 3, 20]);
    close(r.equity, [-20, -7 / 3, 60]);
    expect(Array.from(r.defaulted)).toEqual([1, 1, 0]);
    expect(r.converged).toBe(true);
  });

  it("C8: a single-layer estimate (the senior layer alone) flags only node 1", () => {
    const single = compileNetwork({ ...C8, liabilities: C8.liabilities?.filter((l) => l.layer === 1) });
    expect(Array.from(clearNetwork(single, { model: "en" }).defaulted)).toEqual([1, 0, 0]);
    expect(Array.from(elsingerClearing(single).defaulted)).toEqual([1, 0, 0]);
  });

  it("equity cross-holdings pass a solvent issuer's surplus to its holder", () => {
    // B holds half of A's equity; A has 10 of surplus, B is short 4 without it.
    const net = compileNetwork({
      nodes: [
        { id: "A", externalAssets: 20, externalLiabilities: 10 },
        { id: "B", externalAssets: 6, externalLiabilities: 10 },
      ],
      equityHoldings: [{ holder: "B", issuer: "A", fraction: 0.5 }],
    });
    const r = elsingerClearing(net);
    close(r.equity, [10, 1]);
    expect(Array.from(r.defaulted)).toEqual([0, 0]);
  });
});

describe("xosValuation()", () => {
  // bertschi/FinNetValu test/models/test_xos.jl: four firms, Mˢ and Mᵈ (row = holder), d = 0.8, a = (2, .5, .6, .6);
  // the published test asserts that every firm is solvent and debt values equal d.
  const Ms = [
    [0, 0.2, 0.3, 0.1],
    [0.2, 0, 0.2, 0.1],
    [0.1, 0.1, 0, 0.3],
    [0.1, 0.1, 0.1, 0],
  ];
  const Md = [
    [0, 0, 0.1, 0],
    [0, 0, 0, 0.1],
    [0.1, 0, 0, 0.1],
    [0, 0.1, 0, 0],
  ];
  const a = [2, 0.5, 0.6, 0.6];
  const holdings = (M: number[][]) =>
    M.flatMap((row, i) =>
      row.flatMap((fraction, j) => (fraction > 0 ? [{ holder: `${i}`, issuer: `${j}`, fraction }] : [])),
    );
  const net = compileNetwork({
    nodes: a.map((x, i) => ({ id: `${i}`, externalAssets: x, externalLiabilities: 0.8 })),
    equityHoldings: holdings(Ms),
    debtHoldings: holdings(Md),
  });

  it("FinNetValu's four-firm case: all solvent, debt at face, equity solving s = a + Mˢs + Mᵈd − d", () => {
    const r = xosValuation(net);
    close(r.payments, [0.8, 0.8, 0.8, 0.8], 12);
    expect(Array.from(r.defaulted)).toEqual([0, 0, 0, 0]);
    // The residual of the linear equity equation, which holds when everyone is solvent.
    for (let i = 0; i < 4; i++) {
      let rhs = a[i] - 0.8;
      for (let j = 0; j < 4; j++) rhs += Ms[i][j] * r.equity[j] + Md[i][j] * 0.8;
      expect(r.equity[i]).toBeCloseTo(rhs, 13);
    }
    expect(r.equity[0]).toBeGreaterThan(1.2);
  });

  it("with a bad asset draw some debt is worth less than face and equity is never negative", () => {
    const shocked = withExternalAssets(net, Float64Array.from([0.3, 0.2, 0.6, 0.1]));
    const r = xosValuation(shocked);
    for (let i = 0; i < 4; i++) {
      expect(r.equity[i]).toBeGreaterThanOrEqual(0);
      expect(r.payments[i]).toBeLessThanOrEqual(0.8);
      // Debt value is min(d, V) and equity max(V − d, 0): they add up to V.
      expect(r.payments[i] + r.equity[i]).toBeCloseTo(r.value[i], 13);
    }
    expect(r.defaulted.includes(1)).toBe(true);
    const least = xosValuation(shocked, { bound: "least" });
    close(least.payments, Array.from(r.payments), 12);
  });

  it("without holdings it is Eisenberg–Noe (C1, C4)", () => {
    for (const net of [dense(C1.e, C1.L), dense(C4.e, C4.L, C4.el)]) {
      close(xosValuation(net).payments, Array.from(clearNetwork(net, { model: "en" }).payments), 12);
    }
  });
});

describe("clear()", () => {
  it("dispatches every model and reports one shape", () => {
    const net = compileNetwork(denseSpec(C4.e, [C4.L], C4.el));
    expect(clear(net, { model: "furfine" }).rounds).toBe(3);
    close(
      clear(net, { model: "rv", alpha: 0.98, beta: 0.98 }).payments,
      [1.65489400768684, 3.5, 3.84889806376655],
    );
    expect(clear(net, { model: "elsinger" }).paymentsByLayer).toHaveLength(1);
    expect(() => clear(net, { model: "nope" as "en" })).toThrow(/invalid model/);
  });
});
