import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clearNetwork, leastClearingVector, xosValuation } from "../../src/finance/clearing/index.js";
import {
  compileNetwork,
  type Network,
  totalObligations,
  withExternalAssets,
} from "../../src/finance/network.js";

const RUNS = { seed: 42, numRuns: 200 };

/** An amount in cents between 0 and `max`, zero a third of the time. */
const money = (max: number) =>
  fc.oneof(
    fc.constant(0),
    fc.integer({ min: 1, max: max * 100 }).map((c) => c / 100),
    fc.integer({ min: 0, max }),
  );

/** Small random networks: up to 9 nodes, sparse liabilities, some external liabilities. */
const networkArb = fc.integer({ min: 1, max: 9 }).chain((n) =>
  fc.record({
    e: fc.array(money(50), { minLength: n, maxLength: n }),
    el: fc.array(money(20), { minLength: n, maxLength: n }),
    L: fc.array(
      fc.array(fc.oneof(fc.constant(0), money(60)), {
        minLength: n,
        maxLength: n,
      }),
      { minLength: n, maxLength: n },
    ),
  }),
);

function build({ e, el, L }: { e: number[]; el: number[]; L: number[][] }): Network {
  return compileNetwork({
    nodes: e.map((x, i) => ({ id: `${i}`, externalAssets: x, externalLiabilities: el[i] })),
    liabilities: L.flatMap((row, i) =>
      row.flatMap((amount, j) => (i !== j && amount > 0 ? [{ from: `${i}`, to: `${j}`, amount }] : [])),
    ),
  });
}

/** Interbank receipts Σ_j Π[j][i] p_j, computed straight from the CSR liabilities. */
function receipts(net: Network, p: ArrayLike<number>): Float64Array {
  const pbar = totalObligations(net);
  const out = new Float64Array(net.n);
  const { start, creditor, amount } = net.liabilities;
  for (let j = 0; j < net.n; j++)
    for (let k = start[j]; k < start[j + 1]; k++) out[creditor[k]] += (amount[k] / pbar[j]) * p[j];
  return out;
}

const recovery = fc.double({ min: 0, max: 1, noNaN: true });

describe("clearing properties (fast-check, seed 42)", () => {
  it("the greatest and least vectors are fixed points of the EN / RV map and lie in [0, pbar]", () => {
    fc.assert(
      fc.property(networkArb, recovery, recovery, fc.boolean(), (spec, alpha, beta, rv) => {
        const net = build(spec);
        const pbar = totalObligations(net);
        const options = rv ? { model: "rv" as const, alpha, beta } : { model: "en" as const };
        for (const r of [clearNetwork(net, options), leastClearingVector(net, options)]) {
          expect(r.converged).toBe(true);
          const received = receipts(net, r.payments);
          for (let i = 0; i < net.n; i++) {
            const p = r.payments[i];
            const tol = 1e-9 * (pbar[i] + 1);
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(pbar[i] + tol);
            const assets = net.externalAssets[i] + received[i];
            const solvent = assets >= pbar[i] * (1 - 1e-12);
            const mapped = solvent
              ? pbar[i]
              : rv
                ? alpha * net.externalAssets[i] + beta * received[i]
                : Math.max(0, assets);
            expect(Math.abs(p - mapped)).toBeLessThanOrEqual(tol);
            expect(r.defaulted[i]).toBe(solvent || pbar[i] === 0 ? 0 : 1);
          }
        }
      }),
      RUNS,
    );
  });

  it("greatest ≥ least, and default rounds are 1 for fundamental defaults", () => {
    fc.assert(
      fc.property(networkArb, (spec) => {
        const net = build(spec);
        const g = clearNetwork(net, { model: "en" });
        const l = leastClearingVector(net, { model: "en" });
        const pbar = totalObligations(net);
        const atFace = receipts(net, pbar);
        for (let i = 0; i < net.n; i++) {
          expect(g.payments[i]).toBeGreaterThanOrEqual(l.payments[i] - 1e-9 * pbar[i]);
          const fundamental = net.externalAssets[i] + atFace[i] < pbar[i] * (1 - 1e-12);
          expect(g.defaultRound[i] === 1).toBe(fundamental);
        }
      }),
      RUNS,
    );
  });

  it("payments are monotone in external assets", () => {
    fc.assert(
      fc.property(networkArb, fc.array(money(20), { minLength: 9, maxLength: 9 }), (spec, extra) => {
        const net = build(spec);
        const richer = withExternalAssets(
          net,
          net.externalAssets.map((x, i) => x + extra[i]),
        );
        const p = clearNetwork(net, { model: "en" }).payments;
        const q = clearNetwork(richer, { model: "en" }).payments;
        const pbar = totalObligations(net);
        for (let i = 0; i < net.n; i++) expect(q[i]).toBeGreaterThanOrEqual(p[i] - 1e-9 * pbar[i]);
      }),
      RUNS,
    );
  });

  it("money is conserved: paid = received inside + paid outside; EN cash = paid outside + solvent equity", () => {
    fc.assert(
      fc.property(networkArb, (spec) => {
        const net = build(spec);
        const pbar = totalObligations(net);
        const r = clearNetwork(net, { model: "en" });
        const received = receipts(net, r.payments);
        let paid = 0;
        let inside = 0;
        let outside = 0;
        let cash = 0;
        let kept = 0;
        for (let i = 0; i < net.n; i++) {
          paid += r.payments[i];
          inside += received[i];
          if (pbar[i] > 0) outside += (net.externalLiabilities[i] / pbar[i]) * r.payments[i];
          cash += net.externalAssets[i];
          kept += Math.max(0, r.equity[i]);
        }
        const scale = 1 + paid + cash;
        expect(Math.abs(paid - inside - outside)).toBeLessThanOrEqual(1e-9 * scale);
        expect(Math.abs(cash - outside - kept)).toBeLessThanOrEqual(1e-9 * scale);
      }),
      RUNS,
    );
  });

  it("lowering α or β never shrinks the default set", () => {
    fc.assert(
      fc.property(networkArb, recovery, recovery, recovery, recovery, (spec, a, b, da, db) => {
        const net = build(spec);
        const high = clearNetwork(net, { model: "rv", alpha: a, beta: b });
        const low = clearNetwork(net, { model: "rv", alpha: a * da, beta: b * db });
        for (let i = 0; i < net.n; i++) {
          if (high.defaulted[i]) expect(low.defaulted[i]).toBe(1);
          expect(low.payments[i]).toBeLessThanOrEqual(high.payments[i] + 1e-9 * (1 + high.payments[i]));
        }
      }),
      RUNS,
    );
  });

  it("XOS without cross-holdings equals Eisenberg–Noe", () => {
    fc.assert(
      fc.property(networkArb, (spec) => {
        const net = build(spec);
        const en = clearNetwork(net, { model: "en" }).payments;
        const xos = xosValuation(net).payments;
        const pbar = totalObligations(net);
        for (let i = 0; i < net.n; i++)
          expect(Math.abs(xos[i] - en[i])).toBeLessThanOrEqual(1e-9 * (1 + pbar[i]));
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
