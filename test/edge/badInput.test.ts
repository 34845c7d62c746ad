import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NRM } from "../finance/fixtures.js";
import { runMain } from "../support/inProcess.js";

const SCENARIO = fileURLToPath(new URL("../../scenarios/default.yaml", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "wallcast-edge-"));
const file = (name: string) => join(root, name);

/** JSON nested `depth` levels deep. */
const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
/** A 50 MB run of one character. */
const FIFTY_MB = 50 * 1024 * 1024;

beforeAll(() => {
  const scenario = readFileSync(SCENARIO, "utf8");
  writeFileSync(file("net.json"), JSON.stringify(NRM));
  writeFileSync(file("net-not-json.json"), "{nodes: [}");
  writeFileSync(file("net-deep.json"), deep(100_000));
  writeFileSync(
    file("net-bad-amount.json"),
    JSON.stringify({ ...NRM, liabilities: [{ from: "a", to: "b", amount: -3 }] }),
  );
  writeFileSync(file("net-array.json"), "[1, 2, 3]");
  writeFileSync(
    file("net-proto.json"),
    JSON.stringify({ nodes: [{ id: "a", buffer: 1 }], __proto__: 1 }).replace(
      '"nodes"',
      '"__proto__":{"x":1},"nodes"',
    ),
  );
  writeFileSync(
    file("bomb.yaml"),
    [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 8 },
        (_, k) => `${"bcdefghi"[k]}: &${"bcdefghi"[k]} [${Array(10).fill(`*${"abcdefgh"[k]}`).join(", ")}]`,
      ),
    ].join("\n"),
  );
  writeFileSync(file("syntax.yaml"), "name: [unclosed\nstart: 2026Q1\n");
  writeFileSync(file("dupkey.yaml"), scenario.replace("start: 2026Q1", "start: 2026Q1\nstart: 2027Q1"));
  writeFileSync(file("constructor.yaml"), scenario.replace("source: ho2024", "source: constructor"));
  writeFileSync(file("proto-source.yaml"), scenario.replace("source: ho2024", "source: __proto__"));
  writeFileSync(file("proto-top.yaml"), `__proto__: {name: evil}\n${scenario}`);
  writeFileSync(file("list.yaml"), "- a\n- b\n");
  writeFileSync(file("empty.yaml"), "");
  writeFileSync(file("scalar.yaml"), `${"x".repeat(100_000)}\n`);
  writeFileSync(file("huge-number.yaml"), scenario.replace("horizonQuarters: 40", "horizonQuarters: 1e400"));
  writeFileSync(file("horizon-string.yaml"), scenario.replace("horizonQuarters: 40", "horizonQuarters: NaN"));
  writeFileSync(file("missing-alias.yaml"), "name: *nowhere\n");
  writeFileSync(file("tab.yaml"), "name:\n\t- x\n");
  const big = openSync(file("big.yaml"), "w");
  const chunk = `# ${"x".repeat(1024 * 1024 - 3)}\n`;
  for (let i = 0; i < 17; i++) writeSync(big, chunk);
  closeSync(big);
  mkdirSync(file("dir.yaml"));
  mkdirSync(file("dir.csv"));
  mkdirSync(file("dir.json"));
  writeFileSync(file("header-only.csv"), "Model Size,Training Tokens,loss\n");
  writeFileSync(file("text-loss.csv"), "Model Size,Training Tokens,loss\n1e9,2e10,abc\n2e9,4e10,2.1\n");
  writeFileSync(file("ragged.csv"), 'Model Size,Training Tokens,loss\n1e9,2e10\n2e9,"4e10,2.1\n');
  const cell = openSync(file("cell.csv"), "w");
  writeSync(cell, "Model Size,Training Tokens,loss\n1e9,2e10,");
  writeSync(cell, "9".repeat(FIFTY_MB));
  writeSync(cell, "\n");
  closeSync(cell);
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const fitArgs = (...flags: string[]) => ["fit", "chinchilla", "--form", "chinchilla", ...flags];
const simulate = (...flags: string[]) => ["simulate", SCENARIO, ...flags];
const long = "x".repeat(100_000);

/** Each bad input, by what is wrong with it; argv is a function so paths are read after the temp files exist. */
const CASES: Array<{ name: string; argv: () => string[] }> = [
  // commander usage
  { name: "unknown command", argv: () => ["frobnicate"] },
  { name: "no command", argv: () => [] },
  { name: "data without a subcommand", argv: () => ["data"] },
  { name: "unknown global option", argv: () => ["--nope"] },
  { name: "--data without its value", argv: () => ["--data"] },
  { name: "fit without its data argument", argv: () => ["fit"] },
  { name: "simulate without its scenario", argv: () => ["simulate"] },
  { name: "simulate with two scenarios", argv: () => ["simulate", SCENARIO, SCENARIO] },
  { name: "misspelt option", argv: () => simulate("--pths", "3") },
  { name: "fit without --form", argv: () => ["fit", "chinchilla"] },
  { name: "fit --form not a form", argv: () => ["fit", "chinchilla", "--form", "nope"] },
  { name: "fit --form 100 kB long", argv: () => ["fit", "chinchilla", "--form", long] },
  {
    name: "debtrank --variant unknown",
    argv: () => ["debtrank", file("net.json"), "--each", "--variant", "x"],
  },
  { name: "stress without --entity", argv: () => ["stress", SCENARIO] },
  { name: "losses without --shock", argv: () => ["losses", file("net.json")] },
  // number flags
  { name: "--paths 1e12", argv: () => simulate("--paths", "1e12") },
  { name: "--paths 0", argv: () => simulate("--paths", "0") },
  { name: "--paths -5", argv: () => simulate("--paths", "-5") },
  { name: "--paths abc", argv: () => simulate("--paths", "abc") },
  { name: "--paths empty", argv: () => simulate("--paths", "") },
  { name: "--paths 1.5", argv: () => simulate("--paths", "1.5") },
  { name: "--paths 0x10", argv: () => simulate("--paths", "0x10") },
  { name: "--paths 100 kB of digits", argv: () => simulate("--paths", "9".repeat(100_000)) },
  { name: "--threads 1000", argv: () => simulate("--threads", "1000") },
  { name: "--threads 0", argv: () => simulate("--threads", "0") },
  { name: "--seed -1", argv: () => simulate("--seed", "-1") },
  { name: "--seed above 2^53", argv: () => simulate("--seed", "9007199254740993") },
  { name: "fit --bootstrap 1e9", argv: () => fitArgs("--bootstrap", "1000000000") },
  { name: "fit --bootstrap 1", argv: () => fitArgs("--bootstrap", "1") },
  { name: "fit --drop-worst -1", argv: () => fitArgs("--drop-worst", "-1") },
  { name: "fit --drop-worst all rows", argv: () => fitArgs("--drop-worst", "100000") },
  { name: "fit --breaks 4", argv: () => ["fit", "bnsl", "--form", "bnsl", "--breaks", "4"] },
  { name: "fit --delta 0", argv: () => fitArgs("--delta", "0") },
  { name: "fit --delta NaN", argv: () => fitArgs("--delta", "NaN") },
  { name: "fit --threads 1000", argv: () => fitArgs("--bootstrap", "10", "--threads", "1000") },
  {
    name: "sensitivity --samples 1e9",
    argv: () => ["sensitivity", SCENARIO, "--output", "x", "--samples", "1000000000"],
  },
  {
    name: "sensitivity --trajectories 0",
    argv: () => ["sensitivity", SCENARIO, "--output", "x", "--trajectories", "0"],
  },
  { name: "sensitivity --top 0", argv: () => ["sensitivity", SCENARIO, "--output", "x", "--top", "0"] },
  {
    name: "sensitivity --method unknown",
    argv: () => ["sensitivity", SCENARIO, "--output", "x", "--method", "y"],
  },
  { name: "stress --grid 1e5", argv: () => ["stress", SCENARIO, "--entity", "openai", "--grid", "100000"] },
  {
    name: "stress --threshold 2",
    argv: () => ["stress", SCENARIO, "--entity", "openai", "--threshold", "2"],
  },
  {
    name: "stress --tolerance 0",
    argv: () => ["stress", SCENARIO, "--entity", "openai", "--tolerance", "0"],
  },
  { name: "stress --entity unknown", argv: () => ["stress", SCENARIO, "--entity", "constructor"] },
  {
    name: "bend --bootstrap 1e9",
    argv: () => ["bend", "chinchilla", "--x", "a", "--y", "b", "--bootstrap", "1e9"],
  },
  { name: "bend --holdout 0", argv: () => ["bend", "chinchilla", "--x", "a", "--y", "b", "--holdout", "0"] },
  {
    name: "backtest --horizon 1e9",
    argv: () => ["backtest", "epoch-models", "--metric", "compute", "--horizon", "1e9"],
  },
  { name: "trend --breaks 3", argv: () => ["trend", "epoch-models", "--metric", "compute", "--breaks", "3"] },
  {
    name: "trend --min-segment 1",
    argv: () => ["trend", "epoch-models", "--metric", "compute", "--min-segment", "1"],
  },
  { name: "trend --metric __proto__", argv: () => ["trend", "epoch-models", "--metric", "__proto__"] },
  { name: "index --bootstrap 1e9", argv: () => ["index", "--bootstrap", "1000000000"] },
  { name: "gap --step-months 0", argv: () => ["gap", "--step-months", "0"] },
  { name: "importance --top 0", argv: () => ["importance", file("net.json"), "--top", "0"] },
  {
    name: "importance --shock-fraction 2",
    argv: () => ["importance", file("net.json"), "--shock-fraction", "2"],
  },
  { name: "importance --threads 1000", argv: () => ["importance", file("net.json"), "--threads", "1000"] },
  { name: "clear --alpha 2", argv: () => ["clear", file("net.json"), "--alpha", "2"] },
  { name: "clear --recovery -1", argv: () => ["clear", file("net.json"), "--recovery", "-1"] },
  { name: "losses --beta 1.5", argv: () => ["losses", file("net.json"), "--shock", "{}", "--beta", "1.5"] },
  { name: "firesale --alpha 7", argv: () => ["firesale", file("net.json"), "--alpha", "7"] },
  {
    name: "optimal --compute 0",
    argv: () => ["optimal", "--form", "chinchilla", "--params", "{}", "--compute", "0"],
  },
  { name: "optimal --compute abc", argv: () => ["optimal", "--compute", "abc"] },
  { name: "optimal --compute 1e400", argv: () => ["optimal", "--compute", "1e400"] },
  { name: "optimal --form unknown", argv: () => ["optimal", "--form", "nope"] },
  // JSON flags: prototype keys, depth, syntax, size
  { name: "fit --fix __proto__", argv: () => fitArgs("--fix", '{"__proto__":1}') },
  { name: "fit --fix constructor", argv: () => fitArgs("--fix", '{"constructor":1}') },
  { name: "fit --init __proto__", argv: () => fitArgs("--init", '{"__proto__":1}') },
  { name: "fit --grid __proto__", argv: () => fitArgs("--grid", '{"__proto__":[1]}') },
  { name: "fit --init missing parameters", argv: () => fitArgs("--init", '{"E":1}') },
  {
    name: "fit --fix every parameter",
    argv: () => fitArgs("--fix", '{"E":1,"A":1,"B":1,"alpha":0.3,"beta":0.3}'),
  },
  { name: "fit --fix 100,000 levels deep", argv: () => fitArgs("--fix", deep(100_000)) },
  { name: "fit --grid 100,000 levels deep", argv: () => fitArgs("--grid", `[${"[".repeat(100_000)}`) },
  { name: "fit --fix not JSON", argv: () => fitArgs("--fix", "{E: 1}") },
  { name: "fit --fix an array", argv: () => fitArgs("--fix", "[1]") },
  { name: "fit --fix a string value", argv: () => fitArgs("--fix", '{"E":"x"}') },
  { name: "fit --fix a 100 kB key", argv: () => fitArgs("--fix", JSON.stringify({ [long]: 1 })) },
  { name: "fit --grid an empty list", argv: () => fitArgs("--grid", '{"E":[]}') },
  {
    name: "optimal --params __proto__",
    argv: () => ["optimal", "--form", "chinchilla", "--compute", "1e23", "--params", '{"__proto__":1}'],
  },
  {
    name: "optimal --params deep",
    argv: () => ["optimal", "--form", "chinchilla", "--compute", "1e23", "--params", deep(100_000)],
  },
  {
    name: "optimal --params 100 kB of bad JSON",
    argv: () => ["optimal", "--form", "chinchilla", "--compute", "1e23", "--params", `{"E": ${long}}`],
  },
  {
    name: "debtrank --shock __proto__",
    argv: () => ["debtrank", file("net.json"), "--shock", '{"__proto__":1}'],
  },
  {
    name: "debtrank --shock constructor",
    argv: () => ["debtrank", file("net.json"), "--shock", '{"constructor":1}'],
  },
  { name: "debtrank --shock deep", argv: () => ["debtrank", file("net.json"), "--shock", deep(100_000)] },
  { name: "debtrank --shock above 1", argv: () => ["debtrank", file("net.json"), "--shock", '{"a":2}'] },
  { name: "debtrank with neither --shock nor --each", argv: () => ["debtrank", file("net.json")] },
  {
    name: "losses --shock __proto__",
    argv: () => ["losses", file("net.json"), "--shock", '{"__proto__":1}'],
  },
  {
    name: "losses --shock 100 kB unterminated",
    argv: () => ["losses", file("net.json"), "--shock", `{"a": "${long}`],
  },
  // scenario files
  { name: "/etc/passwd as a scenario", argv: () => ["simulate", "/etc/passwd"] },
  { name: "a directory as a scenario", argv: () => ["simulate", file("dir.yaml")] },
  { name: "a missing scenario", argv: () => ["simulate", file("missing.yaml")] },
  { name: "a YAML alias bomb", argv: () => ["simulate", file("bomb.yaml")] },
  { name: "YAML syntax error", argv: () => ["simulate", file("syntax.yaml")] },
  { name: "YAML duplicate key", argv: () => ["simulate", file("dupkey.yaml")] },
  { name: "YAML alias to no anchor", argv: () => ["simulate", file("missing-alias.yaml")] },
  { name: "YAML tab indentation", argv: () => ["simulate", file("tab.yaml")] },
  { name: "source: constructor", argv: () => ["simulate", file("constructor.yaml")] },
  { name: "source: __proto__", argv: () => ["simulate", file("proto-source.yaml")] },
  { name: "__proto__ key at the top of a scenario", argv: () => ["simulate", file("proto-top.yaml")] },
  { name: "a YAML list as a scenario", argv: () => ["simulate", file("list.yaml")] },
  { name: "an empty scenario", argv: () => ["simulate", file("empty.yaml")] },
  { name: "a 100 kB scalar as a scenario", argv: () => ["simulate", file("scalar.yaml")] },
  { name: "a 17 MB scenario", argv: () => ["simulate", file("big.yaml")] },
  { name: "horizonQuarters 1e400", argv: () => ["simulate", file("huge-number.yaml")] },
  { name: "horizonQuarters NaN", argv: () => ["simulate", file("horizon-string.yaml")] },
  { name: "sensitivity on /etc/passwd", argv: () => ["sensitivity", "/etc/passwd", "--output", "x"] },
  { name: "stress on a directory", argv: () => ["stress", file("dir.yaml"), "--entity", "x"] },
  { name: "sensitivity --output unknown", argv: () => ["sensitivity", SCENARIO, "--output", "nope:x"] },
  // CSV files and dataset references
  { name: "a missing CSV", argv: () => ["fit", file("missing.csv"), "--form", "chinchilla"] },
  { name: "a directory as a CSV", argv: () => ["fit", file("dir.csv"), "--form", "chinchilla"] },
  { name: "a CSV with only a header", argv: () => ["fit", file("header-only.csv"), "--form", "chinchilla"] },
  {
    name: "a CSV with text in a number column",
    argv: () => ["fit", file("text-loss.csv"), "--form", "chinchilla"],
  },
  { name: "a ragged CSV", argv: () => ["fit", file("ragged.csv"), "--form", "chinchilla"] },
  { name: "a CSV with a 50 MB cell", argv: () => ["fit", file("cell.csv"), "--form", "chinchilla"] },
  { name: "an unknown dataset", argv: () => ["fit", "nosuch:file.csv", "--form", "chinchilla"] },
  { name: "fit --where on no column", argv: () => fitArgs("--where", "nocol=1") },
  { name: "fit --x a missing column", argv: () => ["fit", "chinchilla", "--form", "power", "--x", "nope"] },
  { name: "bend --x a missing column", argv: () => ["bend", "chinchilla", "--x", "nope", "--y", "loss"] },
  { name: "trend --metric unknown", argv: () => ["trend", "epoch-models", "--metric", "nope"] },
  { name: "pca --table a missing CSV", argv: () => ["pca", "--table", file("missing.csv")] },
  // network files
  { name: "a network that is not JSON", argv: () => ["clear", file("net-not-json.json")] },
  { name: "a network 100,000 levels deep", argv: () => ["clear", file("net-deep.json")] },
  { name: "a directory as a network", argv: () => ["clear", file("dir.json")] },
  { name: "a missing network", argv: () => ["debtrank", file("missing.json"), "--each"] },
  { name: "a network with a negative amount", argv: () => ["clear", file("net-bad-amount.json")] },
  { name: "a network that is an array", argv: () => ["losses", file("net-array.json"), "--shock", "{}"] },
];

describe("bad input at the CLI edge", () => {
  it("covers at least 80 bad inputs", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(80);
  });

  it.each(CASES)("$name: exit 2, one line 'wallcast: ...' on stderr, nothing on stdout", async ({ argv }) => {
    const { code, stdout, stderr } = await runMain(argv());
    const lines = stderr.split("\n");
    expect({ code, stdout, lines: lines.length, last: lines.at(-1) }).toEqual({
      code: 2,
      stdout: "",
      lines: 2,
      last: "",
    });
    expect(lines[0]).toMatch(/^wallcast: /);
    expect(lines[0]).not.toMatch(/internal error/);
    expect(lines[0].length).toBeLessThanOrEqual(300);
  });
});
