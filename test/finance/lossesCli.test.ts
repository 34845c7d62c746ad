import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { NetworkSpec } from "../../src/finance/network.js";
import { runMain } from "../support/inProcess.js";
import { C2_EN_LOSSES, C2 as C2_SPEC, CHAIN as CHAIN_SPEC } from "./fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "wallcast-losses-"));
let counter = 0;
function file(spec: NetworkSpec): string {
  const path = join(dir, `net${counter++}.json`);
  writeFileSync(path, JSON.stringify(spec));
  return path;
}

/** contagion.md C2 before the shock: node 1 holds 40 outside; the shock leaves it 10. */
const C2 = file(C2_SPEC);

/** Chain A → B → C of 100 each; A holds 100 outside, C 10. */
const CHAIN = file(CHAIN_SPEC);

async function json(args: string[]) {
  const r = await runMain([...args, "--json"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe("wallcast losses", () => {
  it("C2 under RV α = 0.4: losses by node and kind, default costs (1, 7, 4), 39 of value destroyed", async () => {
    const out = await json(["losses", C2, "--shock", '{"1": 10}', "--model", "rv", "--alpha", "0.4"]);
    const round = (x: number) => Number(x.toFixed(10));
    expect(round(out.byNode["1"].direct)).toBe(30);
    expect(round(out.byNode["2"].clearing)).toBe(5);
    expect([1, 2, 3].map((i) => round(out.byNode[i].defaultCost))).toEqual([1, 7, 4]);
    expect([1, 2, 3].map((i) => round(out.byNode[i].total))).toEqual([31, 12, 4]);
    expect(round(out.byKind.bank.total)).toBe(43);
    expect(round(out.byKind.fund.total)).toBe(4);
    expect(round(out.network.amplification)).toBe(round(47 / 30));
    expect(round(out.systemLoss)).toBe(39);
    expect(out.defaulted).toEqual(["1", "2"]);
    expect(out).toMatchObject({ model: "rv", fireSale: false, discount: 0, converged: true });
  });

  it("EN by default: destroys exactly the shock; a table without --json", async () => {
    const out = await json(["losses", C2, "--shock", '{"1": 10}']);
    expect(out.network).toEqual(C2_EN_LOSSES);
    expect(out.systemLoss).toBeCloseTo(30, 12);
    const human = await runMain(["losses", C2, "--shock", '{"1": 10}']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^\(all\)\s+network\s+30\s+5\s+0\s+0\s+35\s+×1\.16667$/m);
  });

  it("prints the same table in Japanese with --lang ja, columns lined up by terminal width", async () => {
    const en = await runMain(["losses", C2, "--shock", '{"1": 10}']);
    const ja = await runMain(["losses", C2, "--shock", '{"1": 10}', "--lang", "ja"]);
    expect(ja.code).toBe(0);
    expect(ja.stdout).toMatch(/^（全体）\s+ネットワーク\s+30\s+5\s+0\s+0\s+35\s+×1\.16667$/m);
    expect(ja.stdout).toContain("外部債権者の損失");
    expect(ja.stdout).not.toMatch(/outside creditors|value destroyed|default cost/);
    const figures = (text: string) => text.match(/×?-?\d+(\.\d+)?/g);
    // The same figures; the summary sentence orders "1 of 3 nodes" as Japanese does ("3 ノード中 1").
    expect(figures(ja.stdout)?.sort()).toEqual(figures(en.stdout)?.sort());
    // The header's "direct" column starts where the rows' third column does, in terminal columns.
    const columns = (line: string) =>
      [...line].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
    const [header, first] = ja.stdout.split("\n");
    const start = (line: string, cell: string) => columns(line.slice(0, line.indexOf(cell)));
    expect(start(header, "直接損失")).toBe(start(first, first.trim().split(/\s+/)[2]));
  });
});

describe("wallcast importance", () => {
  it("ranks the chain: wiping out A defaults B and costs 200 more; identical for 1 and 2 threads", async () => {
    const one = await json(["importance", CHAIN, "--threads", "1"]);
    const two = await json(["importance", CHAIN, "--threads", "2"]);
    expect(two).toEqual(one);
    expect(one.nodes.map((x: { id: string }) => x.id)).toEqual(["A", "B", "C"]);
    expect(one.nodes[0]).toEqual({
      id: "A",
      kind: "lab",
      directLoss: 100,
      inducedDefaults: ["B"],
      selfDefault: true,
      inducedLoss: 200,
      totalLoss: 300,
      systemLoss: 100,
      amplification: 3,
    });
    expect(one.nodes[1].amplification).toBe("NaN");
    const half = await json(["importance", CHAIN, "--shock-fraction", "0.5", "--top", "1"]);
    expect(half.nodes).toHaveLength(1);
    expect([half.nodes[0].directLoss, half.nodes[0].inducedLoss]).toEqual([50, 100]);
  });
});

describe("bad input", () => {
  it("exits 2 with one message naming the field and nothing on stdout", async () => {
    const badFile = file({
      nodes: [{ id: "A" }, { id: "B" }],
      liabilities: [{ from: "A", to: "B", amount: -5 }],
    });
    const cases: Array<[string[], RegExp]> = [
      [["losses", C2, "--shock", '{"Z": 1}'], /--shock Z: unknown node id \(got "Z"\)/],
      [["losses", C2, "--shock", '{"1": -1}'], /--shock 1: external assets must be ≥ 0 \(got -1\)/],
      [
        ["losses", C2, "--shock", '{"1": 10}', "--model", "rv", "--beta", "2"],
        /--beta: must be a number from 0 to 1 \(got "2"\)/,
      ],
      [
        ["losses", C2, "--shock", '{"1": 10}', "--fire-sale"],
        /net\d+\.json: invalid leverageThreshold: missing/,
      ],
      [["losses", badFile, "--shock", "{}"], /liabilities\[0\]\.amount: must be ≥ 0 \(got -5\)/],
      [
        ["importance", CHAIN, "--shock-fraction", "2"],
        /--shock-fraction: must be a number from 0 to 1 \(got "2"\)/,
      ],
      [["importance", CHAIN, "--rank-by", "size"], /--rank-by: must be one of .* \(got "size"\)/],
      [["importance", CHAIN, "--fire-sale"], /net\d+\.json: invalid leverageThreshold: missing/],
      [["importance", badFile], /liabilities\[0\]\.amount: must be ≥ 0 \(got -5\)/],
    ];
    const results = await Promise.all(cases.map(([args]) => runMain([...args, "--json"])));
    results.forEach((r, k) => {
      expect(r.stderr).toMatch(cases[k][1]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    });
  });
});
