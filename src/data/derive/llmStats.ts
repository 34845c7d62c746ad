import { InputError } from "../../util/errors.js";
import { MAX_JSON_DEPTH } from "../../util/limits.js";
import { LLM_STATS_FILES, LLM_STATS_ROOT } from "./llmStatsFiles.js";
import { pythonCsvText } from "./pythonCsv.js";
import { pythonFloatRepr } from "./pythonFloat.js";
import type { Recipe } from "./recipe.js";

// The shared table was written by Python (json.load, then csv.writer): `True`/`False` for booleans, an empty
// cell for null, `1.0` for a float that JSON wrote as `1.0` but `2071` for an integer. JSON.parse forgets
// whether a number was written as a float, so the tree is read with a parser that keeps number tokens.

/** A JSON number as written (`0.930`, `1.0`, `2071`), so that it can be printed as Python would. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/** A JSON value with numbers kept as written and objects as Maps (a `__proto__` key is an ordinary key). */
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | Map<string, JsonValue>;

const SPACE = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// A quoted string up to its closing quote; JSON.parse decodes it and refuses bad escapes and raw controls.
const STRING = /"(?:[^"\\]|\\.)*"/sy;
const LITERALS: ReadonlyArray<[string, JsonValue]> = [
  ["true", true],
  ["false", false],
  ["null", null],
];

/** Parses strict JSON (RFC 8259) keeping each number's text; a syntax error is an InputError (file, line). */
export function parseJsonKeepingNumbers(text: string, file: string): JsonValue {
  let pos = 0;
  const fail = (message: string): never => {
    const line = text.slice(0, pos).split("\n").length;
    throw new InputError({
      file,
      line,
      value: text.slice(pos, pos + 20),
      message: `invalid JSON: ${message}`,
    });
  };
  const skipSpace = () => {
    SPACE.lastIndex = pos;
    SPACE.exec(text);
    pos = SPACE.lastIndex;
  };
  const token = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = pos;
    const match = pattern.exec(text);
    if (!match) return undefined;
    pos = pattern.lastIndex;
    return match[0];
  };
  const expect = (char: string) => {
    skipSpace();
    if (text[pos] !== char) fail(`expected '${char}'`);
    pos++;
  };
  const string = (): string => {
    const start = pos;
    const quoted = token(STRING);
    if (quoted === undefined) return fail("expected a string");
    try {
      return JSON.parse(quoted) as string;
    } catch {
      pos = start;
      return fail("bad escape or control character in a string");
    }
  };
  // Each `[` or `{` recurses once; the depth limit keeps a hostile file from overflowing the stack.
  const value = (depth: number): JsonValue => {
    if (depth > MAX_JSON_DEPTH) fail(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    skipSpace();
    const char = text[pos];
    if (char === '"') return string();
    if (char === "[") {
      pos++;
      const items: JsonValue[] = [];
      skipSpace();
      if (text[pos] === "]") {
        pos++;
        return items;
      }
      for (;;) {
        items.push(value(depth + 1));
        skipSpace();
        if (text[pos] === "]") {
          pos++;
          return items;
        }
        expect(",");
      }
    }
    if (char === "{") {
      pos++;
      const object = new Map<string, JsonValue>();
      skipSpace();
      if (text[pos] === "}") {
        pos++;
        return object;
      }
      for (;;) {
        skipSpace();
        const key = string();
        expect(":");
        object.set(key, value(depth + 1));
        skipSpace();
        if (text[pos] === "}") {
          pos++;
          return object;
        }
        expect(",");
      }
    }
    const number = token(NUMBER);
    if (number !== undefined) return new JsonNumber(number);
    for (const [word, literal] of LITERALS) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return literal;
      }
    }
    return fail("unexpected character");
  };
  const result = value(0);
  skipSpace();
  if (pos < text.length) fail("unexpected text after the value");
  return result;
}

/** A JSON number token as Python's json and str() print it: an integer exactly, any other as a float. */
export function pythonNumberText(token: string): string {
  return /^-?\d+$/.test(token) ? BigInt(token).toString() : pythonFloatRepr(Number(token));
}

/** Where a JSON object came from, for error messages: its file and its path inside the file. */
interface Located {
  file: string;
  path: string;
  object: Map<string, JsonValue>;
}

/** `value` as an object located at `path` in `file`; anything else is an InputError. */
function asObject(value: JsonValue, file: string, path: string): Located {
  if (!(value instanceof Map)) {
    throw new InputError({ file, field: path || "(top level)", message: "expected a JSON object" });
  }
  return { file, path, object: value };
}

/** Field `key` of a located object as a CSV cell, as Python prints it; missing or nested is an error. */
function cell(at: Located, key: string): string {
  const field = at.path ? `${at.path}.${key}` : key;
  if (!at.object.has(key)) throw new InputError({ file: at.file, field, message: "missing field" });
  const value = at.object.get(key) as JsonValue;
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (value instanceof JsonNumber) return pythonNumberText(value.text);
  const kind = Array.isArray(value) ? "an array" : "an object";
  throw new InputError({
    file: at.file,
    field,
    message: `expected a string, number, boolean or null, not ${kind}`,
  });
}

/** The columns of the table: name, which file's object supplies it, and the key read there. */
const COLUMNS: ReadonlyArray<[string, "model" | "organization" | "benchmark", string]> = [
  ["model_id", "model", "model_id"],
  ["model_name", "model", "name"],
  ["organization_id", "model", "organization_id"],
  ["organization_name", "organization", "name"],
  ["country", "organization", "country"],
  ["release_date", "model", "release_date"],
  ["announcement_date", "model", "announcement_date"],
  ["param_count", "model", "param_count"],
  ["training_tokens", "model", "training_tokens"],
  ["license_id", "model", "license_id"],
  ["benchmark_id", "benchmark", "benchmark_id"],
  ["benchmark_name", "benchmark", "benchmark_name"],
  ["score", "benchmark", "score"],
  ["normalized_score", "benchmark", "normalized_score"],
  ["is_self_reported", "benchmark", "is_self_reported"],
  ["verified_by_llmstats", "benchmark", "verified_by_llmstats"],
  ["analysis_method", "benchmark", "analysis_method"],
  ["source_link", "benchmark", "self_reported_source_link"],
];

const MODEL_FILE = /^([^/]+)\/models\/([^/]+)\/model\.json$/;

/**
 * Flattens an LLM-Stats organisation tree into one CSV: a row per entry of each model's benchmarks.json, with
 * its model.json and its organisation's organization.json. `paths` are the tree's files relative to its root;
 * models come in the order of their model.json path (so `deepseek-v3/` sorts after `deepseek-v3.2-exp/`),
 * entries in file order; a model without benchmarks.json has no rows.
 */
export function flattenLlmStats(paths: readonly string[], read: (path: string) => Buffer): Buffer {
  const listed = new Set(paths);
  const parse = (path: string) => parseJsonKeepingNumbers(read(path).toString("utf8"), path);
  const rows: string[][] = [COLUMNS.map(([name]) => name)];
  const modelFiles = paths.filter((p) => MODEL_FILE.test(p)).sort();
  for (const modelFile of modelFiles) {
    const [, orgDir, modelDir] = MODEL_FILE.exec(modelFile) as RegExpExecArray;
    const benchmarksFile = `${orgDir}/models/${modelDir}/benchmarks.json`;
    if (!listed.has(benchmarksFile)) continue;
    const organizationFile = `${orgDir}/organization.json`;
    const organization = asObject(parse(organizationFile), organizationFile, "");
    const model = asObject(parse(modelFile), modelFile, "");
    const entries = parse(benchmarksFile);
    if (!Array.isArray(entries)) {
      throw new InputError({ file: benchmarksFile, field: "(top level)", message: "expected a JSON array" });
    }
    entries.forEach((entry, i) => {
      const sources = { model, organization, benchmark: asObject(entry, benchmarksFile, `[${i}]`) };
      rows.push(COLUMNS.map(([, source, key]) => cell(sources[source], key)));
    });
  }
  return Buffer.from(pythonCsvText(rows), "utf8");
}

const OUTPUT = "DERIVED_llm_stats_benchmark_scores.csv";

/** Rebuilds the LLM-Stats score table from the pinned organisation tree of the LLM-Stats mirror. */
export const llmStatsRecipe: Recipe = {
  dataset: "llm-stats",
  summary: "flattens the 353 JSON files of LLM-Stats' organisation tree into one row per model and benchmark",
  upstream: LLM_STATS_FILES,
  async build(inputs) {
    const prefix = `${LLM_STATS_ROOT}/`;
    const paths = LLM_STATS_FILES.map((f) => f.path.slice(prefix.length));
    return new Map([[OUTPUT, flattenLlmStats(paths, (path) => inputs.upstream(prefix + path))]]);
  },
};
