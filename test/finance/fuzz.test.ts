import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clear } from "../../src/finance/clearing/index.js";
import { debtRank } from "../../src/finance/debtrank/index.js";
import { allFinite } from "../../src/finance/finite.js";
import { fireSaleEquilibria, jointFireSaleEquilibria } from "../../src/finance/firesale/index.js";
import { accountLosses } from "../../src/finance/losses/index.js";
import { compileNetwork, type Network } from "../../src/finance/network.js";
import { parseNetwork } from "../../src/finance/parse.js";
import { InputError } from "../../src/util/errors.js";

const SEED = 20260421;
const RUNS = 300;
const MODELS = ["en", "rv", "furfine", "elsinger", "xos"] as const;

const VALID = {
  nodes: [
    {
      id: "bank",
      kind: "bank",
      externalAssets: 40,
      externalLiabilities: 10,
      externalLayer: 2,
      buffer: 8,
      weight: 3,
    },
    {
      id: "lab",
      kind: "lab",
      externalAssets: 5,
      buffer: 2,
      weight: 1,
      equity: 4,
      marketable: 3,
      illiquid: 10,
    },
    { id: "cloud", kind: "cloud", externalAssets: 20, externalLiabilities: 4, buffer: 5, weight: 2 },
    { id: "fund", externalAssets: 1, buffer: 1, equity: 1, marketable: 1, illiquid: 2 },
  ],
  liabilities: [
    { from: "lab", to: "cloud", amount: 30, layer: 2 },
    { from: "cloud", to: "bank", amount: 25 },
    { from: "bank", to: "lab", amount: 6, layer: 3 },
    { from: "fund", to: "bank", amount: 3 },
  ],
  equityHoldings: [{ holder: "bank", issuer: "cloud", fraction: 0.4 }],
  debtHoldings: [{ holder: "fund", issuer: "cloud", fraction: 0.5 }],
  leverageThreshold: 4,
  priceImpact: { kind: "sqrt", k: 0.01 },
};

/** Every place a mutation can hit: each key path of the valid network, containers included. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [
    prefix,
    ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...prefix, k])),
  ];
}
const PATHS = paths(VALID).filter((p) => p.length > 0);

/** Replacement values: out-of-range and non-finite numbers, prototype names, unknown ids, wrong types, depth. */
const replacement = fc.oneof(
  fc.constantFrom(1e308, -1e308, 1e15, 1e15 + 1, -1, -0, 5e-324, 0.5, 64, 65, 1e8, 2 ** 53 + 2),
  fc.constantFrom("INF", "-INF", "NaN", "Infinity", "1e308", ""),
  fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "nobody", "bank", "lab"),
  fc.constantFrom(null, true, [], {}, [1, 2], { id: "x" }),
  fc.integer({ min: 1, max: 120 }).map((depth) => ({ deep: depth })),
  fc.double(),
);
type Edit = { path: number; value: unknown; remove: boolean };
const edit: fc.Arbitrary<Edit> = fc.record({ path: fc.nat(), value: replacement, remove: fc.boolean() });

function mutate(edits: Edit[]): string {
  const root = structuredClone(VALID) as unknown as Record<string | number, unknown>;
  for (const e of edits) {
    const path = PATHS[e.path % PATHS.length];
    let parent: Record<string | number, unknown> | undefined = root;
    for (const key of path.slice(0, -1)) {
      const next: unknown = parent?.[key];
      parent =
        next !== null && typeof next === "object" ? (next as Record<string | number, unknown>) : undefined;
    }
    if (parent === undefined) continue;
    const key = path[path.length - 1];
    if (e.remove && !Array.isArray(parent)) delete parent[key];
    else parent[key] = e.value;
  }
  // Stand-ins JSON.stringify cannot write: 1e999 (read back as Infinity) and arrays nested `depth` deep.
  return JSON.stringify(root)
    .replace(/"(-?)INF"/g, (_, sign) => `${sign}1e999`)
    .replace(/\{"deep":(\d+)\}/g, (_, depth) => "[".repeat(Number(depth)) + "]".repeat(Number(depth)));
}

/** A library call's RangeError is a bad value in the file (the CLI reports it as an InputError naming it). */
function orBadValue<T>(call: () => T): T | "bad value" {
  try {
    return call();
  } catch (error) {
    if (error instanceof RangeError && error.message.startsWith("invalid ")) return "bad value";
    throw error;
  }
}

const expectHonest = (converged: boolean, ...values: (ArrayLike<number> | number)[]) => {
  const finite = values.every((v) => (typeof v === "number" ? Number.isFinite(v) : allFinite(v)));
  if (!finite) expect(converged).toBe(false);
};

/** Runs every solver on the network; each answer is finite or flagged as not converged. */
function solveAll(net: Network): void {
  for (const model of MODELS) {
    const r = clear(net, { model, alpha: 0.7, beta: 0.9, recovery: 0.3 });
    expectHonest(r.converged, r.payments, r.equity);
    expect(r.converged).toBe(true);
  }
  const shock = Float64Array.from({ length: net.n }, (_, i) => (i === 0 ? 1 : 0));
  const rank = orBadValue(() => debtRank(net, shock));
  if (rank !== "bad value") expectHonest(rank.converged, rank.h, rank.additionalStress);
  const shocked = Float64Array.from(net.externalAssets, (e, i) => (i === 0 ? 0 : e));
  const account = accountLosses(net, shocked, { model: "rv", alpha: 0.5, beta: 0.5 });
  expectHonest(account.converged, account.byNode.total, account.equity, account.systemLoss);
  const fire = orBadValue(() => fireSaleEquilibria(net));
  if (fire !== "bad value")
    for (const eq of [fire.lower, fire.upper]) expectHonest(eq.converged, eq.discount, eq.quantitySold);
  const joint = orBadValue(() => jointFireSaleEquilibria(net));
  if (joint !== "bad value")
    for (const eq of [joint.lower, joint.upper])
      expectHonest(eq.converged && eq.clearingConverged, eq.discount, eq.payments, eq.equity);
}

describe("network files under fuzzing", () => {
  it("clears the unmutated network with every model", () => {
    solveAll(compileNetwork(parseNetwork(JSON.stringify(VALID), "valid.json")));
  });

  it("turn mutated networks into an InputError or finite, honestly flagged results from every solver", () => {
    let parsed = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let net: Network;
        try {
          net = compileNetwork(parseNetwork(mutate(edits), "fuzz.json"));
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          expect(error.issues.every((i) => i.file === "fuzz.json")).toBe(true);
          return;
        }
        parsed++;
        solveAll(net);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The mutations must leave some networks valid, or the solvers were never fuzzed.
    expect(parsed).toBeGreaterThan(30);
  });
});
