/**
 * Sweeps on a real queue: Debian's redis-server on a free port, two `wallcast worker` processes, one killed
 * (SIGKILL) as soon as it starts a job. The coordinator's JSON equals the local run's, but for `timing`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRedis, parseQueueUrl } from "../../src/sweep/index.js";
import { CLI, DATA, runCli } from "../support/cli.js";
import { freePort } from "../support/freePort.js";

const REDIS = process.env.REDIS_SERVER_PATH ?? "/usr/bin/redis-server";
const ARGS = [
  "sweep",
  "default",
  "--design",
  "lhs",
  "--samples",
  "8",
  "--paths",
  "50",
  "--seed",
  "1",
  "--json",
];

let dir: string;
let port: number;
const children: ChildProcess[] = [];

/** A child process whose stderr is collected; `waitFor` resolves when a line matches. */
function start(args: string[]): {
  child: ChildProcess;
  stderr: () => string;
  waitFor: (re: RegExp) => Promise<string>;
} {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
    env: { ...process.env, WALLCAST_DATA: DATA },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let err = "";
  const waiters: Array<{ re: RegExp; resolve: (line: string) => void }> = [];
  child.stderr?.on("data", (d) => {
    err += d;
    for (const w of [...waiters]) {
      const m = err.match(w.re);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m[0]);
      }
    }
  });
  child.stdout?.resume();
  return {
    child,
    stderr: () => err,
    waitFor: (re) =>
      new Promise((resolve) => {
        const m = err.match(re);
        if (m) resolve(m[0]);
        else waiters.push({ re, resolve });
      }),
  };
}

function withoutTiming(json: string): unknown {
  const { timing: _, ...rest } = JSON.parse(json) as Record<string, unknown>;
  return rest;
}

beforeAll(async () => {
  if (!existsSync(REDIS))
    throw new Error(`no redis-server at ${REDIS}: apt-get install redis-server (.ci/run does)`);
  dir = mkdtempSync(join(tmpdir(), "wallcast-sweep-queue-"));
  port = await freePort();
  const redis = spawn(
    REDIS,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
    {
      stdio: "ignore",
    },
  );
  children.push(redis);
  const address = parseQueueUrl(`redis://127.0.0.1:${port}`);
  for (let k = 0; ; k++) {
    try {
      await checkRedis(address);
      break;
    } catch (error) {
      if (k > 50) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});

afterAll(async () => {
  for (const child of children.reverse())
    if (child.exitCode === null && child.signalCode === null) {
      const closed = new Promise((r) => child.once("close", r));
      child.kill("SIGTERM");
      await Promise.race([closed, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  rmSync(dir, { recursive: true, force: true });
});

describe("wallcast sweep --queue with wallcast worker", () => {
  it("prints the local run's JSON with two workers, one killed mid-job", { timeout: 180_000 }, async () => {
    const local = await runCli([...ARGS, "--out", join(dir, "local")]);
    expect(local.code, local.stderr).toBe(0);
    const queue = `redis://127.0.0.1:${port}`;
    const a = start(["worker", "--queue", queue, "--lease", "2"]);
    const b = start(["worker", "--queue", queue, "--lease", "2"]);
    await Promise.all([a.waitFor(/worker on /), b.waitFor(/worker on /)]);
    const coordinator = runCli([...ARGS, "--out", join(dir, "queued"), "--queue", queue]);
    // Kill A the moment it has taken a job: that job's lease runs out and B takes it again.
    const started = await Promise.race([
      a.waitFor(/job (\S+) of sweep \S+ started/),
      coordinator.then(() => {
        throw new Error(`worker A took no job before the sweep ended: ${a.stderr()}`);
      }),
    ]);
    a.child.kill("SIGKILL");
    const killedJob = /job (\S+) of/.exec(started)?.[1] as string;
    const queued = await coordinator;
    expect(queued.code, queued.stderr).toBe(0);
    expect(withoutTiming(queued.stdout)).toEqual(withoutTiming(local.stdout));
    const timing = JSON.parse(queued.stdout).timing;
    expect(timing).toMatchObject({ mode: "queue", jobsRun: 8, jobsResumed: 0, duplicates: 0 });
    // The killed job was run again by B, and stored once.
    expect(b.stderr()).toContain(`job ${killedJob} of sweep`);
    expect(readdirSync(join(dir, "queued", "jobs")).filter((f) => f.endsWith(".json"))).toHaveLength(8);
  });

  it("fails at once with one line, and writes nothing, when Redis does not answer", async () => {
    const closed = await freePort();
    const out = join(dir, "unreachable");
    const sweep = await runCli([...ARGS, "--out", out, "--queue", `redis://127.0.0.1:${closed}`]);
    expect(sweep.code).toBe(1);
    expect(sweep.stdout).toBe("");
    expect(sweep.stderr).toMatch(
      new RegExp(`^wallcast: cannot reach Redis at redis://127.0.0.1:${closed}: .+\\n$`),
    );
    expect(existsSync(out)).toBe(false);
    const worker = await runCli(["worker", "--queue", `redis://127.0.0.1:${closed}`]);
    expect(worker.code).toBe(1);
    expect(worker.stderr).toMatch(/^wallcast: cannot reach Redis at .+\n$/);
  });

  it("refuses a queue address that is not redis://HOST:PORT (exit 2)", async () => {
    const sweep = await runCli([...ARGS, "--queue", "http://127.0.0.1:1"]);
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toMatch(
      /^wallcast: --queue: expected redis:\/\/HOST:PORT \(got "http:\/\/127.0.0.1:1"\)\n$/,
    );
    const worker = await runCli(["worker", "--queue", "redis://127.0.0.1:99999"]);
    expect(worker.code).toBe(2);
  });
});
