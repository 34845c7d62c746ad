import { compileNetwork, type Network, type NetworkSpec } from "../../src/finance/network.js";

/** A network spec from dense matrices (`L[i][j]`: i owes j), ids "1", "2", …, as in cases/contagion.md. */
export function denseSpec(
  e: number[],
  layers: number[][][],
  el: number[] = [],
  equityHoldings: NetworkSpec["equityHoldings"] = [],
): NetworkSpec {
  const id = (i: number) => String(i + 1);
  return {
    nodes: e.map((x, i) => ({ id: id(i), externalAssets: x, externalLiabilities: el[i] ?? 0 })),
    liabilities: layers.flatMap((L, l) =>
      L.flatMap((row, i) =>
        row.flatMap((amount, j) => (amount > 0 ? [{ from: id(i), to: id(j), amount, layer: l + 1 }] : [])),
      ),
    ),
    equityHoldings,
  };
}

export const dense = (e: number[], L: number[][], el: number[] = []): Network =>
  compileNetwork(denseSpec(e, [L], el));

/** contagion.md C1 … C8 (1-based ids as strings). */
export const C1 = {
  e: [10, 10, 10],
  L: [
    [0, 20, 10],
    [5, 0, 24],
    [10, 0, 0],
  ],
};
export const C2 = {
  e: [10, 5, 5],
  L: [
    [0, 30, 0],
    [5, 0, 20],
    [10, 0, 0],
  ],
};
export const C4 = {
  e: [1, 1, 1],
  L: [
    [0, 0, 1],
    [0.4, 0, 2.1],
    [0.3, 2.7, 0],
  ],
  el: [1, 1, 1],
};
export const C5 = {
  L: [
    [0, 0.1, 0.7],
    [2, 0, 10.5],
    [0, 8.4, 0],
  ],
};
export const C8 = denseSpec(
  [0, 50, 10],
  [
    [
      [0, 20, 10],
      [5, 0, 40],
      [10, 0, 0],
    ],
    [
      [0, 0, 15],
      [0, 0, 24],
      [10, 0, 0],
    ],
  ],
  [],
  [
    { holder: "2", issuer: "1", fraction: 0.1 },
    { holder: "3", issuer: "2", fraction: 0.15 },
  ],
);
