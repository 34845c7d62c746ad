import { describe, expect, it } from "vitest";
import { compileNetwork, totalObligations, withExternalAssets } from "../../src/finance/network.js";
import { parseNetwork } from "../../src/finance/parse.js";
import { InputError } from "../../src/util/errors.js";

const issuesOf = (text: string) => {
  try {
    parseNetwork(text, "net.json");
  } catch (error) {
    if (error instanceof InputError) return error.issues;
    throw error;
  }
  throw new Error("parsed");
};

describe("compileNetwork()", () => {
  it("stores liabilities by debtor in CSR, merges duplicates and drops zeros", () => {
    const net = compileNetwork({
      nodes: [{ id: "a", externalLiabilities: 1 }, { id: "b" }, { id: "c" }],
      liabilities: [
        { from: "b", to: "a", amount: 2 },
        { from: "a", to: "c", amount: 3, layer: 2 },
        { from: "a", to: "b", amount: 4 },
        { from: "a", to: "b", amount: 1 },
        { from: "c", to: "a", amount: 0 },
      ],
    });
    expect(Array.from(net.liabilities.start)).toEqual([0, 2, 3, 3]);
    expect(Array.from(net.liabilities.creditor)).toEqual([1, 2, 0]);
    expect(Array.from(net.liabilities.amount)).toEqual([5, 3, 2]);
    expect(Array.from(net.liabilities.layer)).toEqual([1, 2, 1]);
    expect(net.layers).toBe(2);
    expect(Array.from(totalObligations(net))).toEqual([9, 2, 0]);
    expect(Number.isNaN(net.buffer[0])).toBe(true);
    expect(net.kinds).toEqual(["node", "node", "node"]);
  });

  it("throws RangeError on a spec that skipped validation", () => {
    expect(() => compileNetwork({ nodes: [{ id: "a" }, { id: "a" }] })).toThrow(/duplicate a/);
    expect(() =>
      compileNetwork({ nodes: [{ id: "a" }], liabilities: [{ from: "a", to: "x", amount: 1 }] }),
    ).toThrow(/unknown node id x/);
    expect(() => compileNetwork({ nodes: [{ id: "a", externalAssets: Number.NaN }] })).toThrow(
      /externalAssets/,
    );
    const net = compileNetwork({ nodes: [{ id: "a" }] });
    expect(() => withExternalAssets(net, new Float64Array(2))).toThrow(/length: 2/);
  });
});

describe("parseNetwork()", () => {
  it("accepts the contract's example file", () => {
    const spec = parseNetwork(
      JSON.stringify({
        nodes: [
          {
            id: "A",
            kind: "bank",
            externalAssets: 10,
            externalLiabilities: 0,
            buffer: 2,
            weight: 10,
            equity: 28,
            marketable: 145,
            illiquid: 1170,
          },
          { id: "B" },
          { id: "C" },
        ],
        liabilities: [{ from: "A", to: "B", amount: 20, layer: 1 }],
        equityHoldings: [{ holder: "B", issuer: "A", fraction: 0.1 }],
        debtHoldings: [{ holder: "A", issuer: "C", fraction: 0.1 }],
        leverageThreshold: 44,
        priceImpact: { kind: "sqrt", k: 0.000022 },
      }),
    );
    const net = compileNetwork(spec);
    expect(net.n).toBe(3);
    expect(net.priceImpact).toEqual({ kind: "sqrt", k: 0.000022 });
    expect(net.marketable[0]).toBe(145);
  });

  it("names the file, JSON path and value of each schema problem", () => {
    const issues = issuesOf(
      JSON.stringify({
        nodes: [{ id: "A", externalAssets: -1 }, { id: "" }],
        liabilities: [{ from: "A", to: "A", amount: "5", layer: 0 }],
        priceImpact: { kind: "cubic", k: 1 },
      }),
    );
    const fields = issues.map((i) => [i.field, i.value]);
    expect(fields).toEqual(
      expect.arrayContaining([
        ["nodes[0].externalAssets", -1],
        ["nodes[1].id", ""],
        ["liabilities[0].amount", "5"],
        ["liabilities[0].layer", 0],
        ["priceImpact.kind", "cubic"],
      ]),
    );
    expect(issues.every((i) => i.file === "net.json")).toBe(true);
  });

  it("finds unknown and duplicate ids, self-debts and over-owned issuers", () => {
    const issues = issuesOf(
      JSON.stringify({
        nodes: [{ id: "A" }, { id: "B" }, { id: "A" }],
        liabilities: [
          { from: "A", to: "A", amount: 1 },
          { from: "X", to: "B", amount: 1 },
        ],
        equityHoldings: [
          { holder: "A", issuer: "B", fraction: 0.5 },
          { holder: "Q", issuer: "B", fraction: 0.6 },
        ],
      }),
    );
    expect(issues.map((i) => `${i.field}=${JSON.stringify(i.value)}: ${i.message}`)).toEqual([
      'nodes[2].id="A": duplicate node id',
      'liabilities[0].to="A": a node cannot owe itself',
      'liabilities[1].from="X": unknown node id',
      'equityHoldings[1].holder="Q": unknown node id',
      'equityHoldings[0].fraction=1.1: holders own more than 100% of "B" in total',
    ]);
  });

  it("reports invalid JSON and a missing node list", () => {
    expect(issuesOf("[1,")[0].message).toMatch(/not valid JSON/);
    expect(issuesOf("{}")[0].field).toBe("nodes");
  });
});
