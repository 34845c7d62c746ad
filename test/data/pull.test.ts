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

let root: string;
let goodMirror: string;
let badMirror: string;
let partialMirror: string;
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

  it("fails a file the mirror lacks, naming the path, and still copies the others", async () => {
    const dataDir = freshDataDir();
    const result = await pullDatasets(["chinchilla", "bnsl"], { dataDir, from: partialMirror });
    expect(result.files.map((f) => f.status)).toEqual(["copied", "failed"]);
    expect(result.files[1]).toMatchObject({
      source: join(partialMirror, BNSL),
      error: "not in the mirror folder",
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

  it("reports a 404 with status and URL", async () => {
    const dataDir = freshDataDir();
    const result = await pullDatasets(["bnsl"], { dataDir, from: partial.url });
    expect(result.files[0]).toMatchObject({
      status: "failed",
      error: `HTTP 404 Not Found from ${partial.url}/${BNSL}`,
    });
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

  it("fails a mirror-only file when no mirror is given, saying one is needed", async () => {
    const dataDir = freshDataDir();
    const result = await pullDatasets(["bnsl"], { dataDir });
    expect(result.files[0]).toMatchObject({
      status: "failed",
      error: "mirror-only (a derived file with no public URL): pass --from DIR|URL pointing at a mirror",
    });
    expect(result.files[0].source).toBeUndefined();
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
