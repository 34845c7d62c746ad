import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createValuationWorkspace, valueNetwork } from "../../src/finance/clearing/index.js";
import { CsrBuffers, compileNetwork, liabilityCsr, type Network } from "../../src/finance/network.js";

const RUNS = { seed: 11, numRuns: 100 };

/** Layered networks of up to 8 nodes with equity and debt holdings (amounts in cents, zero at times). */
const layeredNetworkArb = fc.integer({ min: 1, max: 8 }).chain((n) => {
  const node = fc.integer({ min: 0, max: n - 1 });
  const cents = fc.oneof(
    fc.constant(0),
    fc.integer({ min: 1, max: 5_000 }).map((c) => c / 100),
  );
  const holding = fc.record({ holder: node, issuer: node, fraction: fc.integer({ min: 0, max: 40 }) });
  return fc.record({
    nodes: fc.array(fc.record({ e: cents, el: cents, layer: fc.integer({ min: 1, max: 3 }) }), {
      minLength: n,
      maxLength: n,
    }),
    liabilities: fc.array(
      fc.record({ from: node, to: node, amount: cents, layer: fc.integer({ min: 1, max: 3 }) }),
      {
        maxLength: 3 * n,
      },
    ),
    equity: fc.array(holding, { maxLength: n }),
    debt: fc.array(holding, { maxLength: n }),
  });
});

type LayeredNetwork = typeof layeredNetworkArb extends fc.Arbitrary<infer T> ? T : never;

function build(spec: LayeredNetwork): Network {
  const id = (i: number) => `${i}`;
  const holdings = (list: LayeredNetwork["equity"]) =>
    list
      .filter((h) => h.holder !== h.issuer)
      .map((h) => ({ holder: id(h.holder), issuer: id(h.issuer), fraction: h.fraction / 100 }));
  return compileNetwork({
    nodes: spec.nodes.map((x, i) => ({
      id: id(i),
      externalAssets: x.e,
      externalLiabilities: x.el,
      externalLayer: x.layer,
    })),
    liabilities: spec.liabilities
      .filter((l) => l.from !== l.to)
      .map((l) => ({ from: id(l.from), to: id(l.to), amount: l.amount, layer: l.layer })),
    equityHoldings: holdings(spec.equity),
    debtHoldings: holdings(spec.debt),
  });
}

/** A valuation's arrays as plain arrays, read before the workspace's next use. */
function snapshot(r: ReturnType<typeof valueNetwork>) {
  return {
    payments: Array.from(r.payments),
    paymentsByLayer: r.paymentsByLayer.map((layer) => Array.from(layer)),
    value: Array.from(r.value),
    equity: Array.from(r.equity),
    defaulted: Array.from(r.defaulted),
    defaultRound: Array.from(r.defaultRound),
    rounds: r.rounds,
    iterations: r.iterations,
    converged: r.converged,
  };
}

describe("valueNetwork() with a workspace", () => {
  it("gives each network of a sequence its own valuation, bit for bit, whatever the workspace valued before", () => {
    fc.assert(
      fc.property(fc.array(layeredNetworkArb, { minLength: 2, maxLength: 4 }), (specs) => {
        const workspace = createValuationWorkspace();
        for (const spec of specs) {
          const net = build(spec);
          for (const layered of [true, false])
            for (const bound of ["greatest", "least"] as const) {
              const reused = snapshot(valueNetwork(net, { layered, bound }, workspace));
              expect(reused).toEqual(snapshot(valueNetwork(net, { layered, bound })));
            }
        }
      }),
      RUNS,
    );
  });

  it("returns the workspace's arrays, which its next valuation overwrites", () => {
    const net = compileNetwork({
      nodes: [
        { id: "a", externalAssets: 1 },
        { id: "b", externalAssets: 0 },
      ],
      liabilities: [{ from: "a", to: "b", amount: 2 }],
    });
    const workspace = createValuationWorkspace();
    const first = valueNetwork(net, {}, workspace);
    expect(Array.from(first.payments)).toEqual([1, 0]);
    const rich = { ...net, externalAssets: Float64Array.of(5, 0) };
    const second = valueNetwork(rich, {}, workspace);
    expect(second.payments).toBe(first.payments);
    expect(Array.from(first.payments)).toEqual([2, 0]);
  });
});

describe("liabilityCsr() into buffers", () => {
  it("builds the same rows as a fresh matrix, read up to start[n], however the buffers were used before", () => {
    const triplets = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        entries: fc.array(
          fc.record({
            from: fc.integer({ min: 0, max: n - 1 }),
            to: fc.integer({ min: 0, max: n - 1 }),
            amount: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 900 })),
            layer: fc.integer({ min: 1, max: 3 }),
          }),
          { maxLength: 80 },
        ),
      }),
    );
    fc.assert(
      fc.property(fc.array(triplets, { minLength: 1, maxLength: 4 }), (cases) => {
        const buffers = new CsrBuffers();
        for (const { n, entries } of cases) {
          const from = Int32Array.from(entries, (x) => x.from);
          const to = Int32Array.from(entries, (x) => x.to);
          const value = Float64Array.from(entries, (x) => x.amount);
          const level = Int32Array.from(entries, (x) => x.layer);
          const fresh = liabilityCsr(from, to, value, level, n);
          const built = liabilityCsr(from, to, value, level, n, buffers);
          const size = fresh.start[n];
          expect(built.layers).toBe(fresh.layers);
          expect(Array.from(built.start.subarray(0, n + 1))).toEqual(Array.from(fresh.start));
          expect(Array.from(built.creditor.subarray(0, size))).toEqual(Array.from(fresh.creditor));
          expect(Array.from(built.amount.subarray(0, size))).toEqual(Array.from(fresh.amount));
          expect(Array.from(built.layer.subarray(0, size))).toEqual(Array.from(fresh.layer));
        }
      }),
      { seed: 12, numRuns: 200 },
    );
  });
});
