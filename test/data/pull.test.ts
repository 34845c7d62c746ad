import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullDatasets } from "../../src/data/pull.js";
import { getDataset } from "../../src/data/registry.js";
import { datasetFileState } from "../../src/data/status.js";
import { InputError } from "../../src/util/errors.js";
import { DATA } from "../support/cli.js";
import { closedPort, type MirrorServer, serveMirror } from "./mirrorServer.js";

const CHINCHILLA = "chinchilla_epoch/svg_extracted_data.csv";
const BNSL = "bnsl/DERIVED_bnsl_4digit_addition_fig4left.csv";
const chinchillaSha = getDataset("chinchilla").files[0].sha256;
const BNSL_REPO = "ethancaballero/broken_neural_scaling_laws/ffa608f7ca7910b6f6bcbd39915491353ad5d600";
const BNSL_SCRIPT = "fit_bnsl_and_extrapolate__4_digit_addition__dataset_size_x-axis.py";
const CHINCHILLA_UPSTREAM =
  "epoch-research/analyzing-chinchilla/92258837425e1b5f2851d624287f0120583a3d0e/data/svg_extracted_data.csv";
const DATABLATIONS = "huggingface/datablations/13701315b163f1c54642b94ad237b2699187c3ee";
const NOTEBOOK = `${DATABLATIONS}/utils/parametric_fit.ipynb`;
const MUENNIGHOFF = [
  "muennighoff2023/DERIVED_datablations_fit_points_182.csv",
  "muennighoff2023/DERIVED_datablations_all_points_cell2.csv",
];
const UPSTREAM = process.env.WALLCAST_UPSTREAM;

let root: string;
let goodMirror: string;
let badMirror: string;
let partialMirror: string;
let emptyMirror: string;
let counter = 0;

/** A fresh, empty data directory. */
function freshDataDir(): string {
  return join(root, `data-${counter++}`);
}

/** Every file under `dir`, relative, sorted (shows leftovers such as temporary files). */
function listTree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

function copyInto(mirror: string, ...relatives: string[]): void {
  for (const relative of relatives) cpSync(join(DATA, relative), join(mirror, relative));
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "wallcast-pull-"));
  goodMirror = join(root, "good");
  copyInto(goodMirror, CHINCHILLA, BNSL);
  partialMirror = join(root, "partial");
  copyInto(partialMirror, CHINCHILLA);
  emptyMirror = join(root, "empty");
  mkdirSync(emptyMirror);
  // Same length with one byte changed (caught by the hash), and one byte too many (caught by the size guard).
  badMirror = join(root, "bad");
  copyInto(badMirror, CHINCHILLA, BNSL);
  const corrupted = readFileSync(join(badMirror, CHINCHILLA));
  corrupted[100] ^= 1;
  writeFileSync(join(badMirror, CHINCHILLA), corrupted);
  writeFileSync(join(badMirror, BNSL), Buffer.concat([readFileSync(join(DATA, BNSL)), Buffer.from("\n")]));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("pullDatasets() from a mirror folder", () => {
  it("copies chinchilla and bnsl, verified, skips them next time and copies again with force", async () => {
    const dataDir = freshDataDir();
    const first = await pullDatasets(["chinchilla", "bnsl"], { dataDir, from: goodMirror });
    expect(first.files.map((f) => [f.file, f.status, f.bytes])).toEqual([
      ["svg_extracted_data.csv", "copied", 23224],
      ["DERIVED_bnsl_4digit_addition_fig4left.csv", "copied", 394],
    ]);
    expect([first.ok, first.copied, first.fetched, first.skipped, first.failed]).toEqual([true, 2, 0, 0, 0]);
    expect(listTree(dataDir)).toEqual([BNSL, CHINCHILLA]);
    expect(
      createHash("sha256")
        .update(readFileSync(join(dataDir, CHINCHILLA)))
        .digest("hex"),
    ).toBe(chinchillaSha);

    const second = await pullDatasets(["bnsl", "chinchilla"], { dataDir, from: goodMirror });
    expect(second.files.map((f) => f.status)).toEqual(["skipped", "skipped"]);
    const forced = await pullDatasets(["chinchilla"], {
      dataDir,
      from: pathToFileURL(goodMirror).href,
      force: true,
    });
    expect(forced.files.map((f) => f.status)).toEqual(["copied"]);
    expect(listTree(dataDir)).toEqual([BNSL, CHINCHILLA]);
  });

  it("replaces a present file whose sha256 does not match", async () => {
    const dataDir = freshDataDir();
    mkdirSync(join(dataDir, "bnsl"), { recursive: true });
    writeFileSync(join(dataDir, BNSL), "training_dataset_size,test_cross_entropy,split\n");
    const file = getDataset("bnsl").files[0];
    expect(await datasetFileState(join(dataDir, BNSL), file)).toBe("mismatch");
    const result = await pullDatasets(["bnsl"], { dataDir, from: goodMirror });
    expect(result.files[0].status).toBe("copied");
    expect(await datasetFileState(join(dataDir, BNSL), file)).toBe("verified");
  });

  it("fails a file the mirror lacks in both layouts, naming the paths, and still copies the others", async () => {
    const dataDir = freshDataDir();
    const result = await pullDatasets(["chinchilla", "bnsl"], { dataDir, from: partialMirror });
    expect(result.files.map((f) => f.status)).toEqual(["copied", "failed"]);
    expect(result.files[1]).toMatchObject({
      source: join(partialMirror, BNSL_REPO),
      error: `original not found: no such file: ${join(partialMirror, BNSL_REPO, BNSL_SCRIPT)}`,
    });
    const missing = await pullDatasets(["chinchilla"], { dataDir: freshDataDir(), from: emptyMirror });
    expect(missing.files[0]).toMatchObject({
      status: "failed",
      source: join(emptyMirror, CHINCHILLA),
      error:
        `not in the mirror: no such file: ${join(emptyMirror, CHINCHILLA)}; ` +
        `no such file: ${join(emptyMirror, CHINCHILLA_UPSTREAM)}`,
    });
    expect(result.ok).toBe(false);
    expect(listTree(dataDir)).toEqual([CHINCHILLA]);
  });
});

describe("pullDatasets() from a mirror URL", () => {
  let good: MirrorServer;
  let bad: MirrorServer;
  let partial: MirrorServer;
  let stalled: MirrorServer;
  beforeAll(async () => {
    [good, bad, partial, stalled] = await Promise.all([
      serveMirror(goodMirror),
      serveMirror(badMirror),
      serveMirror(partialMirror),
      serveMirror(goodMirror, [`/${CHINCHILLA}`]),
    ]);
  });
  afterAll(async () => {
    await Promise.all([good, bad, partial, stalled].map((s) => s.close()));
  });

  it("downloads chinchilla and bnsl from 127.0.0.1 and verifies them", async () => {
    const dataDir = freshDataDir();
    const result = await pullDatasets(["chinchilla", "bnsl"], { dataDir, from: `${good.url}/` });
    expect(result.files.map((f) => [f.status, f.source])).toEqual([
      ["fetched", `${good.url}/${CHINCHILLA}`],
      ["fetched", `${good.url}/${BNSL}`],
    ]);
    expect(good.requests).toEqual([`/${CHINCHILLA}`, `/${BNSL}`]);
    expect(listTree(dataDir)).toEqual([BNSL, CHINCHILLA]);
    for (const [relative, file] of [
      [CHINCHILLA, getDataset("chinchilla").files[0]],
      [BNSL, getDataset("bnsl").files[0]],
    ] as const) {
      expect(await datasetFileState(join(dataDir, relative), file)).toBe("verified");
    }
  });

  it("refuses a corrupted file naming expected and actual sha256, and a too-long one, leaving no file", async () => {
    const dataDir = freshDataDir();
    const result = await pullDatasets(["chinchilla", "bnsl"], { dataDir, from: bad.url });
    const actual = createHash("sha256")
      .update(readFileSync(join(badMirror, CHINCHILLA)))
      .digest("hex");
    expect(result.files.map((f) => [f.status, f.error])).toEqual([
      ["failed", `sha256 mismatch: expected ${chinchillaSha}, got ${actual} (23224 bytes); not written`],
      ["failed", "larger than the expected 394 bytes"],
    ]);
    expect([result.ok, result.failed]).toEqual([false, 2]);
    expect(listTree(dataDir)).toEqual([]);
  });

  it("does not overwrite a good file with a corrupted download when forced", async () => {
    const dataDir = freshDataDir();
    await pullDatasets(["chinchilla"], { dataDir, from: goodMirror });
    const result = await pullDatasets(["chinchilla"], { dataDir, from: bad.url, force: true });
    expect(result.files[0].status).toBe("failed");
    expect(listTree(dataDir)).toEqual([CHINCHILLA]);
    expect(await datasetFileState(join(dataDir, CHINCHILLA), getDataset("chinchilla").files[0])).toBe(
      "verified",
    );
  });

  it("reports a 404 with status and URL, for a plain file and for a derived file's original", async () => {
    const dataDir = freshDataDir();
    const result = await pullDatasets(["bnsl"], { dataDir, from: partial.url });
    expect(result.files[0]).toMatchObject({
      status: "failed",
      source: `${partial.url}/${BNSL_REPO}`,
      error: `original not found: HTTP 404 Not Found from ${partial.url}/${BNSL_REPO}/${BNSL_SCRIPT}`,
    });
    expect(partial.requests.slice(-2)).toEqual([`/${BNSL}`, `/${BNSL_REPO}/${BNSL_SCRIPT}`]);
    expect(listTree(dataDir)).toEqual([]);
  });

  it("reports a refused connection", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const result = await pullDatasets(["bnsl"], { dataDir: freshDataDir(), from: url });
    expect(result.files[0].error).toMatch(
      new RegExp(`^cannot fetch ${url}/${BNSL.replace(/\./g, "\\.")}: .*ECONNREFUSED`),
    );
  });

  it("gives up on a download that stalls, leaving no temporary file", async () => {
    const dataDir = freshDataDir();
    const result = await pullDatasets(["chinchilla"], { dataDir, from: stalled.url, idleTimeoutMs: 200 });
    expect(result.files[0]).toMatchObject({ status: "failed", error: "no data for 0.2 s; gave up" });
    expect(listTree(dataDir)).toEqual([]);
  });
});

describe("pullDatasets() input errors", () => {
  it("rejects an unknown dataset id before writing anything", async () => {
    const dataDir = freshDataDir();
    const pull = pullDatasets(["chinchilla", "gpt5"], { dataDir, from: goodMirror });
    await expect(pull).rejects.toThrow(InputError);
    await expect(pullDatasets(["gpt5"], { dataDir, from: goodMirror })).rejects.toThrow(
      /^dataset: unknown dataset; known: chinchilla, bnsl, .* \(got "gpt5"\)$/,
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it("rebuilds a derived file from its originals' raw GitHub URLs when no mirror is given", async () => {
    const dataDir = freshDataDir();
    const result = await pullDatasets(["bnsl"], { dataDir, idleTimeoutMs: 5000 });
    const raw = `https://raw.githubusercontent.com/${BNSL_REPO}`;
    expect(result.files[0].source).toBe(raw);
    // Offline (as in CI) the fetch fails and nothing is written; online the file is built and verified.
    if (result.files[0].status === "failed") {
      expect(result.files[0].error).toMatch(
        new RegExp(
          `^original ethancaballero/broken_neural_scaling_laws/${BNSL_SCRIPT.replace(/\./g, "\\.")}: `,
        ),
      );
      expect(existsSync(dataDir)).toBe(false);
    } else {
      expect(result.files[0].status).toBe("built");
      expect(listTree(dataDir)).toEqual([BNSL]);
    }
  });

  it("rejects a --from that is neither a folder nor an http(s) URL", async () => {
    await expect(
      pullDatasets(["bnsl"], { dataDir: freshDataDir(), from: join(root, "nowhere") }),
    ).rejects.toThrow(`--from: not a folder or an http(s) URL (got "${join(root, "nowhere")}")`);
  });

  it("rejects a non-positive idle timeout", async () => {
    await expect(
      pullDatasets(["bnsl"], { dataDir: freshDataDir(), from: goodMirror, idleTimeoutMs: 0 }),
    ).rejects.toThrow("invalid idleTimeoutMs: 0");
  });
});

/** Every entry under `dir` (files and folders), relative, sorted. */
function listEntries(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe.skipIf(UPSTREAM === undefined)(
  "pullDatasets() rebuilding derived files from their originals",
  () => {
    const upstream = UPSTREAM!;
    const derivedFiles = [BNSL, ...MUENNIGHOFF];
    let dataMirror: string;
    let mixedMirror: string;
    let mixed: MirrorServer;

    /** Every derived file of bnsl and muennighoff2023 present with the registry's sha256. */
    async function expectVerified(dataDir: string): Promise<void> {
      for (const [id, relative] of [
        ["bnsl", BNSL],
        ["muennighoff2023", MUENNIGHOFF[0]],
        ["muennighoff2023", MUENNIGHOFF[1]],
      ] as const) {
        const file = getDataset(id).files.find((f) => relative.endsWith(f.name))!;
        expect({ relative, state: await datasetFileState(join(dataDir, relative), file) }).toEqual({
          relative,
          state: "verified",
        });
      }
    }

    beforeAll(async () => {
      dataMirror = join(root, "data-layout");
      copyInto(dataMirror, ...derivedFiles);
      // Data layout for bnsl, upstream layout for the notebook and for chinchilla (a plain file).
      mixedMirror = join(root, "mixed");
      copyInto(mixedMirror, BNSL);
      cpSync(join(upstream, NOTEBOOK), join(mixedMirror, NOTEBOOK));
      cpSync(join(DATA, CHINCHILLA), join(mixedMirror, CHINCHILLA_UPSTREAM));
      mixed = await serveMirror(mixedMirror);
    });
    afterAll(() => mixed.close());

    it("builds bnsl and muennighoff2023 from a folder in the upstream layout, skips them next time, builds again with force", async () => {
      const dataDir = freshDataDir();
      const first = await pullDatasets(["bnsl", "muennighoff2023"], { dataDir, from: upstream });
      expect(first.files.map((f) => [f.file, f.status, f.source, f.bytes])).toEqual([
        ["DERIVED_bnsl_4digit_addition_fig4left.csv", "built", join(upstream, BNSL_REPO), 394],
        ["DERIVED_datablations_fit_points_182.csv", "built", join(upstream, DATABLATIONS), 10864],
        ["DERIVED_datablations_all_points_cell2.csv", "built", join(upstream, DATABLATIONS), 17722],
      ]);
      expect([first.ok, first.built, first.copied, first.fetched]).toEqual([true, 3, 0, 0]);
      expect(listTree(dataDir)).toEqual([BNSL, ...MUENNIGHOFF].sort());
      await expectVerified(dataDir);
      const again = await pullDatasets(["bnsl", "muennighoff2023"], { dataDir, from: upstream });
      expect(again.files.map((f) => f.status)).toEqual(["skipped", "skipped", "skipped"]);
      const forced = await pullDatasets(["muennighoff2023"], { dataDir, from: upstream, force: true });
      expect(forced.files.map((f) => f.status)).toEqual(["built", "built"]);
      expect(listTree(dataDir)).toEqual([BNSL, ...MUENNIGHOFF].sort());
    });

    it("copies derived files from a folder in the data layout without rebuilding them", async () => {
      const dataDir = freshDataDir();
      const result = await pullDatasets(["bnsl", "muennighoff2023"], { dataDir, from: dataMirror });
      expect(result.files.map((f) => [f.status, f.source])).toEqual(
        derivedFiles.map((relative) => ["copied", join(dataMirror, relative)]),
      );
      await expectVerified(dataDir);
    });

    it("takes each file from whichever layout of a mixed folder has it", async () => {
      const dataDir = freshDataDir();
      const result = await pullDatasets(["chinchilla", "bnsl", "muennighoff2023"], {
        dataDir,
        from: mixedMirror,
      });
      expect(result.files.map((f) => [f.status, f.source])).toEqual([
        ["copied", join(mixedMirror, CHINCHILLA_UPSTREAM)],
        ["copied", join(mixedMirror, BNSL)],
        ["built", join(mixedMirror, DATABLATIONS)],
        ["built", join(mixedMirror, DATABLATIONS)],
      ]);
      expect(listTree(dataDir)).toEqual([BNSL, CHINCHILLA, ...MUENNIGHOFF].sort());
      await expectVerified(dataDir);
    });

    it("takes each file from whichever layout of a mixed mirror URL has it, fetching the notebook once", async () => {
      const dataDir = freshDataDir();
      const result = await pullDatasets(["chinchilla", "bnsl", "muennighoff2023"], {
        dataDir,
        from: mixed.url,
      });
      expect(result.files.map((f) => [f.status, f.source])).toEqual([
        ["fetched", `${mixed.url}/${CHINCHILLA_UPSTREAM}`],
        ["fetched", `${mixed.url}/${BNSL}`],
        ["built", `${mixed.url}/${DATABLATIONS}`],
        ["built", `${mixed.url}/${DATABLATIONS}`],
      ]);
      expect(mixed.requests.filter((r) => r === `/${NOTEBOOK}`)).toHaveLength(1);
      await expectVerified(dataDir);
    });

    it("fails every derived file of a recipe whose program is missing, naming the Debian package", async () => {
      const dataDir = freshDataDir();
      const path = process.env.PATH;
      process.env.PATH = emptyMirror;
      try {
        const result = await pullDatasets(["porian2024"], { dataDir, from: upstream });
        expect(result.files.map((f) => [f.status, f.error])).toEqual(
          getDataset("porian2024").files.map(() => [
            "failed",
            "the porian2024 recipe needs 'python3', which is not on PATH: apt-get install python3-pandas",
          ]),
        );
      } finally {
        process.env.PATH = path;
      }
      expect(existsSync(dataDir)).toBe(false);
    });
  },
);

describe("pullDatasets() data inputs of recipes", () => {
  it("pulls the files a recipe reads first, from other datasets too, then builds the derived file", async () => {
    const mirror = join(root, "hub");
    const hub = getDataset("epoch-benchmarks");
    const plain = hub.files.filter((f) => f.derivedFrom === undefined).map((f) => `${hub.folder}/${f.name}`);
    const models = "epoch_training_cost_trends/All ML Systems - full view.csv";
    copyInto(mirror, ...plain, models);
    const dataDir = freshDataDir();
    const result = await pullDatasets(["epoch-benchmarks"], { dataDir, from: mirror });
    expect(result.files.slice(0, 4).map((f) => [f.dataset, f.file, f.status])).toEqual([
      ["epoch-benchmarks", "benchmarks_runs.csv", "copied"],
      ["epoch-benchmarks", "model_versions.csv", "copied"],
      ["epoch-training-cost", "All ML Systems - full view.csv", "copied"],
      ["epoch-benchmarks", "DERIVED_epoch_hub_runs_joined.csv", "built"],
    ]);
    expect(result.files[3].source).toBe(dataDir);
    expect([result.ok, result.files.length, result.built]).toEqual([true, hub.files.length + 1, 1]);
    expect(listTree(dataDir)).toEqual([...hub.files.map((f) => `${hub.folder}/${f.name}`), models].sort());
  });
});

describe("pullDatasets() leaves nothing behind", () => {
  it("refuses a FIFO in a mirror at once, as a file and as an original, without blocking on it", async () => {
    const mirror = join(root, "fifo");
    mkdirSync(join(mirror, "chinchilla_epoch"), { recursive: true });
    mkdirSync(join(mirror, BNSL_REPO), { recursive: true });
    execFileSync("mkfifo", [join(mirror, CHINCHILLA), join(mirror, BNSL_REPO, BNSL_SCRIPT)]);
    const dataDir = freshDataDir();
    const started = Date.now();
    const result = await pullDatasets(["chinchilla", "bnsl"], { dataDir, from: mirror });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.files.map((f) => [f.status, f.error])).toEqual([
      ["failed", `not a regular file: ${join(mirror, CHINCHILLA)}; refused`],
      [
        "failed",
        `original ethancaballero/broken_neural_scaling_laws/${BNSL_SCRIPT}: ` +
          `not a regular file: ${join(mirror, BNSL_REPO, BNSL_SCRIPT)}; refused`,
      ],
    ]);
    expect(existsSync(dataDir)).toBe(false);
  });

  it("leaves the data directory with no files and no folders when the mirror URL is unreachable", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const dataDir = freshDataDir();
    mkdirSync(dataDir);
    const result = await pullDatasets(["chinchilla", "bnsl", "muennighoff2023"], { dataDir, from: url });
    expect(result.files.map((f) => f.status)).toEqual(["failed", "failed", "failed", "failed"]);
    expect(listEntries(dataDir)).toEqual([]);
    const absent = freshDataDir();
    await pullDatasets(["chinchilla", "bnsl"], { dataDir: absent, from: url });
    expect(existsSync(absent)).toBe(false);
  });

  it("removes a folder it created when the only file for it fails after the download started", async () => {
    const server = await serveMirror(goodMirror, [`/${CHINCHILLA}`]);
    try {
      const dataDir = freshDataDir();
      mkdirSync(dataDir);
      const result = await pullDatasets(["chinchilla"], { dataDir, from: server.url, idleTimeoutMs: 200 });
      expect(result.files[0].error).toBe("no data for 0.2 s; gave up");
      expect(listEntries(dataDir)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
