import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/util/errors.js";
import { findExcessDepth, parseJsonInput, syntaxErrorOffset } from "../../src/util/json.js";
import { MAX_JSON_DEPTH } from "../../src/util/limits.js";

const message = (text: string, where: { file?: string; field?: string }) => {
  try {
    parseJsonInput(text, where);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error("no error");
};

describe("parseJsonInput", () => {
  it("keeps __proto__ as an ordinary own key", () => {
    const value = parseJsonInput('{"__proto__": 1}', { field: "--fix" }) as object;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it(`accepts ${MAX_JSON_DEPTH} levels and refuses one more, without recursion`, () => {
    const nest = (d: number) => `${"[".repeat(d)}${"]".repeat(d)}`;
    expect(parseJsonInput(nest(MAX_JSON_DEPTH), { field: "--x" })).toBeInstanceOf(Array);
    expect(message(nest(MAX_JSON_DEPTH + 1), { field: "--x" })).toBe(
      `--x: JSON nested deeper than ${MAX_JSON_DEPTH} levels at line 1 column ${MAX_JSON_DEPTH + 1}`,
    );
    expect(message(nest(1_000_000), { field: "--x" })).toMatch(/nested deeper/);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    const text = JSON.stringify({ a: `\\"${"[".repeat(500)}` });
    expect(findExcessDepth(text, 1)).toBeUndefined();
    expect(parseJsonInput(text, { field: "--x" })).toEqual(JSON.parse(text));
  });

  it("names the file and line of a syntax error", () => {
    expect(message('{\n  "a": 1,\n  "b": }', { file: "net.json" })).toBe(
      "net.json:3: not valid JSON at line 3 column 8",
    );
  });

  it("names the flag and position, and never quotes the text", () => {
    expect(message(`{"a": ${"x".repeat(10_000)}}`, { field: "--shock" })).toBe(
      "--shock: not valid JSON at line 1 column 7",
    );
  });

  it("syntaxErrorOffset agrees with JSON.parse on what is valid", () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(syntaxErrorOffset(text) === undefined).toBe(valid);
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});
