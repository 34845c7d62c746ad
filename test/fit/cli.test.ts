import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMain } from "../support/inProcess.js";
import { HOFFMANN_UNROUNDED, relError } from "./chinchillaData.js";

let dir: string;
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "wallcast-fit-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const INIT = JSON.stringify(HOFFMANN_UNROUNDED);

describe("wallcast fit", () => {
  it("--json prints exactly one object with the contract's fields, and --c gives D = C/(6N)", async () => {
    const args = ["fit", "chinchilla", "--form", "chinchilla", "--drop-worst", "5", "--init", INIT, "--json"];
    const { code, stdout, stderr } = await runMain(args);
    expect([code, stderr]).toEqual([0, ""]);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining([
        "form",
        "params",
        "objective",
        "converged",
        "iterations",
        "n",
        "aic",
        "bic",
        "train",
      ]),
    );
    expect(out.n).toBe(240);
    expect(Object.keys(out.params)).toEqual(["E", "A", "B", "alpha", "beta"]);
    expect(Math.abs(out.objective - 0.00101827)).toBeLessThan(1e-7);
    const explicit = await runMain([...args, "--n", "Model Size", "--c", "Training FLOP", "--y", "loss"]);
    expect(JSON.parse(explicit.stdout).objective).toBe(out.objective);
  });

  it("fits BNSL on its fit split and scores the extrapolation split like Caballero et al.'s script", async () => {
    // Reference: the repo's own procedure (scipy brute grid + curve_fit on log(y+1)), run on the same 14 points,
    // prints a=0.413883, b=2.27727, c0=0.0550773, c1=5.66289, d1=612.584, f1=0.0591930,
    // rmsle train 5.98487e-4, rmsle extrapolate 0.0109157.
    const { code, stdout } = await runMain([
      "fit",
      "bnsl",
      "--form",
      "bnsl",
      "--loss",
      "msle",
      "--where",
      "split=fit",
      "--test-where",
      "split=extrapolate",
      "--json",
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.n).toBe(14);
    expect(out.test.n).toBe(3);
    expect(relError(out.params.d1, 612.584)).toBeLessThan(1e-3);
    expect(relError(out.params.c1, 5.66289)).toBeLessThan(1e-3);
    expect(relError(out.train.rmsle, 5.98487e-4)).toBeLessThan(1e-3);
    expect(relError(out.test.rmsle, 0.0109157)).toBeLessThan(1e-3);
  });

  it("prints a table with Hoffmann's values beside the estimates and bootstrap intervals", async () => {
    const { code, stdout } = await runMain([
      "fit",
      "chinchilla",
      "--form",
      "chinchilla",
      "--drop-worst",
      "5",
      "--init",
      INIT,
      "--bootstrap",
      "20",
      "--threads",
      "1",
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^param\s+estimate\s+SE\s+95% CI\s+Hoffmann rounded\s+unrounded$/m);
    expect(stdout).toMatch(/^alpha\s+0\.3473\d+\s+\S+\s+\[\S+, \S+\]\s+0\.34\s+0\.339171$/m);
    expect(stdout).toContain("rounded 0.00412101");
    expect(stdout).toContain("bootstrap: 20 replicates, seed 1");
  });

  it("--json with --bootstrap adds B, se and ci95 per parameter", async () => {
    const { code, stdout } = await runMain([
      "fit",
      "chinchilla",
      "--form",
      "power",
      "--x",
      "Training FLOP",
      "--fix",
      '{"E":0}',
      "--loss",
      "log-mse",
      "--bootstrap",
      "10",
      "--seed",
      "3",
      "--threads",
      "1",
      "--json",
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.params.E).toBe(0);
    expect(out.bootstrap.B).toBe(10);
    expect(Object.keys(out.bootstrap.ci95)).toEqual(["E", "A", "alpha"]);
    expect(out.bootstrap.se.E).toBe(0);
  });
});

describe.concurrent("wallcast fit rejects bad input with exit 2, one message and nothing on stdout", () => {
  const header = "Model Size,Training FLOP,loss\n";
  const cases: Array<[string, () => string[], RegExp]> = [
    ["an empty file", () => [file("empty.csv", ""), "--form", "chinchilla"], /empty\.csv: empty file/],
    [
      "a header without rows",
      () => [file("header.csv", header), "--form", "chinchilla"],
      /header\.csv: no data rows/,
    ],
    [
      "a missing column",
      () => [file("ok.csv", `${header}1e9,1e20,2.5\n2e9,3e20,2.4\n`), "--form", "chinchilla", "--y", "val"],
      /ok\.csv: --y: unknown column; the file has "Model Size", "Training FLOP", "loss" \(got "val"\)/,
    ],
    [
      "a non-positive N",
      () => [file("zero.csv", `${header}1e9,1e20,2.5\n0,3e20,2.4\n`), "--form", "chinchilla"],
      /zero\.csv:3: Model Size: must be a positive number \(got "0"\)/,
    ],
    [
      "a negative loss",
      () => [file("neg.csv", `${header}1e9,1e20,2.5\n2e9,3e20,-2.4\n`), "--form", "chinchilla"],
      /neg\.csv:3: loss: must be a positive number \(got "-2\.4"\)/,
    ],
    [
      "a NaN",
      () => [file("nan.csv", `${header}1e9,1e20,NaN\n2e9,3e20,2.4\n`), "--form", "chinchilla"],
      /nan\.csv:2: loss: not a finite number \(got "NaN"\)/,
    ],
    [
      "a form without its columns",
      () => [file("nou.csv", `${header}1e9,1e20,2.5\n2e9,3e20,2.4\n`), "--form", "data-constrained"],
      /nou\.csv: --u: form data-constrained needs a u column: pass --u COL/,
    ],
    [
      "--fix that is not JSON",
      () => ["chinchilla", "--form", "chinchilla", "--fix", "{E:0}"],
      /--fix: not valid JSON at line 1 column 2/,
    ],
    [
      "--fix naming an unknown parameter",
      () => ["chinchilla", "--form", "chinchilla", "--fix", '{"gamma":1}'],
      /--fix: unknown parameter of chinchilla; it has E, A, B, alpha, beta \(got "gamma"\)/,
    ],
    [
      "--fix with an impossible value",
      () => ["chinchilla", "--form", "chinchilla", "--fix", '{"A":-3}'],
      /--fix A: invalid A: -3 \(must be > 0\) \(got -3\)/,
    ],
    [
      "--d and --c together",
      () => ["chinchilla", "--form", "chinchilla", "--d", "loss", "--c", "Training FLOP"],
      /--c: give --d or --c, not both/,
    ],
    [
      "a --where matching nothing",
      () => ["bnsl", "--form", "bnsl", "--where", "split=nope"],
      /--where: no rows match \(got "split=nope"\)/,
    ],
    ["an unknown form", () => ["chinchilla", "--form", "cubic"], /argument 'cubic' is invalid/],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const { code, stdout, stderr } = await runMain(["fit", ...args()]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(message);
      expect(stderr.trim().split("\n")).toHaveLength(1);
    });
  }
});
