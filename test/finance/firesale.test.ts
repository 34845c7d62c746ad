import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  discountFor,
  fireSaleEquilibria,
  holderSaleShare,
  jointFireSaleEquilibria,
} from "../../src/finance/firesale/index.js";
import { compileNetwork, type Network, type PriceImpact } from "../../src/finance/network.js";
import { BSU, CFS_PAIR, edgesArbitrary } from "./fixtures.js";

/** G(d) = f(Σ s_i(d) M_i) for the holders of `net`. */
function discountMap(net: Network, d: number): number {
  let q = 0;
  for (let i = 0; i < net.n; i++) q += holderSaleShare(net, i, d, net.leverageThreshold!) * net.marketable[i];
  return discountFor(net.priceImpact!, q);
}

describe("discountFor()", () => {
  it("gives √(kq), kq and 1 − e^(−kq), capped at 1, and 0 for no sales", () => {
    const impact = (kind: PriceImpact["kind"], k: number): PriceImpact => ({ kind, k });
    expect(discountFor(impact("sqrt", 0.000022), 100)).toBeCloseTo(Math.sqrt(0.0022), 15);
    expect(discountFor(impact("linear", 0.01), 30)).toBeCloseTo(0.3, 15);
    expect(discountFor(impact("exponential", 0.01), 30)).toBeCloseTo(1 - Math.exp(-0.3), 15);
    expect(discountFor(impact("sqrt", 1), 4)).toBe(1);
    expect(discountFor(impact("linear", 1), 4)).toBe(1);
    expect(discountFor(impact("exponential", 1), 0)).toBe(0);
    expect(discountFor(impact("exponential", 1e-20), 1)).toBeCloseTo(1e-20, 30);
  });
});

describe("fireSaleEquilibria() reproduces Breuer–Summer–Urošević appendix A3", () => {
  const net = compileNetwork(BSU);
  const result = fireSaleEquilibria(net);

  it("finds the least equilibrium 0.0564801 (bank 1 sells everything) from no sales", () => {
    expect(result.lower.discount).toBeCloseTo(0.0564801, 7);
    expect(result.lower.discount).toBeCloseTo(Math.sqrt(0.000022 * 145), 14);
    expect(Array.from(result.lower.saleShare)).toEqual([1, 0, 0]);
    expect(result.lower.converged).toBe(true);
  });

  it("finds the greatest equilibrium 0.13914 (everyone sells everything) from full sales", () => {
    expect(result.upper.discount).toBeCloseTo(0.13914, 5);
    expect(result.upper.discount).toBeCloseTo(Math.sqrt(0.000022 * 880), 14);
    expect(Array.from(result.upper.saleShare)).toEqual([1, 1, 1]);
    expect(result.unique).toBe(false);
  });

  it("has the published middle equilibrium 0.114085 between them (a fixed point neither iteration reaches)", () => {
    expect(discountMap(net, 0.114085)).toBeCloseTo(0.114085, 5);
    expect(discountMap(net, 0.1)).toBeLessThan(0.1);
  });
});

describe("fireSaleEquilibria() exact small cases", () => {
  it("one holder, linear impact: the quadratic's smaller root d = 1/20 with share 14/19, unique", () => {
    // E = 10, M = 100, I = 0, λ = 5: s(d) = (1/2 + 4d)/(1 − d); with k = 19/28000, d = kMs solves
    // d² − (1 − 4kM)d + kM/2 = 0, roots 1/20 and 19/28; s clamps at 1 long before the second.
    const net = compileNetwork({
      nodes: [{ id: "H", equity: 10, marketable: 100, illiquid: 0 }],
      leverageThreshold: 5,
      priceImpact: { kind: "linear", k: 19 / 28000 },
    });
    const result = fireSaleEquilibria(net);
    for (const side of [result.lower, result.upper]) {
      expect(side.discount).toBeCloseTo(1 / 20, 13);
      expect(side.saleShare[0]).toBeCloseTo(14 / 19, 12);
      expect(side.quantitySold).toBeCloseTo(1400 / 19, 10);
    }
    expect(result.unique).toBe(true);
  });

  it("two equilibria: nobody sells at price 1, everybody sells and the holder is wiped out at 1/2", () => {
    // E = 10, M = 50, I = 50, λ = 10: leverage is exactly 10 at d = 0; any discount makes it sell.
    const net = compileNetwork({
      nodes: [{ id: "H", equity: 10, marketable: 50, illiquid: 50 }],
      leverageThreshold: 10,
      priceImpact: { kind: "linear", k: 0.01 },
    });
    const result = fireSaleEquilibria(net);
    expect([result.lower.discount, result.lower.saleShare[0]]).toEqual([0, 0]);
    expect([result.upper.discount, result.upper.saleShare[0]]).toEqual([0.5, 1]);
    expect(result.unique).toBe(false);
  });

  it("nodes without equity figures are not holders; no holders means no sales", () => {
    const net = compileNetwork({
      nodes: [{ id: "A" }, { id: "B", equity: 5 }],
      leverageThreshold: 10,
      priceImpact: { kind: "exponential", k: 1 },
    });
    const result = fireSaleEquilibria(net);
    expect(result.holders).toEqual([1]);
    expect([result.lower.discount, result.upper.discount, result.unique]).toEqual([0, 0, true]);
  });

  it("rejects a missing threshold or impact, a threshold below 1, and marketable assets without equity", () => {
    const base = { nodes: [{ id: "A", equity: 1, marketable: 1 }] };
    expect(() =>
      fireSaleEquilibria(compileNetwork({ ...base, priceImpact: { kind: "sqrt", k: 1 } })),
    ).toThrow("invalid leverageThreshold: missing");
    expect(() => fireSaleEquilibria(compileNetwork({ ...base, leverageThreshold: 2 }))).toThrow(
      "invalid priceImpact: missing",
    );
    expect(() =>
      fireSaleEquilibria(
        compileNetwork({ ...base, leverageThreshold: 0.5, priceImpact: { kind: "sqrt", k: 1 } }),
      ),
    ).toThrow("invalid leverageThreshold: 0.5");
    expect(() =>
      fireSaleEquilibria(
        compileNetwork({
          nodes: [{ id: "A", marketable: 1 }],
          leverageThreshold: 2,
          priceImpact: { kind: "sqrt", k: 1 },
        }),
      ),
    ).toThrow("invalid nodes[0].equity: missing");
    expect(() =>
      fireSaleEquilibria(
        compileNetwork({ ...base, leverageThreshold: 2, priceImpact: { kind: "cubic" as "sqrt", k: 1 } }),
      ),
    ).toThrow("invalid priceImpact.kind: cubic");
  });
});

describe("jointFireSaleEquilibria() (Cifuentes–Ferrucci–Shin)", () => {
  const spec = CFS_PAIR;

  it("two equilibria: no sales and everyone paid, or price 1/2 with A and then B in default", () => {
    const result = jointFireSaleEquilibria(compileNetwork(spec));
    expect(result.holders).toEqual([0]);
    const { lower, upper } = result;
    expect([
      lower.discount,
      lower.saleShare[0],
      Array.from(lower.payments),
      Array.from(lower.defaulted),
    ]).toEqual([0, 0, [10, 13], [0, 0]]);
    // At d = 1/2 A has 12 − 5 = 7 to pay 10; B receives 7 and has 12 for 13.
    expect(upper.discount).toBe(0.5);
    expect(upper.saleShare[0]).toBe(1);
    expect(Array.from(upper.payments)).toEqual([7, 12]);
    expect(Array.from(upper.defaulted)).toEqual([1, 1]);
    expect(Array.from(upper.equity)).toEqual([-3, -1]);
    expect(result.unique).toBe(false);
  });

  it("one interior equilibrium: d = 1/25, A sells 3/8 and stays solvent", () => {
    // λ = 5, k = 4/375: A's equity 2 − 10d, assets 12 − 10d, s = (2 + 40d)/(10(1 − d)); d = 10ks solves
    // d² − (1 − 400k)d + 20k = 0 with roots 1/25 and 8/15.
    const result = jointFireSaleEquilibria(
      compileNetwork({ ...spec, leverageThreshold: 5, priceImpact: { kind: "linear", k: 4 / 375 } }),
    );
    for (const side of [result.lower, result.upper]) {
      expect(side.discount).toBeCloseTo(1 / 25, 13);
      expect(side.saleShare[0]).toBeCloseTo(3 / 8, 12);
      expect(Array.from(side.payments)).toEqual([10, 13]);
    }
    expect(result.unique).toBe(true);
  });

  it("matches the holders-only model when nobody owes anybody", () => {
    // Without liabilities, equity = external assets, so E = e, I = e − M.
    const joint = jointFireSaleEquilibria(
      compileNetwork({
        nodes: BSU.nodes.map((n) => ({
          id: n.id,
          externalAssets: n.equity,
          marketable: Math.min(n.marketable!, n.equity!),
        })),
        leverageThreshold: 3,
        priceImpact: { kind: "sqrt", k: 0.001 },
      }),
    );
    const alone = fireSaleEquilibria(
      compileNetwork({
        nodes: BSU.nodes.map((n) => {
          const m = Math.min(n.marketable!, n.equity!);
          return { id: n.id, equity: n.equity, marketable: m, illiquid: n.equity! - m };
        }),
        leverageThreshold: 3,
        priceImpact: { kind: "sqrt", k: 0.001 },
      }),
    );
    expect(joint.lower.discount).toBeCloseTo(alone.lower.discount, 14);
    expect(joint.upper.discount).toBeCloseTo(alone.upper.discount, 14);
  });

  it("rejects marketable assets larger than the external assets that contain them", () => {
    const net = compileNetwork({
      ...spec,
      nodes: [{ id: "A", externalAssets: 1, marketable: 2 }, { id: "B" }],
    });
    expect(() => jointFireSaleEquilibria(net)).toThrow("invalid nodes[0].marketable: 2");
  });
});

const impactKinds = fc.constantFrom<PriceImpact["kind"]>("sqrt", "linear", "exponential");

const holders = fc.record({
  nodes: fc.array(
    fc.record({
      equity: fc.double({ min: -5, max: 50, noNaN: true }),
      marketable: fc.double({ min: 0, max: 200, noNaN: true }),
      illiquid: fc.double({ min: 0, max: 500, noNaN: true }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  threshold: fc.double({ min: 1, max: 40, noNaN: true }),
  kind: impactKinds,
  k: fc.double({ min: 1e-6, max: 0.01, noNaN: true }),
});

describe("fire-sale properties", () => {
  it("least ≤ greatest, both are fixed points of the discount map, shares in [0, 1] and ordered", () => {
    fc.assert(
      fc.property(holders, (sample) => {
        const net = compileNetwork({
          nodes: sample.nodes.map((n, i) => ({ id: `H${i}`, ...n })),
          leverageThreshold: sample.threshold,
          priceImpact: { kind: sample.kind, k: sample.k },
        });
        const { lower, upper } = fireSaleEquilibria(net);
        expect(lower.converged && upper.converged).toBe(true);
        expect(lower.discount).toBeLessThanOrEqual(upper.discount + 1e-12);
        for (const side of [lower, upper]) {
          expect(Math.abs(discountMap(net, side.discount) - side.discount)).toBeLessThan(1e-9);
          side.saleShare.forEach((s) => {
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(1);
          });
        }
        lower.saleShare.forEach((s, i) => {
          expect(s).toBeLessThanOrEqual(upper.saleShare[i] + 1e-9);
        });
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("joint equilibria: least ≤ greatest, fixed points, 0 ≤ payments ≤ obligations", () => {
    const sample = fc.integer({ min: 2, max: 6 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        nodes: fc.array(
          fc.record({
            externalAssets: fc.double({ min: 0, max: 50, noNaN: true }),
            marketableShare: fc.double({ min: 0, max: 1, noNaN: true }),
            externalLiabilities: fc.double({ min: 0, max: 30, noNaN: true }),
          }),
          { minLength: n, maxLength: n },
        ),
        edges: edgesArbitrary(n),
        threshold: fc.double({ min: 1, max: 20, noNaN: true }),
        kind: impactKinds,
        k: fc.double({ min: 1e-4, max: 0.05, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(sample, (s) => {
        const net = compileNetwork({
          nodes: s.nodes.map((node, i) => ({
            id: `N${i}`,
            externalAssets: node.externalAssets,
            externalLiabilities: node.externalLiabilities,
            marketable: node.externalAssets * node.marketableShare,
          })),
          liabilities: s.edges
            .filter((e) => e.from !== e.to)
            .map((e) => ({ from: `N${e.from}`, to: `N${e.to}`, amount: e.amount })),
          leverageThreshold: s.threshold,
          priceImpact: { kind: s.kind, k: s.k },
        });
        const result = jointFireSaleEquilibria(net);
        const { lower, upper } = result;
        expect(lower.discount).toBeLessThanOrEqual(upper.discount + 1e-12);
        const pbar = Float64Array.from(net.externalLiabilities);
        const { start, amount } = net.liabilities;
        for (let i = 0; i < net.n; i++) for (let k = start[i]; k < start[i + 1]; k++) pbar[i] += amount[k];
        for (const side of [lower, upper]) {
          expect(side.converged && side.clearingConverged).toBe(true);
          expect(Math.abs(discountFor(net.priceImpact!, side.quantitySold) - side.discount)).toBeLessThan(
            1e-9,
          );
          side.payments.forEach((p, i) => {
            expect(p).toBeGreaterThanOrEqual(-1e-12);
            expect(p).toBeLessThanOrEqual(pbar[i] * (1 + 1e-12));
            expect(p).toBeLessThanOrEqual(lower.payments[i] + 1e-9 * (1 + pbar[i]));
          });
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });
});
