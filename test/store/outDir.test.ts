import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { prepareOutDir } from "../../src/store/index.js";
import { InputError } from "../../src/util/errors.js";
import { runMain } from "../support/inProcess.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "wallcast-out-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});

// Whether a file can really be created in `dir` (as root, permission bits do not stop it).
function canWriteIn(dir: string): boolean {
  try {
    writeFileSync(join(dir, ".probe"), "");
    rmSync(join(dir, ".probe"));
    return true;
  } catch {
    return false;
  }
}

describe("the --out folder", () => {
  it("is created with its parents when missing", () => {
    const out = join(tempDir(), "a", "b");
    prepareOutDir(out);
    expect(statSync(out).isDirectory()).toBe(true);
  });

  it("a file is refused as not a directory", () => {
    const file = join(tempDir(), "runs.txt");
    writeFileSync(file, "x");
    expect(() => prepareOutDir(file)).toThrow(InputError);
    expect(() => prepareOutDir(file)).toThrow(`--out: ${file}: not a directory`);
  });

  it("a folder under a file is refused, naming the path", () => {
    const file = join(tempDir(), "runs.txt");
    writeFileSync(file, "x");
    expect(() => prepareOutDir(join(file, "sub"))).toThrow(
      `--out: ${join(file, "sub")}: not a directory (a parent is a file)`,
    );
  });

  it("a read-only folder is refused exactly when nothing can be written in it", () => {
    const out = join(tempDir(), "ro");
    mkdirSync(out);
    chmodSync(out, 0o555);
    // As root the permission bits do not apply: then the folder is writable and must be accepted.
    if (canWriteIn(out)) expect(() => prepareOutDir(out)).not.toThrow();
    else expect(() => prepareOutDir(out)).toThrow(`--out: ${out}: not writable (permission denied)`);
    const under = join(out, "new");
    if (canWriteIn(out)) expect(() => prepareOutDir(under)).not.toThrow();
    else expect(() => prepareOutDir(under)).toThrow(`--out: ${under}: not writable (permission denied)`);
  });

  it("wallcast run with a file as --out exits 2 with one line before any work", async () => {
    const file = join(tempDir(), "runs.txt");
    writeFileSync(file, "x");
    const started = performance.now();
    const result = await runMain(["run", "ceiling", "--paths", "5", "--out", file]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `wallcast: --out: ${file}: not a directory\n` });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
