import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clearJsonBytes, clearJson as clearJsonObject } from "../../src/cli/clear.js";
import { type ClearOptions, clear } from "../../src/finance/clearing/index.js";
import { compileNetwork, type NetworkSpec } from "../../src/finance/network.js";
import { formatJson } from "../../src/util/json.js";
import { runMain } from "../support/inProcess.js";
import { C1, C2, C8, denseSpec } from "./clearingCases.js";

const dir = mkdtempSync(join(tmpdir(), "wallcast-clear-"));
let counter = 0;
function file(spec: NetworkSpec | string): string {
  const path = join(dir, `net${counter++}.json`);
  writeFileSync(path, typeof spec === "string" ? spec : JSON.stringify(spec));
  return path;
}

/** A ring of `m` liabilities among 1,000 numbered nodes, liability `bad` with `amount` in place of its amount. */
function largeSpec(m: number, bad: number, amount: unknown): NetworkSpec {
  const n = 1000;
  return {
    nodes: Array.from({ length: n }, (_, i) => ({ id: String(i), externalAssets: i / 7 })),
    liabilities: Array.from({ length: m }, (_, k) => ({
      from: String(k % n),
      to: String((k * 7 + 1) % n),
      amount: k === bad ? (amount as number) : 1 + k / 3,
    })),
  };
}

async function clearJson(spec: NetworkSpec, ...flags: string[]) {
  const r = await runMain(["clear", file(spec), "--json", ...flags]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe("wallcast clear", () => {
  it("C1 through the CLI: payments, equity, defaults and rounds keyed by node id", async () => {
    const out = await clearJson(denseSpec(C1.e, [C1.L]));
    expect(out.model).toBe("en");
    expect(out.payments["1"]).toBeCloseTo(270 / 11, 10);
    expect(out.payments["2"]).toBeCloseTo(290 / 11, 10);
    expect(out.payments["3"]).toBeCloseTo(10, 10);
    expect(out.equity["3"]).toBeCloseTo(30, 10);
    expect(out.defaulted).toEqual(["1", "2"]);
    expect(out.defaultRound).toEqual({ "1": 1, "2": 2 });
    expect(out).toMatchObject({ unique: true, rounds: 2 });
    expect(out.least).toBeUndefined();
  });

  it("C2 RV with --alpha 0.4 --beta 1", async () => {
    const out = await clearJson(denseSpec(C2.e, [C2.L]), "--model", "rv", "--alpha", "0.4", "--beta", "1");
    expect(out.payments["1"]).toBeCloseTo(18, 10);
    expect(out.payments["2"]).toBeCloseTo(20, 10);
    expect(out.defaultRound).toEqual({ "1": 1, "2": 2 });
  });

  it("C6 the cashless cycle: both ends and the flag", async () => {
    const out = await clearJson({
      nodes: [{ id: "A" }, { id: "B" }],
      liabilities: [
        { from: "A", to: "B", amount: 100 },
        { from: "B", to: "A", amount: 100 },
      ],
    });
    expect(out.payments).toEqual({ A: 100, B: 100 });
    expect(out.unique).toBe(false);
    expect(out.least).toEqual({ payments: { A: 0, B: 0 }, defaulted: ["A", "B"] });
    expect(out.cashless).toEqual(["A", "B"]);
  });

  it("C8 Elsinger: paymentsByLayer by layer number", async () => {
    const out = await clearJson(C8, "--model", "elsinger");
    expect(out.paymentsByLayer["1"]["2"]).toBeCloseTo(45, 10);
    expect(out.paymentsByLayer["2"]["2"]).toBeCloseTo(65 / 3, 10);
    expect(out.paymentsByLayer["2"]["3"]).toBeCloseTo(10, 10);
    expect(out.equity["2"]).toBeCloseTo(-7 / 3, 10);
    expect(out.defaulted).toEqual(["1", "2"]);
  });

  it("Furfine with --recovery, and a human table without --json", async () => {
    const spec = denseSpec(
      [1, 1, 1],
      [
        [
          [0, 0, 1],
          [0.4, 0, 2.1],
          [0.3, 2.7, 0],
        ],
      ],
      [1, 1, 1],
    );
    const out = await clearJson(spec, "--model", "furfine", "--recovery", "0");
    expect(out.defaultRound).toEqual({ "1": 1, "3": 2, "2": 3 });
    const human = await runMain(["clear", file(spec)]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/model en: 2 of 3 nodes default in 2 round/);
    expect(human.stdout).toMatch(/^3\s+node\s+3\.9480519/m);
  });

  it("bad input exits 2 with one message naming the field and nothing on stdout", async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        [file({ nodes: [{ id: "A" }], liabilities: [{ from: "A", to: "Z", amount: 1 }] })],
        /liabilities\[0\]\.to: unknown node id \(got "Z"\)/,
      ],
      [
        [file({ nodes: [{ id: "A" }, { id: "B" }], liabilities: [{ from: "A", to: "B", amount: -5 }] })],
        /liabilities\[0\]\.amount: must be ≥ 0 \(got -5\)/,
      ],
      [
        [
          file({
            nodes: [{ id: "A" }, { id: "B" }, { id: "C" }],
            debtHoldings: [
              { holder: "A", issuer: "C", fraction: 0.6 },
              { holder: "B", issuer: "C", fraction: 0.6 },
            ],
          }),
        ],
        /debtHoldings\[0\]\.fraction: holders own more than 100% of "C" in total \(got 1\.2\)/,
      ],
      [
        [file(denseSpec(C1.e, [C1.L])), "--model", "rv", "--alpha", "1.5"],
        /--alpha: must be a number from 0 to 1 \(got "1\.5"\)/,
      ],
      [[join(dir, "missing.json")], /missing\.json: cannot read: ENOENT/],
      [
        [file({ nodes: [{ id: "0" }, { id: "1" }], liabilities: [{ from: "1", to: "1", amount: 1 }] })],
        /liabilities\[0\]\.to: a node cannot owe itself \(got "1"\)/,
      ],
      // Deep in a large file in JSON.stringify's spelling (the scanner's byte-for-byte path) and spaced out.
      ...[0, 2].map((indent): [string[], RegExp] => [
        [file(JSON.stringify(largeSpec(30_000, 25_000, "oops"), null, indent))],
        /liabilities\[25000\]\.amount: must be a number \(got "oops"\)/,
      ]),
      [
        [file(JSON.stringify(largeSpec(30_000, 29_999, 1e16)))],
        /liabilities\[29999\]\.amount: must be ≤ 1e15/,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => runMain(["clear", ...args, "--json"])));
    results.forEach((r, k) => {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(cases[k][1]);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    });
  });
});

describe("clearJsonBytes()", () => {
  it("is formatJson(clearJson()) byte for byte, whatever the ids, model and uniqueness", () => {
    // Ids JSON.stringify lists out of node order: array indices first, ascending; then the rest as given.
    const odd = ["10", "b", "2", "01", "4294967295", "4294967294", "-1", 'a"q', "0", "Zürich", "東京"];
    const ring: NetworkSpec = {
      nodes: odd.map((id, i) => ({ id, externalAssets: i % 3 === 0 ? 0 : i, externalLiabilities: i % 2 })),
      liabilities: odd.map((id, i) => ({ from: id, to: odd[(i + 1) % odd.length], amount: 5 + i })),
    };
    // A cashless cycle: greatest and least solutions differ, so `least` is written too.
    const cycle: NetworkSpec = {
      nodes: [{ id: "x" }, { id: "y" }],
      liabilities: [
        { from: "x", to: "y", amount: 1 },
        { from: "y", to: "x", amount: 1 },
      ],
    };
    const cases: [NetworkSpec, ClearOptions][] = [
      [denseSpec(C1.e, [C1.L]), {}],
      [denseSpec(C2.e, [C2.L]), { model: "rv", alpha: 0.4, beta: 1 }],
      [C8, { model: "elsinger" }],
      [C8, { model: "xos" }],
      [ring, {}],
      [ring, { model: "furfine" }],
      [cycle, {}],
      [{ nodes: [] }, {}],
    ];
    for (const [spec, options] of cases) {
      const net = compileNetwork(spec);
      const report = clear(net, options);
      expect(clearJsonBytes(net, report).toString("utf8")).toBe(formatJson(clearJsonObject(net, report)));
    }
  });
});
