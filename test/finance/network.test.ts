import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clear } from "../../src/finance/clearing/index.js";
import { compileNetwork, totalObligations, withExternalAssets } from "../../src/finance/network.js";
import { parseNetwork, readNetworkFile } from "../../src/finance/parse.js";
import { InputError } from "../../src/util/errors.js";
import { MAX_JSON_FILE_BYTES, MAX_LAYERS } from "../../src/util/limits.js";

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
    const two = [{ id: "a" }, { id: "b" }];
    expect(() =>
      compileNetwork({ nodes: two, liabilities: [{ from: "a", to: "b", amount: 1, layer: 100_000_000 }] }),
    ).toThrow("invalid liabilities[0].layer: 100000000");
    expect(() => compileNetwork({ nodes: [{ id: "a", externalLayer: MAX_LAYERS + 1 }] })).toThrow(
      `invalid nodes[0].externalLayer: ${MAX_LAYERS + 1}`,
    );
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

describe("parseNetwork() on hostile input", () => {
  const two = [{ id: "A" }, { id: "B" }];

  it("refuses a seniority layer over MAX_LAYERS at the field instead of allocating for it", () => {
    const issues = issuesOf(
      JSON.stringify({
        nodes: [{ id: "A", externalLayer: 65 }, { id: "B" }],
        liabilities: [{ from: "A", to: "B", amount: 1, layer: 100_000_000 }],
      }),
    );
    expect(issues.map((i) => [i.field, i.value, i.message])).toEqual([
      ["nodes[0].externalLayer", 65, `must be an integer in [1, ${MAX_LAYERS}]`],
      ["liabilities[0].layer", 100_000_000, `must be an integer in [1, ${MAX_LAYERS}]`],
    ]);
  });

  it("refuses amounts over 1e15 and says so, so that two liabilities of 1e308 cannot overflow a sum", () => {
    const issues = issuesOf(
      JSON.stringify({
        nodes: [{ id: "A", equity: -2e15 }, { id: "B", buffer: 1e16 }, { id: "C" }],
        liabilities: [
          { from: "A", to: "C", amount: 1e308 },
          { from: "B", to: "C", amount: 1e308 },
        ],
        priceImpact: { kind: "linear", k: 1e300 },
      }),
    );
    const bound = "must be ≤ 1e15 (the largest amount a network may hold, so that sums stay finite)";
    expect(issues.map((i) => [i.field, i.value, i.message])).toEqual([
      ["nodes[0].equity", -2e15, "must be ≥ -1e15"],
      ["nodes[1].buffer", 1e16, bound],
      ["liabilities[0].amount", 1e308, bound],
      ["liabilities[1].amount", 1e308, bound],
      ["priceImpact.k", 1e300, bound],
    ]);
    expect(() => parseNetwork(JSON.stringify({ nodes: two, leverageThreshold: 1e16 }))).toThrow(
      "leverageThreshold: must be ≤ 1e15",
    );
    expect(() => parseNetwork('{"nodes": [{"id": "A", "externalAssets": 1e999}]}')).toThrow(
      "nodes[0].externalAssets: must be a number (got Infinity)",
    );
  });

  it("refuses deep nesting with an InputError, not a stack overflow", () => {
    for (const text of [
      "[".repeat(100_000),
      `{"nodes": [], "x": ${"[".repeat(10_000)}${"]".repeat(10_000)}}`,
    ]) {
      const issues = issuesOf(text);
      expect(issues).toHaveLength(1);
      expect(issues[0].message).toMatch(/^JSON nested deeper than 64 levels/);
    }
  });

  it("treats __proto__, constructor and toString as ordinary node ids", () => {
    const spec = parseNetwork(
      JSON.stringify({
        nodes: [
          { id: "__proto__", kind: "__proto__", externalAssets: 1 },
          { id: "constructor", kind: "toString" },
          { id: "toString", externalAssets: 4 },
        ],
        liabilities: [
          { from: "__proto__", to: "constructor", amount: 5 },
          { from: "toString", to: "__proto__", amount: 2 },
        ],
        equityHoldings: [{ holder: "constructor", issuer: "__proto__", fraction: 0.5 }],
      }),
    );
    const net = compileNetwork(spec);
    expect(net.ids).toEqual(["__proto__", "constructor", "toString"]);
    expect(net.kinds).toEqual(["__proto__", "toString", "node"]);
    const report = clear(net);
    expect(Array.from(report.payments)).toEqual([3, 0, 2]);
    expect(Array.from(report.equity)).toEqual([-2, 3, 2]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).externalAssets).toBeUndefined();
  });

  it("reports prototype-name ids that are duplicated or not nodes like any other id", () => {
    const issues = issuesOf(
      JSON.stringify({
        nodes: [{ id: "__proto__" }, { id: "__proto__" }, { id: "hasOwnProperty" }],
        liabilities: [{ from: "hasOwnProperty", to: "constructor", amount: 1 }],
        debtHoldings: [{ holder: "valueOf", issuer: "__proto__", fraction: 0.5 }],
      }),
    );
    expect(issues.map((i) => `${i.field}=${i.value}: ${i.message}`)).toEqual([
      "nodes[1].id=__proto__: duplicate node id",
      "liabilities[0].to=constructor: unknown node id",
      "debtHoldings[0].holder=valueOf: unknown node id",
    ]);
  });

  it("ignores a __proto__ key in the file instead of reading fields through it", () => {
    const spec = parseNetwork(
      '{"nodes": [{"id": "A", "__proto__": {"externalAssets": 9}}], "__proto__": {"x": 1}}',
    );
    expect(compileNetwork(spec).externalAssets[0]).toBe(0);
  });
});

describe("readNetworkFile()", () => {
  const dir = mkdtempSync(join(tmpdir(), "wallcast-net-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const message = (file: string) => {
    try {
      readNetworkFile(file);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as Error).message;
    }
    throw new Error("read");
  };

  it("reads a network file", () => {
    const file = join(dir, "ok.json");
    writeFileSync(file, JSON.stringify({ nodes: [{ id: "A" }] }));
    expect(readNetworkFile(file).nodes).toEqual([{ id: "A" }]);
  });

  it("refuses a missing file, a directory, a FIFO and a file over MAX_JSON_FILE_BYTES before reading it", () => {
    expect(message(join(dir, "none.json"))).toBe(`${join(dir, "none.json")}: cannot read: ENOENT`);
    const sub = join(dir, "sub.json");
    mkdirSync(sub);
    expect(message(sub)).toBe(`${sub}: is a directory, not a network file`);
    const fifo = join(dir, "fifo.json");
    execFileSync("mkfifo", [fifo]);
    expect(message(fifo)).toBe(`${fifo}: not a regular file (a FIFO, socket or device)`);
    // Sparse: a read of it would take half a gigabyte.
    const huge = join(dir, "huge.json");
    writeFileSync(huge, "{}");
    truncateSync(huge, MAX_JSON_FILE_BYTES + 1);
    expect(message(huge)).toBe(`${huge}: file larger than the limit of ${MAX_JSON_FILE_BYTES} bytes`);
  });
});
