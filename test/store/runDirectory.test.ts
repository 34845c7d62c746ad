import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import {
  isProcessAlive,
  listRunDirectories,
  newRunId,
  RUN_DATABASE,
  removeStaleStaging,
  STAGING_OWNER,
  STALE_STAGING_MS,
  stageRun,
} from "../../src/store/index.js";
import { InputError } from "../../src/util/errors.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "wallcast-stage-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// A stand-in for a finished run: what listRunDirectories looks for.
function fillRun(dir: string): void {
  writeFileSync(join(dir, RUN_DATABASE), "");
}

function writeOwner(dir: string, owner: { pid: number; hostname: string; createdAt: number }): void {
  mkdirSync(dir);
  writeFileSync(join(dir, STAGING_OWNER), JSON.stringify(owner));
}

const STORE = fileURLToPath(new URL("../../src/store/index.ts", import.meta.url));

describe("run ids", () => {
  it("newRunId() keeps the time and seed prefix and adds a random suffix, so one second gives distinct ids", () => {
    const now = new Date("2026-11-25T19:30:12.345Z");
    const ids = Array.from({ length: 50 }, () => newRunId(now, 1));
    for (const id of ids) expect(id).toMatch(/^20261125-193012-s1-[0-9a-f]{6}$/);
    expect(new Set(ids).size).toBe(50);
    // Sortable by start time whatever the suffix.
    expect(newRunId(new Date("2026-11-25T19:30:13Z"), 1) > ids[0]).toBe(true);
  });
});

describe("staging a run", () => {
  it("two runs staged in the same second land side by side with distinct ids", () => {
    const out = tempDir();
    const now = new Date("2026-11-25T19:30:12Z");
    const a = stageRun(out, newRunId(now, 1));
    const b = stageRun(out, newRunId(now, 1));
    expect(a.stagingDir).not.toBe(b.stagingDir);
    fillRun(a.stagingDir);
    fillRun(b.stagingDir);
    b.commit();
    a.commit();
    expect(listRunDirectories(out)).toEqual([a.finalDir, b.finalDir].sort());
    // The owner record does not travel with the committed run.
    expect(readdirSync(a.finalDir)).toEqual([RUN_DATABASE]);
    expect(readdirSync(out).filter((n) => n.startsWith("."))).toEqual([]);
  });

  it("a second staging of the same id is refused and leaves the first one's folder intact", () => {
    const out = tempDir();
    const first = stageRun(out, "same");
    fillRun(first.stagingDir);
    expect(() => stageRun(out, "same")).toThrow(InputError);
    expect(() => stageRun(out, "same")).toThrow(
      /--id: a run of that id is being written in .* \(got "same"\)/,
    );
    expect(existsSync(join(first.stagingDir, RUN_DATABASE))).toBe(true);
    first.commit();
    expect(listRunDirectories(out)).toEqual([join(out, "same")]);
    expect(() => stageRun(out, "same")).toThrow(/--id: a run of that id exists in /);
  });

  it("the staging folder names its owner: this process on this host", () => {
    const out = tempDir();
    const staged = stageRun(out, "owned");
    const owner = JSON.parse(readFileSync(join(staged.stagingDir, STAGING_OWNER), "utf8"));
    expect(owner.pid).toBe(process.pid);
    expect(owner.hostname).toBe(hostname());
    expect(Math.abs(owner.createdAt - Date.now())).toBeLessThan(60_000);
    staged.discard();
    expect(readdirSync(out)).toEqual([]);
  });

  it("stageRun() makes a run visible only once committed, and refuses a malformed id", () => {
    const out = tempDir();
    const staged = stageRun(out, "run-a");
    expect(listRunDirectories(out)).toEqual([]);
    staged.discard();
    expect(existsSync(staged.stagingDir)).toBe(false);
    expect(() => stageRun(out, "bad/name")).toThrow(/invalid runId/);
  });
});

describe("stale staging folders", () => {
  it("a run killed with SIGKILL leaves a staging folder that the next staging removes", async () => {
    const out = tempDir();
    const script = [
      `const { stageRun } = await import(${JSON.stringify(STORE)});`,
      `stageRun(${JSON.stringify(out)}, "killed");`,
      `process.kill(process.pid, "SIGKILL");`,
    ].join("\n");
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: "ignore",
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, sig) => resolve(sig)),
    );
    expect(signal).toBe("SIGKILL");
    const leftover = join(out, ".killed.partial");
    expect(existsSync(leftover)).toBe(true);
    const owner = JSON.parse(readFileSync(join(leftover, STAGING_OWNER), "utf8"));
    expect(owner.pid).toBe(child.pid);
    expect(isProcessAlive(owner.pid)).toBe(false);

    const next = stageRun(out, "next");
    expect(existsSync(leftover)).toBe(false);
    expect(readdirSync(out)).toEqual([".next.partial"]);
    next.discard();
  });

  it("a live run's staging folder is kept, however many runs start beside it", () => {
    const out = tempDir();
    const live = stageRun(out, "live");
    stageRun(out, "other").discard();
    expect(removeStaleStaging(out)).toEqual([]);
    expect(existsSync(live.stagingDir)).toBe(true);
    live.discard();
  });

  it("a folder of another host is kept for 24 h, then removed; one without an owner goes by its age", () => {
    const out = tempDir();
    const now = Date.now();
    const elsewhere = join(out, ".elsewhere.partial");
    writeOwner(elsewhere, { pid: 1, hostname: `not-${hostname()}`, createdAt: now - 60_000 });
    const anonymous = join(out, ".anonymous.partial");
    mkdirSync(anonymous);
    const unrelated = join(out, ".keep-me");
    mkdirSync(unrelated);
    expect(removeStaleStaging(out, now)).toEqual([]);
    expect(removeStaleStaging(out, now + STALE_STAGING_MS + 120_000).sort()).toEqual([anonymous, elsewhere]);
    expect(readdirSync(out)).toEqual([".keep-me"]);
  });

  it("a folder of a dead process on this host is removed at once; a live process's only after 24 h", () => {
    const out = tempDir();
    const now = Date.now();
    const mine = join(out, ".mine.partial");
    writeOwner(mine, { pid: process.pid, hostname: hostname(), createdAt: now });
    expect(removeStaleStaging(out, now)).toEqual([]);
    expect(removeStaleStaging(out, now + STALE_STAGING_MS + 1)).toEqual([mine]);
  });
});
