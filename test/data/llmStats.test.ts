import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/data/csv.js";
import { resolveDataDir } from "../../src/data/dataDir.js";
import {
  flattenLlmStats,
  JsonNumber,
  type JsonValue,
  llmStatsRecipe,
  parseJsonKeepingNumbers,
  pythonNumberText,
} from "../../src/data/derive/llmStats.js";
import { LLM_STATS_COMMIT, LLM_STATS_FILES, LLM_STATS_REPO } from "../../src/data/derive/llmStatsFiles.js";
import { pythonCsvText } from "../../src/data/derive/pythonCsv.js";
import type { RecipeInputs } from "../../src/data/derive/recipe.js";
import { getDataset } from "../../src/data/registry.js";
import { InputError } from "../../src/util/errors.js";
import { expectSameTable, sha256, thrown } from "../support/tables.js";

const UPSTREAM = process.env.WALLCAST_UPSTREAM;
const OUTPUT = "DERIVED_llm_stats_benchmark_scores.csv";

/** A model.json with the fields the table reads; `tokens` are raw JSON number tokens or `null`. */
function modelJson(id: string, org: string, params: string, trainingTokens: string): string {
  return `{"model_id": "${id}", "name": "${id.toUpperCase()}", "organization_id": "${org}",
    "release_date": "2025-01-02", "announcement_date": null, "param_count": ${params},
    "training_tokens": ${trainingTokens}, "license_id": "mit", "multimodal": false}`;
}

/** One benchmarks.json entry; `score` is a raw JSON number token. */
function entryJson(benchmark: string, score: string, method: string): string {
  return `{"benchmark_id": "${benchmark}", "benchmark_name": "${benchmark.toUpperCase()}", "score": ${score},
    "normalized_score": ${score}, "is_self_reported": true, "verified_by_llmstats": false,
    "analysis_method": ${JSON.stringify(method)}, "self_reported_source_link": null}`;
}

/** Two organisations in memory: b-lab has models `m` and `m-2`, a-lab `z` and `x` (no benchmarks.json). */
const TREE = new Map<string, string>([
  ["b-lab/organization.json", `{"organization_id": "b-lab", "name": "B, \\"Lab\\"", "country": null}`],
  ["b-lab/models/m/model.json", modelJson("m", "b-lab", "7000000000", "1.5e13")],
  ["b-lab/models/m/benchmarks.json", `[${entryJson("gpqa", "1.0", "pass@1, 0-shot")}]`],
  ["b-lab/models/m-2/model.json", modelJson("m-2", "b-lab", "null", "null")],
  [
    "b-lab/models/m-2/benchmarks.json",
    `[${entryJson("aime", "0.930", "avg\nof 8")}, ${entryJson("elo", "2071", "Elo")}, ${entryJson("x", "1e-5", "")}]`,
  ],
  ["a-lab/organization.json", `{"organization_id": "a-lab", "name": "A Lab", "country": "US"}`],
  ["a-lab/models/z/model.json", modelJson("z", "a-lab", "12345678901234567890", "-0")],
  ["a-lab/models/z/benchmarks.json", `[${entryJson("mmlu", "0.5", "5-shot")}]`],
  ["a-lab/models/x/model.json", modelJson("x", "a-lab", "1", "1")],
]);

function readTree(tree: Map<string, string>): (path: string) => Buffer {
  return (path) => {
    const text = tree.get(path);
    if (text === undefined) throw new RangeError(`invalid path: ${path}`);
    return Buffer.from(text, "utf8");
  };
}

const HEADER =
  "model_id,model_name,organization_id,organization_name,country,release_date,announcement_date,param_count," +
  "training_tokens,license_id,benchmark_id,benchmark_name,score,normalized_score,is_self_reported," +
  "verified_by_llmstats,analysis_method,source_link";

describe("flattenLlmStats", () => {
  it("writes one row per benchmark entry, models in path order, cells as Python's csv.writer prints them", () => {
    const csv = flattenLlmStats([...TREE.keys()], readTree(TREE)).toString("utf8");
    expect(csv).toBe(
      [
        HEADER,
        "z,Z,a-lab,A Lab,US,2025-01-02,,12345678901234567890,0,mit,mmlu,MMLU,0.5,0.5,True,False,5-shot,",
        'm-2,M-2,b-lab,"B, ""Lab""",,2025-01-02,,,,mit,aime,AIME,0.93,0.93,True,False,"avg\nof 8",',
        'm-2,M-2,b-lab,"B, ""Lab""",,2025-01-02,,,,mit,elo,ELO,2071,2071,True,False,Elo,',
        'm-2,M-2,b-lab,"B, ""Lab""",,2025-01-02,,,,mit,x,X,1e-05,1e-05,True,False,,',
        'm,M,b-lab,"B, ""Lab""",,2025-01-02,,7000000000,15000000000000.0,mit,gpqa,GPQA,1.0,1.0,True,False,' +
          '"pass@1, 0-shot",',
        "",
      ].join("\r\n"),
    );
  });

  it("names the file and field of a missing field", () => {
    const tree = new Map(TREE);
    tree.set("a-lab/models/z/benchmarks.json", `[{"benchmark_id": "mmlu"}]`);
    const error = thrown(() => flattenLlmStats([...tree.keys()], readTree(tree)));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues).toEqual([
      { file: "a-lab/models/z/benchmarks.json", field: "[0].benchmark_name", message: "missing field" },
    ]);
  });

  it("refuses a nested value where a cell is expected", () => {
    const tree = new Map(TREE);
    tree.set("a-lab/organization.json", `{"name": ["A"], "country": "US"}`);
    const error = thrown(() => flattenLlmStats([...tree.keys()], readTree(tree)));
    expect((error as InputError).issues).toEqual([
      {
        file: "a-lab/organization.json",
        field: "name",
        message: "expected a string, number, boolean or null, not an array",
      },
    ]);
  });

  it("refuses a benchmarks file that is not an array", () => {
    const tree = new Map(TREE);
    tree.set("a-lab/models/z/benchmarks.json", "{}");
    const error = thrown(() => flattenLlmStats([...tree.keys()], readTree(tree)));
    expect((error as InputError).issues[0]).toMatchObject({
      file: "a-lab/models/z/benchmarks.json",
      message: "expected a JSON array",
    });
  });
});

/** A parsed value with numbers as JS numbers and Maps as objects, to compare with JSON.parse. */
function plain(value: JsonValue): unknown {
  if (value instanceof JsonNumber) return Number(value.text);
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plain(v)]));
  return value;
}

describe("parseJsonKeepingNumbers", () => {
  it("keeps each number as written", () => {
    const value = parseJsonKeepingNumbers(
      '{"a": [1.0, 2071, -0.930e+2], "b": {"__proto__": true}}',
      "f.json",
    );
    expect(value).toEqual(
      new Map<string, JsonValue>([
        ["a", [new JsonNumber("1.0"), new JsonNumber("2071"), new JsonNumber("-0.930e+2")]],
        ["b", new Map([["__proto__", true]])],
      ]),
    );
  });

  it("reads what JSON.parse reads, to the same values", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(plain(parseJsonKeepingNumbers(text, "f.json"))).toEqual(JSON.parse(text));
      }),
      { seed: 20251024, numRuns: 300 },
    );
  });

  it("reports a syntax error with the file, line and the text there", () => {
    const error = thrown(() => parseJsonKeepingNumbers('{\n  "a": 1,\n  "b": 01\n}', "f.json"));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues).toEqual([
      { file: "f.json", line: 3, value: "1\n}", message: "invalid JSON: expected ','" },
    ]);
    expect(() => parseJsonKeepingNumbers("[1] x", "f.json")).toThrow("unexpected text after the value");
    expect(() => parseJsonKeepingNumbers('{"a" 1}', "f.json")).toThrow("expected ':'");
    expect(() => parseJsonKeepingNumbers("NaN", "f.json")).toThrow("unexpected character");
    expect(() => parseJsonKeepingNumbers('["a\\x"]', "f.json")).toThrow("bad escape or control character");
    expect(() => parseJsonKeepingNumbers('["a\u0001"]', "f.json")).toThrow("bad escape or control character");
    expect(() => parseJsonKeepingNumbers('["a', "f.json")).toThrow("expected a string");
  });

  it("refuses nesting deeper than the JSON depth limit instead of overflowing the stack", () => {
    expect(() => parseJsonKeepingNumbers("[".repeat(100_000), "f.json")).toThrow(
      "nested deeper than 64 levels",
    );
  });
});

describe("pythonNumberText", () => {
  it("prints an integer token as Python's int and any other as Python's float", () => {
    const cases: Array<[string, string]> = [
      ["2071", "2071"],
      ["-0", "0"],
      ["12345678901234567890", "12345678901234567890"],
      ["1.0", "1.0"],
      ["0.930", "0.93"],
      ["-0.0", "-0.0"],
      ["1e-5", "1e-05"],
      ["0.0001", "0.0001"],
      ["1E16", "1e+16"],
      ["9999999999999998.0", "9999999999999998.0"],
      ["1.5e13", "15000000000000.0"],
    ];
    for (const [token, python] of cases)
      expect({ token, text: pythonNumberText(token) }).toEqual({ token, text: python });
  });
});

describe("pythonCsvText", () => {
  it("quotes only fields holding a comma, quote, CR or LF, and ends every row with CRLF", () => {
    expect(pythonCsvText([["a", "b,c", 'say "hi"', "x\ry", "", " pad "]])).toBe(
      'a,"b,c","say ""hi""","x\ry",, pad \r\n',
    );
  });
});

describe("LLM_STATS_FILES", () => {
  it("lists the organisation tree at the registry's commit: 17 organisations, 169 models, 167 score files", () => {
    const source = getDataset("llm-stats").source;
    expect(source.repository).toBe(`https://github.com/${LLM_STATS_REPO}`);
    expect(source.commit).toBe(LLM_STATS_COMMIT);
    const paths = LLM_STATS_FILES.map((f) => f.path);
    expect(new Set(paths).size).toBe(353);
    expect(paths.filter((p) => p.endsWith("/organization.json"))).toHaveLength(17);
    expect(paths.filter((p) => p.endsWith("/model.json"))).toHaveLength(169);
    expect(paths.filter((p) => p.endsWith("/benchmarks.json"))).toHaveLength(167);
    for (const file of LLM_STATS_FILES) {
      expect(file.path).toMatch(
        /^data\/organizations\/[^/]+\/(organization\.json|models\/[^/]+\/(model|benchmarks)\.json)$/,
      );
      expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(file.bytes).toBeGreaterThan(0);
    }
  });
});

describe.skipIf(!UPSTREAM)("llmStatsRecipe from the pinned mirror", () => {
  const mirror = join(UPSTREAM ?? "", LLM_STATS_REPO, LLM_STATS_COMMIT);
  const inputs: RecipeInputs = {
    upstream: (path) => readFileSync(join(mirror, path)),
    data: (dataset, file) => {
      throw new RangeError(`invalid data input: ${dataset}/${file}`);
    },
  };

  it("pins every file of the mirror's organisation tree, by size and sha256", () => {
    const onDisk = readdirSync(join(mirror, "data/organizations"), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(mirror.length + 1))
      .sort();
    expect(LLM_STATS_FILES.map((f) => f.path).sort()).toEqual(onDisk);
    for (const file of LLM_STATS_FILES) {
      const bytes = readFileSync(join(mirror, file.path));
      expect({ path: file.path, bytes: bytes.length, sha256: sha256(bytes) }).toEqual({
        path: file.path,
        bytes: file.bytes,
        sha256: file.sha256,
      });
    }
  });

  it("rebuilds the shared table: same header, rows in order and values, byte for byte", async () => {
    const built = await llmStatsRecipe.build(inputs);
    expect([...built.keys()]).toEqual([OUTPUT]);
    const bytes = built.get(OUTPUT) as Buffer;
    const shared = readFileSync(join(resolveDataDir(), "llm_stats", OUTPUT));
    expectSameTable(bytes, shared, OUTPUT);
    const ours = parseCsv(bytes.toString("utf8"), "built");
    expect(ours.rows).toHaveLength(2224);
    const pinned = getDataset("llm-stats").files.find((f) => f.name === OUTPUT);
    expect({ bytes: bytes.length, sha256: sha256(bytes) }).toEqual({
      bytes: pinned?.bytes,
      sha256: pinned?.sha256,
    });
    expect(sha256(bytes)).toBe(sha256(shared));
  });
});
