import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/data/csv.js";
import { resolveDataDir } from "../../src/data/dataDir.js";
import { PORIAN2024_OUTPUTS, porian2024Recipe } from "../../src/data/derive/porian2024.js";
import type { RecipeInputs } from "../../src/data/derive/recipe.js";
import { expectSameTable, sha256 } from "../support/tables.js";

const UPSTREAM = process.env.WALLCAST_UPSTREAM;
const HAS_XZ = spawnSync("xz", ["--version"]).status === 0;

/** Recipe inputs read from a folder laid out `<path in repository>`. */
function folderInputs(root: string): RecipeInputs {
  return {
    upstream: (path) => readFileSync(join(root, path)),
    data: (dataset, file) => {
      throw new RangeError(`invalid data input: ${dataset}/${file}`);
    },
  };
}

/** Runs `fn` with os.tmpdir() (which honours TMPDIR) pointing at a fresh folder; returns what it left there. */
async function inFreshTmpdir<T>(fn: () => Promise<T>): Promise<{ result: T | Error; leftovers: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), "porian2024-test-"));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    const result = await fn().catch((error: Error) => error);
    return { result, leftovers: readdirSync(dir) };
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!UPSTREAM)("porian2024 recipe", () => {
  const [first] = porian2024Recipe.upstream;
  const mirror = join(UPSTREAM ?? "", first.repo, first.commit);

  /** The pinned pickles, with `path` replaced by `bytes`. */
  function inputsWith(path: string, bytes: Buffer): RecipeInputs {
    const pinned = folderInputs(mirror);
    return { ...pinned, upstream: (p) => (p === path ? bytes : pinned.upstream(p)) };
  }

  describe("from the pinned pickles", () => {
    let built: Map<string, Buffer>;
    let leftovers: string[];
    beforeAll(async () => {
      const run = await inFreshTmpdir(() => porian2024Recipe.build(folderInputs(mirror)));
      if (run.result instanceof Error) throw run.result;
      built = run.result;
      leftovers = run.leftovers;
    }, 150_000);

    it("pins the pickles' sizes and sha256", () => {
      for (const file of porian2024Recipe.upstream) {
        const bytes = readFileSync(join(mirror, file.path));
        expect({ path: file.path, bytes: bytes.length, sha256: sha256(bytes) }).toEqual({
          path: file.path,
          bytes: file.bytes,
          sha256: file.sha256,
        });
      }
    });

    it("writes exactly the three derived files and removes its temporary folder", () => {
      expect([...built.keys()]).toEqual([...PORIAN2024_OUTPUTS]);
      expect(leftovers).toEqual([]);
    });

    it.each(PORIAN2024_OUTPUTS)("rebuilds %s as the same table", (name) => {
      expectSameTable(built.get(name)!, readFileSync(join(resolveDataDir(), "porian2024", name)), name);
    });

    it.each(PORIAN2024_OUTPUTS)("rebuilds %s byte for byte", (name) => {
      const expected = readFileSync(join(resolveDataDir(), "porian2024", name));
      expect(sha256(built.get(name)!)).toBe(sha256(expected));
    });

    it("has the documented row counts and the first setup's bootstrap 95% interval", () => {
      const counts = PORIAN2024_OUTPUTS.map(
        (name) => parseCsv(built.get(name)!.toString("utf8")).rows.length,
      );
      expect(counts).toEqual([1745, 177, 75]);
      const fits = parseCsv(built.get("DERIVED_porian2024_fit_results.csv")!.toString("utf8"));
      const col = (name: string) => fits.header.indexOf(name);
      const ci = fits.rows.find((row) => row[col("fit")] === "bootstrap_weighted_n_exponent_CI95")!;
      expect(ci.slice(0, 3)).toEqual(["summary_df", "rw", "base"]);
      expect(Number(ci[col("n_exponent_lo")])).toBe(0.8235140030605618);
      expect(Number(ci[col("n_exponent_hi")])).toBe(0.8459584005693882);
      expect(Number(ci[col("n_boot")])).toBe(1000);
    });
  });

  it.skipIf(!existsSync("/usr/bin/python3"))(
    "falls back to /usr/bin/python3 when the python3 on PATH lacks pandas",
    async () => {
      const bin = mkdtempSync(join(tmpdir(), "porian2024-bin-"));
      const tried = join(bin, "tried");
      // Stands in for a pyenv or venv python3 without pandas: the script's own exit code for that case.
      writeFileSync(join(bin, "python3"), `#!/bin/sh\necho "$@" > ${tried}\nexit 3\n`, { mode: 0o755 });
      const savedPath = process.env.PATH;
      process.env.PATH = `${bin}:${savedPath}`;
      try {
        const run = await inFreshTmpdir(() => porian2024Recipe.build(folderInputs(mirror)));
        expect(run.result).toBeInstanceOf(Map);
        expect(readFileSync(tried, "utf8")).toMatch(/porian2024\.py /);
      } finally {
        process.env.PATH = savedPath;
        rmSync(bin, { recursive: true, force: true });
      }
    },
    30_000,
  );

  it.skipIf(!HAS_XZ)(
    "refuses a pickle that names a global outside the allow-list and runs nothing",
    async () => {
      const marker = join(tmpdir(), `porian2024-pwned-${process.pid}`);
      // Protocol-0 pickle of os.system("touch <marker>").
      const evil = Buffer.from(`cos\nsystem\n(S'touch ${marker}'\ntR.`, "latin1");
      const inputs = inputsWith("data/summary_df.pickle.xz", execFileSync("xz", ["-c"], { input: evil }));
      const run = await inFreshTmpdir(() => porian2024Recipe.build(inputs));
      expect(run.result).toBeInstanceOf(Error);
      expect((run.result as Error).message).toMatch(/global os\.system is not allowed$/);
      expect(existsSync(marker)).toBe(false);
      expect(run.leftovers).toEqual([]);
    },
  );

  it("reports a corrupt pickle in one line and removes its temporary folder", async () => {
    const run = await inFreshTmpdir(() =>
      porian2024Recipe.build(inputsWith("data/summary_df.pickle.xz", Buffer.from("not xz"))),
    );
    expect(run.result).toBeInstanceOf(Error);
    expect((run.result as Error).message).toMatch(
      /^porian2024 recipe: \S*python3 failed: porian2024\.py: LZMAError: /,
    );
    expect((run.result as Error).message).not.toContain("\n");
    expect(run.leftovers).toEqual([]);
  });
});
