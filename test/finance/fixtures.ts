/** Published and hand-worked networks shared by the finance library and CLI tests. */
import fc from "fast-check";
import type { NetworkSpec } from "../../src/finance/network.js";

/**
 * The example of the R package NetworkRiskMeasures (carloscinelli/NetworkRiskMeasures, README.md and
 * R/DebtRank.R): assets matrix a→b 1; b→a 10, b→c 3; c→a 3, c→b 2 (row holds a claim on column), buffers
 * (2, 5, 2), weights (10, 100, 30). Here a creditor's claim is the debtor's liability to it.
 */
export const NRM: NetworkSpec = {
  nodes: [
    { id: "a", buffer: 2, weight: 10 },
    { id: "b", buffer: 5, weight: 100 },
    { id: "c", buffer: 2, weight: 30 },
  ],
  liabilities: [
    { from: "b", to: "a", amount: 1 },
    { from: "a", to: "b", amount: 10 },
    { from: "c", to: "b", amount: 3 },
    { from: "a", to: "c", amount: 3 },
    { from: "b", to: "c", amount: 2 },
  ],
};

/**
 * Breuer, Summer and Urošević, "Systemic loss evaluation", appendix A3 (the example with three equilibria), as
 * coded in Martin-Summer-1090/syslosseval R/test_example_thomas.R: securities S₁ = (145, 435, 300), loans
 * L₁ = (1170, 1245, 1190), equity e₁ = (28, 80, 65), λ̄ = 44, impact √(0.000022·q). Published equilibria
 * δ = 0.0564801, 0.114085 and 0.13914.
 */
export const BSU: NetworkSpec = {
  nodes: [
    { id: "Bank1", kind: "bank", equity: 28, marketable: 145, illiquid: 1170 },
    { id: "Bank2", kind: "bank", equity: 80, marketable: 435, illiquid: 1245 },
    { id: "Bank3", kind: "bank", equity: 65, marketable: 300, illiquid: 1190 },
  ],
  leverageThreshold: 44,
  priceImpact: { kind: "sqrt", k: 0.000022 },
};

/**
 * Cifuentes–Ferrucci–Shin joint clearing and fire sale by hand: A holds 10 of marketable assets among external
 * assets of 12 and owes B 10; B has 5 outside and owes 13 outside. λ = 6: A's leverage is exactly 6 at price 1.
 */
export const CFS_PAIR: NetworkSpec = {
  nodes: [
    { id: "A", externalAssets: 12, marketable: 10 },
    { id: "B", externalAssets: 5, externalLiabilities: 13 },
  ],
  liabilities: [{ from: "A", to: "B", amount: 10 }],
  leverageThreshold: 6,
  priceImpact: { kind: "linear", k: 0.05 },
};

/**
 * contagion.md C2 (Rogers–Veraart 2013 via NetworkValuation) before the shock: node 1 holds 40 outside; the
 * shock leaves e = (10, 5, 5). L = [[0, 30, 0], [5, 0, 20], [10, 0, 0]].
 */
export const C2: NetworkSpec = {
  nodes: [
    { id: "1", kind: "bank", externalAssets: 40 },
    { id: "2", kind: "bank", externalAssets: 5 },
    { id: "3", kind: "fund", externalAssets: 5 },
  ],
  liabilities: [
    { from: "1", to: "2", amount: 30 },
    { from: "2", to: "1", amount: 5 },
    { from: "2", to: "3", amount: 20 },
    { from: "3", to: "1", amount: 10 },
  ],
};

/** C2 under Eisenberg–Noe after node 1's shock to 10: network losses by part; value destroyed equals the shock. */
export const C2_EN_LOSSES = {
  direct: 30,
  clearing: 5,
  defaultCost: 0,
  fireSale: 0,
  total: 35,
  amplification: 35 / 30,
};

/** Chain A → B → C of 100 each; A holds 100 outside, C 10. */
export const CHAIN: NetworkSpec = {
  nodes: [
    { id: "A", kind: "lab", externalAssets: 100 },
    { id: "B", kind: "cloud" },
    { id: "C", kind: "fund", externalAssets: 10 },
  ],
  liabilities: [
    { from: "A", to: "B", amount: 100 },
    { from: "B", to: "C", amount: 100 },
  ],
};

/** Random liabilities among nodes 0…n−1 (up to 2n, self-loops allowed), amounts in [0.1, 30]. */
export function edgesArbitrary(n: number) {
  return fc.array(
    fc.record({
      from: fc.integer({ min: 0, max: n - 1 }),
      to: fc.integer({ min: 0, max: n - 1 }),
      amount: fc.double({ min: 0.1, max: 30, noNaN: true }),
    }),
    { maxLength: 2 * n },
  );
}
