import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATASETS } from "../../src/data/registry.js";
import { DATA, runCli } from "../support/cli.js";
import { runMain } from "../support/inProcess.js";
import { type MirrorServer, serveMirror } from "./mirrorServer.js";

const CHINCHILLA = "chinchilla_epoch/svg_extracted_data.csv";
const BNSL = "bnsl/DERIVED_bnsl_4digit_addition_fig4left.csv";
const UPSTREAM = process.env.WALLCAST_UPSTREAM;

let root: string;
let mirror: string;
let corrupted: MirrorServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "wallcast-data-cli-"));
  mirror = join(root, "mirror");
  for (const relative of [CHINCHILLA, BNSL]) cpSync(join(DATA, relative), join(mirror, relative));
  const badMirror = join(root, "bad");
  cpSync(mirror, badMirror, { recursive: true });
  const bytes = readFileSync(join(badMirror, BNSL));
  bytes[50] ^= 1;
  writeFileSync(join(badMirror, BNSL), bytes);
  corrupted = await serveMirror(badMirror);
});

afterAll(async () => {
  await corrupted.close();
  rmSync(root, { recursive: true, force: true });
});

describe("wallcast data list", () => {
  it("shows each file as verified and, for a DERIVED file, the originals and recipe that rebuild it", async () => {
    const { code, stdout, stderr } = await runMain(["data", "list"]);
    expect([code, stderr]).toEqual([0, ""]);
    expect(stdout).toContain(`data directory: ${DATA}`);
    expect(stdout).toContain(
      "verified DERIVED_bnsl_4digit_addition_fig4left.csv (394 bytes) derived: rebuilt from " +
        "ethancaballero/broken_neural_scaling_laws@ffa608f7ca79 (arrays x, y of the 4-digit-addition script, " +
        "split at split_point = 14)\n",
    );
    expect(stdout).toContain(
      "verified DERIVED_datablations_all_points_cell2.csv (17722 bytes) derived: rebuilt from " +
        "huggingface/datablations@13701315b163 (",
    );
    expect(stdout).not.toContain("no recipe");
    expect(stdout).toMatch(
      /verified svg_extracted_data\.csv \(23224 bytes\) https:\/\/raw\.githubusercontent\.com\/epoch-research\//,
    );
    expect(stdout).not.toMatch(/^\s+(missing|mismatch) /m);
  });

  it("--json reports one object with every dataset and each file's state in the --data directory", async () => {
    const dataDir = join(root, "list");
    cpSync(join(DATA, CHINCHILLA), join(dataDir, CHINCHILLA));
    const { code, stdout } = await runMain(["data", "list", "--json", "--data", dataDir]);
    expect(code).toBe(0);
    const listing = JSON.parse(stdout);
    expect(listing.dataDir).toBe(dataDir);
    expect(listing.datasets.map((d: { id: string }) => d.id)).toEqual(DATASETS.map((d) => d.id));
    const states = listing.datasets.flatMap((d: { files: { name: string; state: string }[] }) =>
      d.files.filter((f) => f.state !== "missing").map((f) => f.name),
    );
    expect(states).toEqual(["svg_extracted_data.csv"]);
    expect(listing.datasets[1].files[0]).toMatchObject({
      state: "missing",
      origin: expect.stringMatching(
        /^derived: rebuilt from ethancaballero\/broken_neural_scaling_laws@ffa608f7ca79 /,
      ),
    });
  });
});

describe("wallcast data pull", () => {
  it("copies from a mirror folder and prints one JSON summary (a spawned CLI writing files)", async () => {
    const dataDir = join(root, "pulled");
    const { code, stdout, stderr } = await runCli([
      "--data",
      dataDir,
      "data",
      "pull",
      "chinchilla",
      "bnsl",
      "--from",
      mirror,
      "--json",
    ]);
    expect([code, stderr]).toEqual([0, ""]);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      dataDir,
      ok: true,
      copied: 2,
      fetched: 0,
      built: 0,
      skipped: 0,
      failed: 0,
    });
    expect(readFileSync(join(dataDir, BNSL))).toEqual(readFileSync(join(DATA, BNSL)));
  });

  it("exits 2 with nothing on stdout when a download is corrupted, naming the file and both hashes", async () => {
    const dataDir = join(root, "refused");
    const { code, stdout, stderr } = await runMain([
      "data",
      "pull",
      "bnsl",
      "--from",
      corrupted.url,
      "--data",
      dataDir,
    ]);
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr).toMatch(
      /^wallcast: bnsl\/DERIVED_bnsl_4digit_addition_fig4left\.csv: sha256 mismatch: expected d5c96ce0\w{56}, got [0-9a-f]{64} \(394 bytes\); not written \(from http:\/\/127\.0\.0\.1:\d+\/bnsl\/DERIVED_bnsl_4digit_addition_fig4left\.csv\); data pull into \S+: fetched 0, copied 0, built 0, skipped 0, failed 1\n$/,
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it.skipIf(UPSTREAM === undefined)(
    "rebuilds derived files from a folder of originals and prints a line per file",
    async () => {
      const dataDir = join(root, "built");
      const { code, stdout, stderr } = await runMain([
        "data",
        "pull",
        "bnsl",
        "muennighoff2023",
        "--from",
        UPSTREAM!,
        "--data",
        dataDir,
      ]);
      expect([code, stderr]).toEqual([0, ""]);
      expect(stdout).toBe(
        [
          "built    bnsl/DERIVED_bnsl_4digit_addition_fig4left.csv",
          "built    muennighoff2023/DERIVED_datablations_fit_points_182.csv",
          "built    muennighoff2023/DERIVED_datablations_all_points_cell2.csv",
          `data pull into ${dataDir}: fetched 0, copied 0, built 3, skipped 0, failed 0`,
          "",
        ].join("\n"),
      );
      expect(readFileSync(join(dataDir, BNSL))).toEqual(readFileSync(join(DATA, BNSL)));
    },
  );

  it("exits 2 for an unknown id (the exit code and stderr of a spawned CLI)", async () => {
    const dataDir = join(root, "empty");
    const unknown = await runCli(["data", "pull", "gpt5", "--data", dataDir]);
    expect([unknown.code, unknown.stdout]).toEqual([2, ""]);
    expect(unknown.stderr).toMatch(/^wallcast: dataset: unknown dataset; known: .* \(got "gpt5"\)\n$/);
  });
});
