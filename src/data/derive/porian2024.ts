import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Recipe, UpstreamFile } from "./recipe.js";

const execFileAsync = promisify(execFile);

const REPO = "formll/resolving-scaling-law-discrepancies";
const COMMIT = "0dc60d91b8a525858a3067fc9e4a46ff5374cc6f";

/** The derivation script; the same relative path from src/data/derive and dist/data/derive. */
const SCRIPT = fileURLToPath(new URL("../../../scripts/derive/porian2024.py", import.meta.url));

/** Python interpreters tried in order: the one on PATH may be a pyenv or venv build without pandas. */
const PYTHONS = ["python3", "/usr/bin/python3"];

/** Exit code of the script when pandas cannot be imported. */
const EXIT_NO_PANDAS = 3;
/** Exit code of a shell or pyenv shim that finds no such command. */
const EXIT_NO_COMMAND = 127;

/** Script run limit, ms (a run takes about 2 s). */
const TIMEOUT_MS = 120_000;

const MISSING_PYTHON = "porian2024 recipe needs Python 3 with pandas: apt-get install python3-pandas";

/** The three files the script writes, in registry order. */
export const PORIAN2024_OUTPUTS = [
  "DERIVED_porian2024_isoflop_points.csv",
  "DERIVED_porian2024_compute_optimal_points.csv",
  "DERIVED_porian2024_fit_results.csv",
] as const;

/** One pickle of the pinned commit. */
function pickle(name: string, bytes: number, sha256: string): UpstreamFile {
  return { repo: REPO, commit: COMMIT, path: `data/${name}`, bytes, sha256 };
}

/** Runs the script with the first interpreter that has pandas; throws on failure with the script's stderr. */
async function runScript(args: string[]): Promise<void> {
  for (const python of PYTHONS) {
    try {
      await execFileAsync(python, [SCRIPT, ...args], { timeout: TIMEOUT_MS, maxBuffer: 1 << 20 });
      return;
    } catch (error) {
      // execFile's error: `code` is the exit status, or "ENOENT" when the command does not exist.
      const failure = error as Error & { code?: string | number; killed?: boolean; stderr?: string };
      // Not installed, or installed without pandas: try the next interpreter.
      if (failure.code === "ENOENT" || failure.code === EXIT_NO_PANDAS || failure.code === EXIT_NO_COMMAND) {
        continue;
      }
      if (failure.killed) {
        throw new Error(`porian2024 recipe: ${python} timed out after ${TIMEOUT_MS / 1000} s`);
      }
      // The script reports its failure as its last stderr line (after any numpy or pandas warnings).
      const reason = (failure.stderr ?? "").trim().split("\n").pop() || failure.message;
      throw new Error(`porian2024 recipe: ${python} failed: ${reason.slice(0, 300)}`);
    }
  }
  throw new Error(MISSING_PYTHON);
}

/** Rebuilds the Porian et al. 2024 isoFLOP points, compute-optimal points and fits from the paper's pickles. */
export const porian2024Recipe: Recipe = {
  dataset: "porian2024",
  summary: "isoFLOP runs, compute-optimal points and fits read from the paper's four pandas pickles (Python)",
  upstream: [
    pickle(
      "summary_df.pickle.xz",
      1287320,
      "afbf07ec92d23182f56a44dd43599f2a7e9716fd70492fbc0a35f6093272b74f",
    ),
    pickle(
      "summary_df_owt2.pickle.xz",
      1342912,
      "7aed67d1ad9bc1d7b0518e3814cee1129216b423b4538d4b724873dd670cff30",
    ),
    pickle(
      "summary_df_att.pickle.xz",
      1027008,
      "40218b8320817bf3c34f82c57aaa28c53ccb5feb9bb3928ee6fc70868ac22af7",
    ),
    pickle(
      "summary_df_kaplan_tuned_hparams.pickle.xz",
      259880,
      "09b6b91c9c6fa0e4c2684dcbed82475ee62d6c4fc60db5ca2ce5653b08f0ae55",
    ),
  ],
  requires: { command: "python3", debianPackages: ["python3-pandas"] },
  async build(inputs) {
    const dir = await mkdtemp(join(tmpdir(), "wallcast-porian2024-"));
    try {
      const inputDir = join(dir, "in");
      const outputDir = join(dir, "out");
      await mkdir(inputDir);
      await mkdir(outputDir);
      for (const file of porian2024Recipe.upstream) {
        await writeFile(join(inputDir, basename(file.path)), inputs.upstream(file.path));
      }
      await runScript([inputDir, outputDir]);
      const files = new Map<string, Buffer>();
      for (const name of PORIAN2024_OUTPUTS) files.set(name, await readFile(join(outputDir, name)));
      return files;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
