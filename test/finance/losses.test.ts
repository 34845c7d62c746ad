import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankImportance, systemicImportance } from "../../src/finance/importance/index.js";
import { accountLosses } from "../../src/finance/losses/index.js";
import { compileNetwork, type NetworkSpec } from "../../src/finance/network.js";
import { C2, C2_EN_LOSSES, CFS_PAIR, CHAIN, edgesArbitrary } from "./fixtures.js";

/**
 * contagion.md C2 (Rogers–Veraart 2013 via NetworkValuation): after the shock e = (10, 5, 5),
 * L = [[0, 30, 0], [5, 0, 20], [10, 0, 0]]. Before it node 1 had 40, so its direct loss is 30.
 * EN: p = (25, 25, 10); RV α = 0.4, β = 1: p = (18, 20, 10), equity (−6, −2, 11).
 */
const SHOCKED = Float64Array.of(10, 5, 5);

describe("accountLosses() by hand on contagion.md C2", () => {
  it("EN: node 2 loses node 1's shortfall of 5; value destroyed equals the shock", () => {
    const account = accountLosses(compileNetwork(C2), SHOCKED);
    expect(Array.from(account.byNode.direct)).toEqual([30, 0, 0]);
    expect(Array.from(account.byNode.clearing)).toEqual([0, 5, 0]);
    expect(Array.from(account.byNode.defaultCost)).toEqual([0, 0, 0]);
    expect(Array.from(account.byNode.total)).toEqual([30, 5, 0]);
    expect(account.network).toEqual(C2_EN_LOSSES);
    // Face-value equity (25, 10, 15) becomes (−5, 5, 15): shareholders lose 25 + 5 = 30.
    expect(account.systemLoss).toBeCloseTo(30, 12);
    expect(Array.from(account.payments)).toEqual([25, 25, 10]);
  });

  it("RV α = 0.4: default costs of 7 and 5 fall on nodes 1–3 as (1, 7, 4); 9 of value is destroyed on top", () => {
    const account = accountLosses(compileNetwork(C2), SHOCKED, { model: "rv", alpha: 0.4, beta: 1 });
    expect(Array.from(account.payments)).toEqual([
      expect.closeTo(18, 12),
      expect.closeTo(20, 12),
      expect.closeTo(10, 12),
    ]);
    const close = (values: Float64Array) => Array.from(values, (v) => Number(v.toFixed(10)));
    expect(close(account.byNode.clearing)).toEqual([0, 5, 0]);
    expect(close(account.byNode.defaultCost)).toEqual([1, 7, 4]);
    expect(close(account.byNode.total)).toEqual([31, 12, 4]);
    expect(account.network.total).toBeCloseTo(47, 12);
    expect(account.network.amplification).toBeCloseTo(47 / 30, 12);
    // Dead weight: node 1 loses 0.6 × 10 of external assets, node 2 0.6 × 5.
    expect(account.systemLoss).toBeCloseTo(39, 12);
    expect(account.systemAmplification).toBeCloseTo(1.3, 12);
    const bank = account.byKind.get("bank")!;
    const fund = account.byKind.get("fund")!;
    expect([bank.direct, bank.total, fund.direct, fund.total]).toEqual([
      30,
      expect.closeTo(43, 12),
      0,
      expect.closeTo(4, 12),
    ]);
    expect(fund.amplification).toBeNaN();
    expect(Array.from(account.defaulted)).toEqual([1, 1, 0]);
  });

  it("counts the shortfall to outside creditors", () => {
    // A owes 6 to B and 4 outside and has 5: it pays 5, B gets 3, outsiders 2.
    const net = compileNetwork({
      nodes: [{ id: "A", externalAssets: 10, externalLiabilities: 4 }, { id: "B" }],
      liabilities: [{ from: "A", to: "B", amount: 6 }],
    });
    const account = accountLosses(net, Float64Array.of(5, 0));
    expect(Array.from(account.byNode.clearing)).toEqual([0, 3]);
    expect(account.outside).toEqual({ clearing: 2, defaultCost: 0, fireSale: 0, total: 2 });
    expect(account.systemLoss).toBeCloseTo(5, 14);
  });
});

describe("accountLosses() with fire sales", () => {
  it("splits the joint equilibrium's loss into mark-to-market and extra shortfall", () => {
    // The two-equilibrium network of the joint fire-sale test: A (12, of which 10 marketable) owes B 10;
    // B has 5 and owes 13 outside; λ = 6. Shock A's external assets from 13 to 12 (marketable stays 10):
    // the least equilibrium is d = 0, so the fire-sale part is 0. With λ = 5.5 A must sell at d = 0 already.
    const spec: NetworkSpec = {
      ...CFS_PAIR,
      nodes: [{ ...CFS_PAIR.nodes[0], externalAssets: 13 }, CFS_PAIR.nodes[1]],
    };
    const calm = accountLosses(compileNetwork(spec), Float64Array.of(12, 5), { fireSale: true });
    expect([calm.discount, calm.network.fireSale, calm.network.total]).toEqual([0, 0, 1]);

    const tight = accountLosses(compileNetwork({ ...spec, leverageThreshold: 5.5 }), Float64Array.of(12, 5), {
      fireSale: true,
    });
    // At d: A's equity 2 − 10d, leverage target 5.5 ⇒ s = (1 + 45d)/(10(1 − d)); d = 0.5 s ⇒
    // 10d(1 − d) = 0.5 + 22.5d ⇒ 10d² + 12.5d + 0.5 = 0 has no root in [0, 1): A sells until wiped out,
    // d = 1/2 (s = 1), A pays 7, B 12.
    expect(tight.discount).toBe(0.5);
    expect(Array.from(tight.payments)).toEqual([7, 12]);
    expect(Array.from(tight.byNode.fireSale)).toEqual([5, 3]);
    expect(tight.outside).toEqual({ clearing: 0, defaultCost: 0, fireSale: 1, total: 1 });
    const parts = tight.network;
    expect(parts.direct + parts.clearing + parts.defaultCost + parts.fireSale).toBe(parts.total);
    expect(parts.total).toBe(9);
  });
});

describe("systemicImportance()", () => {
  // Chain A → B → C, 100 each; A holds 100 outside, C 10.
  const chain = compileNetwork(CHAIN);

  it("wiping out A defaults A and B and costs B and C 100 each", () => {
    const list = systemicImportance(chain);
    expect(list[0]).toMatchObject({
      id: "A",
      kind: "lab",
      directLoss: 100,
      inducedDefaults: [1],
      selfDefault: true,
      inducedLoss: 200,
      totalLoss: 300,
      systemLoss: 100,
      amplification: 3,
    });
    expect(list[2]).toMatchObject({
      id: "C",
      directLoss: 10,
      inducedDefaults: [],
      inducedLoss: 0,
      amplification: 1,
    });
    expect(list[1].amplification).toBeNaN();
  });

  it("ranks by induced loss, NaN and ties last in node order", () => {
    const ranked = rankImportance(systemicImportance(chain));
    expect(ranked.map((x) => x.id)).toEqual(["A", "B", "C"]);
    expect(rankImportance(systemicImportance(chain), "amplification").map((x) => x.id)).toEqual([
      "A",
      "C",
      "B",
    ]);
    expect(rankImportance(systemicImportance(chain, { shockFraction: 0.5 }), "inducedDefaults")[0].id).toBe(
      "A",
    );
  });

  it("a half shock to A leaves B whole: A pays 50 and B passes on 50", () => {
    const a = systemicImportance(chain, { shockFraction: 0.5 })[0];
    expect([a.directLoss, a.inducedDefaults, a.inducedLoss]).toEqual([50, [1], 100]);
    expect(() => systemicImportance(chain, { shockFraction: 2 })).toThrow("invalid shockFraction: 2");
  });
});

describe("loss accounting properties", () => {
  const sample = fc.integer({ min: 2, max: 7 }).chain((n) =>
    fc.record({
      nodes: fc.array(
        fc.record({
          cushion: fc.double({ min: 0, max: 40, noNaN: true }),
          shock: fc.double({ min: 0, max: 1, noNaN: true }),
          externalLiabilities: fc.double({ min: 0, max: 20, noNaN: true }),
          marketableShare: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        { minLength: n, maxLength: n },
      ),
      edges: edgesArbitrary(n),
      alpha: fc.double({ min: 0, max: 1, noNaN: true }),
      beta: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  );

  it("parts sum to the total; EN destroys exactly the shock, RV and fire sales at least as much", () => {
    fc.assert(
      fc.property(sample, (s) => {
        const edges = s.edges.filter((e) => e.from !== e.to);
        // External assets cover every obligation, so nobody is insolvent before the shock.
        const owed = s.nodes.map((node, i) =>
          edges.filter((e) => e.from === i).reduce((sum, e) => sum + e.amount, node.externalLiabilities),
        );
        const net = compileNetwork({
          nodes: s.nodes.map((node, i) => ({
            id: `N${i}`,
            kind: i % 2 ? "odd" : "even",
            externalAssets: owed[i] + node.cushion,
            externalLiabilities: node.externalLiabilities,
            marketable: (owed[i] + node.cushion) * node.marketableShare,
          })),
          liabilities: edges.map((e) => ({ from: `N${e.from}`, to: `N${e.to}`, amount: e.amount })),
          leverageThreshold: 3,
          priceImpact: { kind: "sqrt", k: 1e-3 },
        });
        const shocked = Float64Array.from(net.externalAssets, (e, i) => e * (1 - s.nodes[i].shock));
        const scale = 1 + net.externalAssets.reduce((a, b) => a + b, 0);
        const en = accountLosses(net, shocked);
        expect(Math.abs(en.systemLoss - en.network.direct)).toBeLessThan(1e-9 * scale);
        const rv = accountLosses(net, shocked, { model: "rv", alpha: s.alpha, beta: s.beta });
        const fire = accountLosses(net, shocked, {
          model: "rv",
          alpha: s.alpha,
          beta: s.beta,
          fireSale: true,
        });
        expect(rv.systemLoss).toBeGreaterThanOrEqual(en.systemLoss - 1e-9 * scale);
        expect(fire.systemLoss).toBeGreaterThanOrEqual(rv.systemLoss - 1e-9 * scale);
        for (const account of [en, rv, fire]) {
          expect(account.converged).toBe(true);
          const { direct, clearing, defaultCost, fireSale, total } = account.byNode;
          total.forEach((t, i) => {
            expect(Math.abs(direct[i] + clearing[i] + defaultCost[i] + fireSale[i] - t)).toBeLessThan(
              1e-9 * scale,
            );
            expect(clearing[i]).toBeGreaterThanOrEqual(-1e-9 * scale);
            expect(defaultCost[i]).toBeGreaterThanOrEqual(-1e-9 * scale);
            expect(fireSale[i]).toBeGreaterThanOrEqual(-1e-9 * scale);
          });
          const byKind = [...account.byKind.values()].reduce((sum, p) => sum + p.total, 0);
          expect(Math.abs(byKind - account.network.total)).toBeLessThan(1e-9 * scale);
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });
});
