import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileNetwork, type NetworkSpec } from "../../src/finance/network.js";
import { networkSchema, parseNetwork } from "../../src/finance/parse.js";
import { InputError, type InputIssue } from "../../src/util/errors.js";

/** What the zod-only parser reported: every schema issue with the file, JSON path and value. */
function zodIssues(raw: unknown, file: string): InputIssue[] {
  const parsed = networkSchema.safeParse(raw);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    let field = "";
    for (const key of issue.path)
      field += typeof key === "number" ? `[${key}]` : field ? `.${String(key)}` : String(key);
    const out: InputIssue = { file, field: field || "(root)", message: issue.message };
    let value: unknown = raw;
    for (const key of issue.path) {
      value =
        value !== null && typeof value === "object"
          ? (value as Record<PropertyKey, unknown>)[key]
          : undefined;
    }
    if (value !== undefined) out.value = value;
    return out;
  });
}

/** JSON text of `raw`, where the string "INF" stands for the number 1e999 (JSON.parse reads it as Infinity). */
const text = (raw: unknown) => JSON.stringify(raw).replace(/"(-?)INF"/g, (_, sign) => `${sign}1e999`);

function fastIssues(source: string, file: string): InputIssue[] | "ok" {
  try {
    parseNetwork(source, file);
    return "ok";
  } catch (error) {
    if (error instanceof InputError) return error.issues;
    throw error;
  }
}

/** parseNetwork agrees with the zod schema: same issues in the same order, or success on the same input. */
function expectSameAsZod(raw: unknown): void {
  const source = text(raw);
  const expected = zodIssues(JSON.parse(source), "net.json");
  const got = fastIssues(source, "net.json");
  if (expected.length > 0) expect(got).toEqual(expected);
  // Valid for the schema: the fast parser either accepts or stops at a cross-check (ids), never a schema issue.
  else if (got !== "ok")
    expect(got.every((i) => /node id|owe itself|more than 100%/.test(i.message))).toBe(true);
}

const valid = {
  nodes: [
    {
      id: "A",
      kind: "bank",
      externalAssets: 10,
      externalLiabilities: 1,
      externalLayer: 2,
      buffer: 2,
      weight: 1,
    },
    { id: "B", equity: -3, marketable: 5, illiquid: 7 },
    { id: "C" },
  ],
  liabilities: [
    { from: "A", to: "B", amount: 20, layer: 1 },
    { from: "B", to: "C", amount: 0 },
  ],
  equityHoldings: [{ holder: "B", issuer: "A", fraction: 0.1 }],
  debtHoldings: [{ holder: "A", issuer: "C", fraction: 1 }],
  leverageThreshold: 44,
  priceImpact: { kind: "sqrt", k: 0.000022 },
};

describe("parseNetwork() fast path", () => {
  it("gives zod's issue for every kind of bad element, with file, path and value", () => {
    const bad: unknown[] = [
      { ...valid, nodes: [{ id: "A", externalAssets: "INF" }, { id: 5 }, {}, 7, [], null] },
      { ...valid, nodes: [{ id: "B", externalLayer: 0.5, kind: null, equity: "-INF", weight: -1 }] },
      { ...valid, nodes: {}, liabilities: {}, equityHoldings: null, leverageThreshold: 0 },
      { ...valid, priceImpact: { kind: "cubic" } },
      {
        ...valid,
        liabilities: [{ from: "", to: null, amount: -1, layer: 0.5 }, 3, { from: "A", to: "B", amount: "1" }],
      },
      { ...valid, liabilities: [...valid.liabilities, { from: "A", to: "B", amount: 1, layer: -3 }] },
      { ...valid, equityHoldings: [{ holder: "A", issuer: "B", fraction: 2 }, { fraction: -1 }] },
      { ...valid, debtHoldings: [{ holder: "A", issuer: "", fraction: Number.NaN }] },
      { leverageThreshold: "x", liabilities: [{}], nodes: [{}] },
      [1],
      null,
      "network",
    ];
    for (const raw of bad) {
      const expected = zodIssues(JSON.parse(text(raw)), "net.json");
      expect(expected.length).toBeGreaterThan(0);
      expect(fastIssues(text(raw), "net.json")).toEqual(expected);
    }
    expect(fastIssues(text(bad[0]), "net.json")).toContainEqual({
      file: "net.json",
      field: "nodes[0].externalAssets",
      value: Number.POSITIVE_INFINITY,
      message: "must be a number",
    });
    expect(fastIssues(text(bad[4]), "net.json")).toContainEqual({
      file: "net.json",
      field: "liabilities[0].amount",
      value: -1,
      message: "must be ≥ 0",
    });
  });

  it("returns the file's own arrays, with the top level as the schema leaves it", () => {
    const spec = parseNetwork(JSON.stringify({ ...valid, comment: "ignored" }));
    expect(spec).not.toHaveProperty("comment");
    expect(spec.priceImpact).toEqual({ kind: "sqrt", k: 0.000022 });
    const viaZod = networkSchema.parse(valid) as NetworkSpec;
    expect(compileNetwork(spec)).toEqual(compileNetwork(viaZod));
  });

  it("agrees with zod on random corruptions of a valid file", () => {
    const lists = ["nodes", "liabilities", "equityHoldings", "debtHoldings"] as const;
    const keys = [
      "id",
      "kind",
      "externalAssets",
      "externalLiabilities",
      "externalLayer",
      "buffer",
      "weight",
      "equity",
      "marketable",
      "illiquid",
      "from",
      "to",
      "amount",
      "layer",
      "holder",
      "issuer",
      "fraction",
    ];
    const value = fc.oneof(
      fc.constantFrom(null, "", "A", -1, 0, 0.5, 1, 1.5, 2, -0, "INF", "-INF", 2 ** 53, true, [], {}),
      fc.double(),
      fc.jsonValue({ maxDepth: 1 }),
    );
    const edit = fc.record({
      list: fc.constantFrom(...lists),
      index: fc.nat(3),
      key: fc.constantFrom(...keys),
      value,
      whole: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const raw = structuredClone(valid) as unknown as Record<string, unknown[]>;
        for (const e of edits) {
          const list = raw[e.list];
          const k = e.index % list.length;
          if (e.whole) list[k] = e.value;
          else if (list[k] !== null && typeof list[k] === "object")
            (list[k] as Record<string, unknown>)[e.key] = e.value;
        }
        expectSameAsZod(raw);
      }),
      { seed: 42, numRuns: 400 },
    );
  });
});
