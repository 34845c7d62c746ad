import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { intArg, numberArg } from "../../src/cli/shared.js";
import { parseScenario } from "../../src/scenario/loader.js";
import { InputError } from "../../src/util/errors.js";
import { MAX_BOOTSTRAP, MAX_PATHS, MAX_SEED, MAX_THREADS } from "../../src/util/limits.js";

const SCENARIO = readFileSync(new URL("../../scenarios/default.yaml", import.meta.url), "utf8");
const LINES = SCENARIO.split("\n");

/** Runs `call`; true when it returned, false on InputError; any other error fails the property. */
function resultOrInputError(call: () => unknown): boolean {
  try {
    call();
    return true;
  } catch (error) {
    if (error instanceof InputError) return false;
    throw error;
  }
}

/** One edit of a scenario's lines: what a hurried user or a bad merge does to a YAML file. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("value" as const),
    at: fc.nat(),
    value: fc.constantFrom(
      "1e400",
      "-1e400",
      "NaN",
      ".nan",
      ".inf",
      '"12"',
      "[]",
      "{}",
      "null",
      "true",
      "~",
      "9".repeat(400),
      "-0",
      "&a x",
      "*a",
      '"\\u0000"',
    ),
  }),
  fc.record({
    kind: fc.constant("key" as const),
    at: fc.nat(),
    key: fc.constantFrom(
      "__proto__",
      "constructor",
      "prototype",
      "toString",
      "hasOwnProperty",
      "source",
      "value",
    ),
  }),
  fc.record({ kind: fc.constant("indent" as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant("junk" as const), at: fc.nat(), text: fc.string({ maxLength: 20 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(lines: string[], edits: Mutation[]): string {
  const out = [...lines];
  for (const edit of edits) {
    const at = edit.at % out.length;
    const line = out[at];
    if (edit.kind === "delete") out.splice(at, 1);
    else if (edit.kind === "value") out[at] = line.replace(/:\s*[^\s{[][^,}\]]*/, `: ${edit.value}`);
    else if (edit.kind === "key") out[at] = line.replace(/^(\s*)[\w-]+:/, `$1${edit.key}:`);
    else if (edit.kind === "indent")
      out[at] =
        edit.by > 0 ? `${" ".repeat(edit.by)}${line}` : line.slice(Math.min(-edit.by, line.search(/\S|$/)));
    else out.splice(at, 0, edit.text);
  }
  return out.join("\n");
}

describe("fuzz: scenario YAML loader", () => {
  it("any mutation of the default scenario gives a scenario or an InputError naming the file", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => {
        const text = mutate(LINES, edits);
        try {
          parseScenario(text, "mutated.yaml");
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          expect(error.issues.length).toBeGreaterThan(0);
          expect(error.issues[0].file).toBe("mutated.yaml");
        }
      }),
      { seed: 20260301, numRuns: 200 },
    );
  }, 120_000); // ~0.15 s a parse: the YAML of a 53 kB library scenario

  it("the unmutated scenario parses", () => {
    expect(parseScenario(SCENARIO, "default.yaml").name).toBe("default");
  });
});

describe("fuzz: CLI number options", () => {
  const parsers = {
    "--paths": intArg("--paths", 1, MAX_PATHS),
    "--seed": intArg("--seed", 0, MAX_SEED),
    "--threads": intArg("--threads", 1, MAX_THREADS),
    "--bootstrap": intArg("--bootstrap", 2, MAX_BOOTSTRAP),
  };
  const text = fc.oneof(
    fc.string(),
    fc.integer().map(String),
    fc.double().map(String),
    fc.constantFrom("1e12", "0x10", " 7 ", "+3", "-0", "Infinity", "NaN", "1_000", "١٢", "9".repeat(30)),
  );

  it("intArg gives an integer within its bounds or an InputError naming the flag", () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(parsers)), text, (flag, typed) => {
        const parse = parsers[flag as keyof typeof parsers];
        try {
          const value = parse(typed);
          expect(Number.isSafeInteger(value)).toBe(true);
          expect(String(value)).toBe(String(Number(typed.trim())));
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          expect(error.issues[0].field).toBe(flag);
        }
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it("numberArg gives a finite number within its bounds or an InputError", () => {
    const parse = numberArg("--alpha", 0, 1);
    fc.assert(
      fc.property(text, (typed) => {
        if (resultOrInputError(() => parse(typed))) {
          const value = parse(typed);
          expect(value >= 0 && value <= 1).toBe(true);
        }
      }),
      { seed: 12, numRuns: 200 },
    );
  });
});
