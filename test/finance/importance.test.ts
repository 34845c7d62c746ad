import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clear, clearNetwork, isRegular, leastClearingVector } from "../../src/finance/clearing/index.js";
import {
  rankImportance,
  systemicImportance,
  systemicImportanceParallel,
} from "../../src/finance/importance/index.js";
import { compileNetwork, type NetworkSpec } from "../../src/finance/network.js";
import { randomStream } from "../../src/util/random.js";

/** A random sparse network of n nodes; about one node in ten starts short of cash. */
function randomSpec(n: number, seed: number): NetworkSpec {
  const rng = randomStream(seed, n);
  const liabilities: NonNullable<NetworkSpec["liabilities"]> = [];
  const owes = new Float64Array(n);
  for (let k = 0; k < 3 * n; k++) {
    const from = rng.int(n);
    const to = rng.int(n);
    if (from === to) continue;
    const amount = 1 + 9 * rng.uniform();
    liabilities.push({ from: `n${from}`, to: `n${to}`, amount });
    owes[from] += amount;
  }
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `n${i}`,
    kind: ["bank", "fund", "lab"][i % 3],
    externalAssets: owes[i] * (rng.uniform() < 0.1 ? 0.5 : 0.6) + rng.uniform(),
    externalLiabilities: 2 * rng.uniform(),
  }));
  return { nodes, liabilities };
}

describe("systemicImportanceParallel()", () => {
  it("gives the same scenarios for 1 and 2 threads as the inline systemicImportance", async () => {
    const net = compileNetwork(randomSpec(150, 7));
    const inline = systemicImportance(net, { shockFraction: 0.8 });
    const one = await systemicImportanceParallel(net, { shockFraction: 0.8, threads: 1 });
    const two = await systemicImportanceParallel(net, { shockFraction: 0.8, threads: 2 });
    expect(one).toEqual(inline);
    expect(two).toEqual(inline);
    expect(inline).toHaveLength(150);
    // Not a vacuous comparison: some node's failure topples others.
    expect(rankImportance(inline, "inducedDefaults")[0].inducedDefaults.length).toBeGreaterThan(0);
  });
});

describe("isRegular()", () => {
  it("fails on a cashless cycle and passes once the cycle has cash, an outside creditor or an exit", () => {
    const cycle = (extra: Partial<NetworkSpec>): boolean =>
      isRegular(
        compileNetwork({
          nodes: [{ id: "A" }, { id: "B" }, { id: "C" }],
          liabilities: [
            { from: "A", to: "B", amount: 100 },
            { from: "B", to: "A", amount: 100 },
          ],
          ...extra,
        }),
      );
    expect(cycle({})).toBe(false);
    expect(cycle({ nodes: [{ id: "A" }, { id: "B", externalAssets: 1 }, { id: "C" }] })).toBe(true);
    expect(cycle({ nodes: [{ id: "A", externalLiabilities: 1 }, { id: "B" }, { id: "C" }] })).toBe(true);
    expect(
      cycle({
        liabilities: [
          { from: "A", to: "B", amount: 100 },
          { from: "B", to: "A", amount: 100 },
          { from: "B", to: "C", amount: 1 },
        ],
      }),
    ).toBe(true);
    expect(isRegular(compileNetwork({ nodes: [] }))).toBe(true);
  });

  it("when it holds, the least clearing vector equals the greatest (so clear() may skip it)", () => {
    let regular = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }).chain((n) =>
          fc.record({
            cash: fc.array(fc.constantFrom(0, 0, 0, 1, 5), { minLength: n, maxLength: n }),
            outside: fc.array(fc.constantFrom(0, 0, 0, 2), { minLength: n, maxLength: n }),
            edges: fc.array(
              fc.record({
                from: fc.integer({ min: 0, max: n - 1 }),
                to: fc.integer({ min: 0, max: n - 1 }),
                amount: fc.integer({ min: 1, max: 20 }),
              }),
              { maxLength: 2 * n },
            ),
          }),
        ),
        ({ cash, outside, edges }) => {
          const net = compileNetwork({
            nodes: cash.map((e, i) => ({ id: `${i}`, externalAssets: e, externalLiabilities: outside[i] })),
            liabilities: edges
              .filter((e) => e.from !== e.to)
              .map((e) => ({ from: `${e.from}`, to: `${e.to}`, amount: e.amount })),
          });
          const greatest = Float64Array.from(clearNetwork(net, { model: "en" }).payments);
          const least = leastClearingVector(net, { model: "en" }).payments;
          const same = greatest.every((p, i) => Math.abs(p - least[i]) <= 1e-9 * (1 + p));
          if (isRegular(net)) {
            regular++;
            expect(same).toBe(true);
          }
          expect(clear(net).unique).toBe(same);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
    expect(regular).toBeGreaterThan(50);
  });
});
