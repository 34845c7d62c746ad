import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { bnslCsv, numpyArrayLiterals, splitPoint } from "../../src/data/derive/bnsl.js";
import { RECIPES, recipeOrigin } from "../../src/data/derive/index.js";
import { printedPoints } from "../../src/data/derive/muennighoff2023.js";
import { notebookCellOutput } from "../../src/data/derive/notebook.js";
import { pythonFloatRepr } from "../../src/data/derive/pythonFloat.js";
import type { Recipe, RecipeInputs } from "../../src/data/derive/recipe.js";
import { commandOnPath, missingRequirement } from "../../src/data/derive/requirements.js";
import { getDataset } from "../../src/data/registry.js";
import { DATA } from "../support/cli.js";
import { expectSameTable, sha256 } from "../support/tables.js";

const UPSTREAM = process.env.WALLCAST_UPSTREAM;

/** A recipe's inputs read from the upstream-layout folder and the data directory, each checked against its pin. */
function folderInputs(recipe: Recipe, upstreamDir: string): RecipeInputs {
  return {
    upstream(path) {
      const original = recipe.upstream.find((o) => o.path === path)!;
      const bytes = readFileSync(join(upstreamDir, original.repo, original.commit, path));
      expect({ path, bytes: bytes.length, sha256: sha256(bytes) }).toEqual({
        path,
        bytes: original.bytes,
        sha256: original.sha256,
      });
      return bytes;
    },
    data(dataset, file) {
      return readFileSync(join(DATA, getDataset(dataset).folder, file));
    },
  };
}

describe.skipIf(UPSTREAM === undefined)("each recipe, built from the public originals", () => {
  for (const recipe of RECIPES) {
    it(`rebuilds every derived file of ${recipe.dataset} as the same table and byte for byte`, async () => {
      const dataset = getDataset(recipe.dataset);
      const outputs = await recipe.build(folderInputs(recipe, UPSTREAM!));
      const derived = dataset.files.filter((f) => f.derivedFrom !== undefined);
      expect([...outputs.keys()].sort()).toEqual(derived.map((f) => f.name).sort());
      for (const file of derived) {
        const built = outputs.get(file.name)!;
        const expected = readFileSync(join(DATA, dataset.folder, file.name));
        expectSameTable(built, expected, `${dataset.id}/${file.name}`);
        expect({ file: file.name, sha256: sha256(built), bytes: built.length }).toEqual({
          file: file.name,
          sha256: file.sha256,
          bytes: file.bytes,
        });
      }
    }, 60_000);
  }
});

describe("recipeOrigin()", () => {
  it("names each original's repository at its commit, else the data files read", () => {
    const bnsl = RECIPES.find((r) => r.dataset === "bnsl")!;
    expect(recipeOrigin(bnsl)).toBe("ethancaballero/broken_neural_scaling_laws@ffa608f7ca79");
    const hubJoin = RECIPES.find((r) => r.dataset === "epoch-benchmarks")!;
    expect(recipeOrigin(hubJoin)).toBe(
      "epoch-benchmarks/benchmarks_runs.csv, epoch-benchmarks/model_versions.csv, " +
        "epoch-training-cost/All ML Systems - full view.csv",
    );
  });
});

describe("bnslCsv()", () => {
  const script = [
    "import numpy as np",
    "x = np.array([160,  192,",
    "              256])",
    "",
    "y = np.array([2.13809046, 2.11813418, ",
    "              2.08955508])",
    "if __name__ == '__main__':",
    "    split_point = 2",
  ].join("\n");

  it("copies the arrays' literals verbatim and splits at split_point", () => {
    expect(numpyArrayLiterals(script, "x")).toEqual(["160", "192", "256"]);
    expect(splitPoint(script)).toBe(2);
    expect(bnslCsv(script)).toBe(
      "training_dataset_size,test_cross_entropy,split\n160,2.13809046,fit\n192,2.11813418,fit\n256,2.08955508,extrapolate\n",
    );
  });

  it("refuses a script without the arrays, with arrays of different lengths or without split_point", () => {
    expect(() => bnslCsv("x = 1\n")).toThrow("no 'x = np.array([...])' in the BNSL script");
    expect(() => bnslCsv(script.replace("256])", "256, 288])"))).toThrow(
      "BNSL arrays differ in length: x 4, y 3",
    );
    expect(() => bnslCsv(script.replace("split_point = 2", ""))).toThrow("no 'split_point = <n>'");
    expect(() => numpyArrayLiterals("x = np.array([1, two])", "x")).toThrow("not a number in array x: two");
  });
});

describe("muennighoff2023 printed points", () => {
  it("keeps the five-field lines and drops the one-word debug print of get_unique_tokens", () => {
    const output =
      "2b855b28b 2810000000.0 55000000000.0 28000000000.0 2.575713\n1b25\n7m100m100m 0.007 0.1 0.1 8.1\n";
    expect(printedPoints(output, 2)).toEqual([
      ["2b855b28b", "2810000000.0", "55000000000.0", "28000000000.0", "2.575713"],
      ["7m100m100m", "0.007", "0.1", "0.1", "8.1"],
    ]);
  });

  it("refuses a line that is not 'name N D U loss', naming the cell and line", () => {
    expect(() => printedPoints("a 1 2 3 4\nb 1 2 x 4\n", 26)).toThrow(
      "cell 26, output line 2: not 'name N D U loss': b 1 2 x 4",
    );
  });
});

describe("notebookCellOutput()", () => {
  const notebook = Buffer.from(
    JSON.stringify({
      cells: [
        { cell_type: "markdown" },
        {
          outputs: [
            { output_type: "stream", text: ["a 1\n", "b 2\n"] },
            { output_type: "execute_result", data: {} },
            { output_type: "stream", text: "c 3\n" },
          ],
        },
      ],
    }),
  );

  it("joins the stream outputs of a cell, text stored as a list of lines or as one string", () => {
    expect(notebookCellOutput(notebook, 1)).toBe("a 1\nb 2\nc 3\n");
  });

  it("refuses a cell that does not exist or printed nothing, and a negative index", () => {
    expect(() => notebookCellOutput(notebook, 5)).toThrow("the notebook has no cell 5");
    expect(() => notebookCellOutput(notebook, 0)).toThrow("cell 0 of the notebook printed nothing");
    expect(() => notebookCellOutput(notebook, -1)).toThrow(RangeError);
  });
});

describe("pythonFloatRepr()", () => {
  it("writes floats as Python's repr does", () => {
    const cases: Array<[number, string]> = [
      [0, "0.0"],
      [-0, "-0.0"],
      [2810000000, "2810000000.0"],
      [4.2465 * 1e9, "4246500000.0"],
      [0.007098752 * 1e9, "7098752.0"],
      [1e15, "1000000000000000.0"],
      [9999999999999998, "9999999999999998.0"],
      [1e16, "1e+16"],
      [1.5e300, "1.5e+300"],
      [0.0001, "0.0001"],
      [0.00012345, "0.00012345"],
      [1e-5, "1e-05"],
      [-2.5e-7, "-2.5e-07"],
      [5e-324, "5e-324"],
      [1 / 3, "0.3333333333333333"],
      [123.456, "123.456"],
      [Number.NaN, "nan"],
      [Number.NEGATIVE_INFINITY, "-inf"],
    ];
    for (const [x, text] of cases) expect({ x, text: pythonFloatRepr(x) }).toEqual({ x, text });
  });

  it("always reads back as the same number, with a decimal point or an exponent", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = pythonFloatRepr(x);
        expect(Object.is(Number(text), x)).toBe(true);
        expect(text).toMatch(/^-?(\d+\.\d+|\d(\.\d+)?e[+-]\d{2,3})$/);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});

describe("recipe requirements", () => {
  const bin = mkdtempSync(join(tmpdir(), "wallcast-bin-"));
  writeFileSync(join(bin, "fake-tool"), "#!/bin/sh\n");
  chmodSync(join(bin, "fake-tool"), 0o755);
  writeFileSync(join(bin, "not-executable"), "");
  afterAll(() => rmSync(bin, { recursive: true, force: true }));
  const needing = (command: string): Recipe => ({
    dataset: "porian2024",
    summary: "test",
    upstream: [],
    requires: { command, debianPackages: ["python3", "python3-pandas"] },
    build: async () => new Map(),
  });

  it("finds an executable on PATH and not a file without the execute bit", async () => {
    expect(await commandOnPath("fake-tool", `/nonexistent:${bin}`)).toBe(true);
    expect(await commandOnPath("not-executable", bin)).toBe(false);
    expect(await commandOnPath("fake-tool", "")).toBe(false);
  });

  it("names the Debian packages to install when the program is missing", async () => {
    const path = process.env.PATH;
    process.env.PATH = bin;
    try {
      expect(await missingRequirement(needing("fake-tool"))).toBeUndefined();
      expect(await missingRequirement(needing("python3-nowhere"))).toBe(
        "the porian2024 recipe needs 'python3-nowhere', which is not on PATH: apt-get install python3 python3-pandas",
      );
    } finally {
      process.env.PATH = path;
    }
  });
});
