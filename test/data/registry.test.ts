import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { RECIPES, recipeFor } from "../../src/data/derive/index.js";
import { DATASETS, getDataset, githubSlug, rawGithubUrl, resolveDataRef } from "../../src/data/registry.js";
import { InputError } from "../../src/util/errors.js";
import { DATA } from "../support/cli.js";

describe("DATASETS", () => {
  it("matches every file of the shared data folder byte for byte (size and sha256)", () => {
    for (const dataset of DATASETS) {
      for (const file of dataset.files) {
        const path = join(DATA, dataset.folder, file.name);
        const bytes = readFileSync(path);
        expect({ path, bytes: bytes.length }).toEqual({ path, bytes: file.bytes });
        expect({ path, sha256: createHash("sha256").update(bytes).digest("hex") }).toEqual({
          path,
          sha256: file.sha256,
        });
      }
    }
  });

  it("lists every data file of the shared folder, and nothing else", () => {
    const onDisk = readdirSync(DATA)
      .filter((folder) => statSync(join(DATA, folder)).isDirectory())
      .flatMap((folder) => readdirSync(join(DATA, folder)).map((name) => `${folder}/${name}`))
      .sort();
    const registered = DATASETS.flatMap((d) => d.files.map((f) => `${d.folder}/${f.name}`)).sort();
    expect(registered).toEqual(onDisk);
    expect(registered).toHaveLength(65);
  });

  it("marks exactly the DERIVED_ files derived and pins every other file to a raw URL at a commit", () => {
    for (const dataset of DATASETS) {
      expect(dataset.source.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(dataset.source.repository).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+$/);
      expect(dataset.licence.length).toBeGreaterThan(0);
      expect(dataset.citation.length).toBeGreaterThan(0);
      if (dataset.defaultFile) expect(dataset.files.map((f) => f.name)).toContain(dataset.defaultFile);
      for (const file of dataset.files) {
        const derived = file.name.startsWith("DERIVED_");
        expect({ name: file.name, derived: file.derivedFrom !== undefined }).toEqual({
          name: file.name,
          derived,
        });
        if (derived) {
          expect([file.url, file.upstreamPath, file.commit]).toEqual([undefined, undefined, undefined]);
        } else {
          expect(file.url).toBe(rawGithubUrl(dataset.source.repository, file.commit!, file.upstreamPath!));
        }
      }
    }
    const ids = DATASETS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has exactly one recipe for each dataset with derived files, each original and data input pinned", () => {
    const withDerived = DATASETS.filter((d) => d.files.some((f) => f.derivedFrom !== undefined)).map(
      (d) => d.id,
    );
    expect(RECIPES.map((r) => r.dataset).sort()).toEqual([...withDerived].sort());
    expect(withDerived).toEqual(["bnsl", "muennighoff2023", "porian2024", "epoch-benchmarks", "llm-stats"]);
    for (const recipe of RECIPES) {
      expect(recipeFor(recipe.dataset)).toBe(recipe);
      expect(recipe.summary.length).toBeGreaterThan(0);
      for (const original of recipe.upstream) {
        expect(original.repo).toMatch(/^[^/]+\/[^/]+$/);
        expect(original.commit).toMatch(/^[0-9a-f]{40}$/);
        expect(original.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(Number.isSafeInteger(original.bytes) && original.bytes > 0).toBe(true);
      }
      expect(new Set(recipe.upstream.map((o) => o.path)).size).toBe(recipe.upstream.length);
      for (const input of recipe.data ?? []) {
        const file = getDataset(input.dataset).files.find((f) => f.name === input.file);
        expect({ input, plain: file?.derivedFrom === undefined && file !== undefined }).toEqual({
          input,
          plain: true,
        });
      }
    }
    expect(recipeFor("chinchilla")).toBeUndefined();
  });

  it("pins the Chinchilla points to Epoch's repository and encodes spaces in paths", () => {
    expect(getDataset("chinchilla").files[0].url).toBe(
      "https://raw.githubusercontent.com/epoch-research/analyzing-chinchilla/" +
        "92258837425e1b5f2851d624287f0120583a3d0e/data/svg_extracted_data.csv",
    );
    expect(getDataset("epoch-training-cost").files[0].url).toBe(
      "https://raw.githubusercontent.com/epoch-research/training-cost-trends/" +
        "263c40a159307e917213d1dc433c617e47d55bfe/data/All%20ML%20Systems%20-%20full%20view.csv",
    );
  });
});

describe("githubSlug()", () => {
  it("gives owner/repo of a GitHub repository URL", () => {
    expect(githubSlug("https://github.com/huggingface/datablations")).toBe("huggingface/datablations");
  });
});

describe("rawGithubUrl()", () => {
  it("keeps each path segment recoverable whatever characters it holds", () => {
    const segment = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes("/"));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (segments) => {
        const url = rawGithubUrl("https://github.com/o/r", "a".repeat(40), segments.join("/"));
        const tail = url.slice("https://raw.githubusercontent.com/o/r/".length + 41);
        expect(tail.split("/").map(decodeURIComponent)).toEqual(segments);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("rejects a repository that is not a GitHub URL and a commit that is not 40 hex digits", () => {
    expect(() => rawGithubUrl("https://gitlab.com/o/r", "a".repeat(40), "x.csv")).toThrow(RangeError);
    expect(() => githubSlug("https://github.com/o")).toThrow("invalid repository: https://github.com/o");
    expect(() => rawGithubUrl("https://github.com/o/r", "main", "x.csv")).toThrow("invalid commit: main");
  });
});

describe("resolveDataRef()", () => {
  const empty = mkdtempSync(join(tmpdir(), "wallcast-ref-"));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it("returns an existing file path as it is", () => {
    const path = join(DATA, "bnsl", "DERIVED_bnsl_4digit_addition_fig4left.csv");
    expect(resolveDataRef(path, empty)).toBe(path);
  });

  it("resolves a dataset id to its default file and id:file to that file", () => {
    expect(resolveDataRef("chinchilla", DATA)).toBe(join(DATA, "chinchilla_epoch", "svg_extracted_data.csv"));
    expect(resolveDataRef("muennighoff2023:DERIVED_datablations_all_points_cell2.csv", DATA)).toBe(
      join(DATA, "muennighoff2023", "DERIVED_datablations_all_points_cell2.csv"),
    );
  });

  it("names the dataset's files when the file is not one of them", () => {
    expect(() => resolveDataRef("bnsl:nope.csv", DATA)).toThrow(
      'dataset file: not a file of bnsl; files: DERIVED_bnsl_4digit_addition_fig4left.csv (got "bnsl:nope.csv")',
    );
  });

  it("says how to pull a registered file that is missing from the data directory", () => {
    expect(() => resolveDataRef("chinchilla", empty)).toThrow(
      `${join(empty, "chinchilla_epoch", "svg_extracted_data.csv")}: dataset file missing; run 'wallcast data pull chinchilla'`,
    );
  });

  it("rejects an unknown id, listing the known ones, and a path that does not exist", () => {
    expect(() => resolveDataRef("gpt5", DATA)).toThrow(InputError);
    expect(() => resolveDataRef("gpt5", DATA)).toThrow(/dataset: unknown dataset; known: chinchilla, bnsl, /);
    expect(() => resolveDataRef("missing/file.csv", DATA)).toThrow("missing/file.csv: no such file");
  });
});
