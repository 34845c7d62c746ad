import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEBTRANK_VARIANTS,
  type DebtRankVariant,
  debtRank,
  debtRankOfEachNode,
} from "../../src/finance/debtrank/index.js";
import { compileNetwork, type Network } from "../../src/finance/network.js";
import { NRM } from "./fixtures.js";

const shockOf = (net: Network, values: Record<string, number>) =>
  Float64Array.from(net.ids, (id) => values[id] ?? 0);

describe("debtRank() single-hit reproduces NetworkRiskMeasures (Battiston et al. 2012)", () => {
  const net = compileNetwork(NRM);
  // Published in the package README: debt_rank(assets_matrix, buffer, weights).
  it.each([
    ["a", 0.9285714, 2],
    ["b", 0.25, 1],
    ["c", 0.6642857, 0],
  ])("defaulting %s gives additional stress %f and %i additional defaults", (id, stress, defaults) => {
    const result = debtRank(net, shockOf(net, { [id]: 1 }), { variant: "single-hit" });
    expect(result.additionalStress).toBeCloseTo(stress, 7);
    expect(result.additionalDefaults).toBe(defaults);
  });

  it("debtRankOfEachNode() gives the whole published table in one call", () => {
    const table = debtRankOfEachNode(net, { variant: "single-hit" });
    expect(table.map((r) => [r.node, Number(r.additionalStress.toFixed(7)), r.additionalDefaults])).toEqual([
      [0, 0.9285714, 2],
      [1, 0.25, 1],
      [2, 0.6642857, 0],
    ]);
  });

  it("exact values by hand: defaulting c leaves stress (3/10, 9/10, 1) and additional stress 93/140", () => {
    const result = debtRank(net, shockOf(net, { c: 1 }), { variant: "single-hit" });
    expect(Array.from(result.h)).toEqual([expect.closeTo(0.3, 15), expect.closeTo(0.9, 15), 1]);
    expect(result.additionalStress).toBeCloseTo(93 / 140, 15);
    expect(result.converged).toBe(true);
  });

  it("a 10% shock to every node gives final stress (0.15, 0.26, 0.30) and 16.07% additional stress", () => {
    const result = debtRank(net, shockOf(net, { a: 0.1, b: 0.1, c: 0.1 }), { variant: "single-hit" });
    expect(result.h[0]).toBeCloseTo(0.15, 14);
    expect(result.h[1]).toBeCloseTo(0.26, 14);
    expect(result.h[2]).toBeCloseTo(0.3, 14);
    expect(result.additionalStress).toBeCloseTo(2.25 / 14, 14);
    expect(result.defaulted).toEqual([]);
  });
});

describe("debtRank() Bardoscia et al. 2015", () => {
  it("propagates every increase (uncapped Λ): the NRM network under a 10% shock ends at (3/5, 1, 1), 61/70", () => {
    // By hand with exact fractions: h(2) = (3/20, 9/25, 7/20), h(3) = (7/25, 61/100, 137/200),
    // h(4) = (81/200, 1, 1), h(5) = (3/5, 1, 1) = h(6).
    const net = compileNetwork(NRM);
    const result = debtRank(net, shockOf(net, { a: 0.1, b: 0.1, c: 0.1 }));
    expect(result.variant).toBe("bardoscia");
    expect(result.h[0]).toBeCloseTo(0.6, 14);
    expect(Array.from(result.h.subarray(1))).toEqual([1, 1]);
    expect(result.additionalStress).toBeCloseTo(61 / 70, 14);
    expect(result.defaulted).toEqual([1, 2]);
    expect(result.additionalDefaults).toBe(2);
    expect([result.converged, result.iterations]).toEqual([true, 6]);
  });

  it("sums the geometric series on a two-node loop: h_A = h0/(1 − Λ_AB Λ_BA)", () => {
    // A and B each owe the other half the creditor's buffer: Λ = 1/2 both ways. Shock A by 0.3:
    // h_A = 0.3 + h_B/2, h_B = h_A/2, so h_A = 0.4 and h_B = 0.2; equal weights give 0.15 additional.
    const net = compileNetwork({
      nodes: [
        { id: "A", buffer: 10 },
        { id: "B", buffer: 10 },
      ],
      liabilities: [
        { from: "A", to: "B", amount: 5 },
        { from: "B", to: "A", amount: 5 },
      ],
    });
    const result = debtRank(net, Float64Array.of(0.3, 0));
    expect(result.h[0]).toBeCloseTo(0.4, 14);
    expect(result.h[1]).toBeCloseTo(0.2, 14);
    expect(result.additionalStress).toBeCloseTo(0.15, 14);
    expect(result.converged).toBe(true);
  });

  it("stops at the iteration limit and says so", () => {
    const net = compileNetwork({
      nodes: [
        { id: "A", buffer: 10 },
        { id: "B", buffer: 10 },
      ],
      liabilities: [
        { from: "A", to: "B", amount: 9.99 },
        { from: "B", to: "A", amount: 9.99 },
      ],
    });
    const result = debtRank(net, Float64Array.of(0.001, 0), { maxIterations: 5 });
    expect([result.converged, result.reason, result.iterations]).toEqual([false, "iteration limit", 5]);
  });

  it("a zero buffer makes any loss a default (Bardoscia, threshold)", () => {
    const net = compileNetwork({
      nodes: [{ id: "A", buffer: 1 }, { id: "B", buffer: 0 }, { id: "C" }],
      liabilities: [{ from: "A", to: "B", amount: 1 }],
    });
    for (const variant of ["bardoscia", "threshold"] as const) {
      const result = debtRank(net, Float64Array.of(variant === "threshold" ? 1 : 1e-6, 0, 0), { variant });
      expect(Array.from(result.h.subarray(1))).toEqual([1, 0]);
    }
    // Battiston et al. cap each impact at 1: B takes on A's stress, no more.
    expect(debtRank(net, Float64Array.of(1e-6, 0, 0), { variant: "single-hit" }).h[1]).toBe(1e-6);
  });
});

describe("debtRank() threshold cascade", () => {
  it("passes on a loss only from a default: partial stress stays put", () => {
    // C is exposed to B for 60% of its buffer, B to A for its whole buffer.
    const net = compileNetwork({
      nodes: [
        { id: "A", buffer: 1 },
        { id: "B", buffer: 10 },
        { id: "C", buffer: 10 },
      ],
      liabilities: [
        { from: "A", to: "B", amount: 10 },
        { from: "B", to: "C", amount: 6 },
      ],
    });
    const partial = debtRank(net, Float64Array.of(0.9, 0, 0), { variant: "threshold" });
    expect(Array.from(partial.h)).toEqual([0.9, 0, 0]);
    const full = debtRank(net, Float64Array.of(1, 0, 0), { variant: "threshold" });
    expect(Array.from(full.h)).toEqual([1, 1, 0.6]);
    expect(full.defaulted).toEqual([0, 1]);
    expect(full.additionalStress).toBeCloseTo(1.6 / 3, 15);
  });
});

describe("debtRank() edge cases and bad input", () => {
  it("an empty network and a zero shock change nothing", () => {
    const empty = debtRank(compileNetwork({ nodes: [] }), new Float64Array(0));
    expect([empty.h.length, empty.additionalStress, empty.converged]).toEqual([0, 0, true]);
    const net = compileNetwork(NRM);
    for (const variant of DEBTRANK_VARIANTS) {
      const result = debtRank(net, new Float64Array(3), { variant });
      expect([Array.from(result.h), result.additionalStress]).toEqual([[0, 0, 0], 0]);
    }
  });

  it("rejects a shock outside [0, 1], NaN, a wrong length, a missing buffer and a partial set of weights", () => {
    const net = compileNetwork(NRM);
    expect(() => debtRank(net, Float64Array.of(1.5, 0, 0))).toThrow("invalid shock[a]: 1.5");
    expect(() => debtRank(net, Float64Array.of(Number.NaN, 0, 0))).toThrow("invalid shock[a]: NaN");
    expect(() => debtRank(net, Float64Array.of(0, 0))).toThrow("invalid shock length: 2");
    const noBuffer = compileNetwork({
      ...NRM,
      nodes: NRM.nodes.map((node, i) => (i === 1 ? { id: "b", weight: 100 } : node)),
    });
    expect(() => debtRank(noBuffer, new Float64Array(3))).toThrow("invalid nodes[1].buffer: missing");
    const someWeights = compileNetwork({
      ...NRM,
      nodes: NRM.nodes.map((node, i) => (i ? node : { id: "a", buffer: 2 })),
    });
    expect(() => debtRank(someWeights, new Float64Array(3))).toThrow("invalid nodes[0].weight: missing");
    expect(() => debtRank(net, new Float64Array(3), { variant: "pagerank" as DebtRankVariant })).toThrow(
      "invalid variant: pagerank",
    );
  });

  it("uses equal weights when no node has one", () => {
    const net = compileNetwork({ ...NRM, nodes: NRM.nodes.map(({ id, buffer }) => ({ id, buffer })) });
    const result = debtRank(net, shockOf(net, { c: 1 }), { variant: "single-hit" });
    expect(result.additionalStress).toBeCloseTo((0.3 + 0.9) / 3, 15);
  });

  it("single-hit is not monotone in the shock: stressing B early makes it pass on only that little", () => {
    // Chain A → B → C (B is exposed to A, C to B, each for its whole buffer).
    const net = compileNetwork({
      nodes: [
        { id: "A", buffer: 1 },
        { id: "B", buffer: 1 },
        { id: "C", buffer: 1 },
      ],
      liabilities: [
        { from: "A", to: "B", amount: 1 },
        { from: "B", to: "C", amount: 1 },
      ],
    });
    const alone = debtRank(net, Float64Array.of(1, 0, 0), { variant: "single-hit" });
    const more = debtRank(net, Float64Array.of(1, 0.01, 0), { variant: "single-hit" });
    expect([alone.h[2], more.h[2]]).toEqual([1, 0.01]);
    expect(debtRank(net, Float64Array.of(1, 0.01, 0)).h[2]).toBe(1);
  });
});

/** Random small networks: n nodes, liabilities with positive amounts, buffers, and a shock in [0, 1]. */
const networkAndShock = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(
      fc.record({
        from: fc.integer({ min: 0, max: n - 1 }),
        to: fc.integer({ min: 0, max: n - 1 }),
        amount: fc.double({ min: 0.01, max: 20, noNaN: true }),
      }),
      { maxLength: 3 * n },
    ),
    buffers: fc.array(fc.double({ min: 0.5, max: 20, noNaN: true }), { minLength: n, maxLength: n }),
    shock: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
    extra: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
  }),
);

function build(sample: {
  n: number;
  edges: { from: number; to: number; amount: number }[];
  buffers: number[];
}) {
  return compileNetwork({
    nodes: sample.buffers.map((buffer, i) => ({ id: `N${i}`, buffer, weight: i + 1 })),
    liabilities: sample.edges
      .filter((e) => e.from !== e.to)
      .map((e) => ({ from: `N${e.from}`, to: `N${e.to}`, amount: e.amount })),
  });
}

describe("debtRank() properties", () => {
  it("keeps stress in [h(1), 1] and the additional stress in [0, 1] for every variant", () => {
    fc.assert(
      fc.property(networkAndShock, (sample) => {
        const net = build(sample);
        const shock = Float64Array.from(sample.shock);
        for (const variant of DEBTRANK_VARIANTS) {
          const r = debtRank(net, shock, { variant });
          r.h.forEach((h, i) => {
            expect(h).toBeGreaterThanOrEqual(shock[i]);
            expect(h).toBeLessThanOrEqual(1);
          });
          expect(r.additionalStress).toBeGreaterThanOrEqual(-1e-15);
          expect(r.additionalStress).toBeLessThanOrEqual(1 + 1e-15);
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("Bardoscia's limit is a fixed point of h ↦ min(1, h(1) + Λh)", () => {
    fc.assert(
      fc.property(networkAndShock, (sample) => {
        const net = build(sample);
        const shock = Float64Array.from(sample.shock);
        const r = debtRank(net, shock);
        if (!r.converged) return;
        const image = Float64Array.from(shock);
        const { start, creditor, amount } = net.liabilities;
        for (let j = 0; j < net.n; j++)
          for (let k = start[j]; k < start[j + 1]; k++)
            image[creditor[k]] += (amount[k] / net.buffer[creditor[k]]) * r.h[j];
        image.forEach((v, i) => {
          expect(Math.abs(Math.min(1, v) - r.h[i])).toBeLessThan(1e-9);
        });
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("Bardoscia and threshold stress are monotone in the initial shock", () => {
    fc.assert(
      fc.property(networkAndShock, (sample) => {
        const net = build(sample);
        const low = Float64Array.from(sample.shock);
        const high = Float64Array.from(low, (v, i) => Math.min(1, v + sample.extra[i] * (1 - v)));
        // Round some shocks to a default so that the threshold cascade has something to pass on.
        for (let i = 0; i < net.n; i += 2) high[i] = high[i] > 0.5 ? 1 : high[i];
        for (const variant of ["bardoscia", "threshold"] as const) {
          const a = debtRank(net, low, { variant });
          const b = debtRank(net, high, { variant });
          a.h.forEach((h, i) => {
            expect(b.h[i]).toBeGreaterThanOrEqual(h - 1e-12);
          });
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
