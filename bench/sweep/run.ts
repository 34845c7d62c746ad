/**
 * Sweep throughput on this machine: the same Latin hypercube sweep of the default scenario run locally (1 and 2
 * threads) and on a BullMQ queue with 1 and 2 `wallcast worker` processes (one job at a time each), in paths per
 * second end to end; the queue's overhead per job from a sweep of one-path jobs (queue − local, 1 worker vs 1
 * thread); and from those figures a projection of a full grouped Sobol sweep (N = 1,024, 500 paths a point) on 1,
 * 10 and 100 machines like this one. Every run must print the same JSON but for `timing`. Each figure is the
 * median of the repeats, with their range. Needs Debian's redis-server (started here on a free port). It builds
 * the package first (`npm run build`) and runs dist/cli/main.js, so worker threads load plain JavaScript.
 * Usage: node --import tsx bench/sweep/run.ts [--points 16] [--paths 250] [--repeats 3] [--no-build]
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../test/support/freePort.js";

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const k = args.indexOf(name);
  return k >= 0 ? Number(args[k + 1]) : fallback;
};
const POINTS = flag("--points", 16);
const PATHS = flag("--paths", 250);
const REPEATS = flag("--repeats", 3);
const TINY_JOBS = 48;
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI = join(ROOT, "dist", "cli", "main.js");
const REDIS = process.env.REDIS_SERVER_PATH ?? "/usr/bin/redis-server";

if (!args.includes("--no-build")) {
  const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) console.error("bench: npm run build reported errors; using what dist/ holds");
}
if (!existsSync(REDIS)) {
  console.error(`bench: no redis-server at ${REDIS} (apt-get install redis-server)`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), "wallcast-bench-sweep-"));
const children: ChildProcess[] = [];

function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string; seconds: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...argv], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) =>
      resolve({ code: code ?? -1, stdout, stderr, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

/** A `wallcast worker` process, resolved once it is waiting for jobs. */
function worker(queue: string): Promise<ChildProcess> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, "worker", "--queue", queue], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    children.push(child);
    let err = "";
    child.stderr?.on("data", (d) => {
      err += d;
      if (err.includes("worker on ")) resolve(child);
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise((r) => child.once("close", r));
  child.kill("SIGTERM");
  await closed;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const range = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;

const port = await freePort();
const redis = spawn(
  REDIS,
  ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
  {
    stdio: "ignore",
  },
);
children.push(redis);
await new Promise((r) => setTimeout(r, 500));
const queue = `redis://127.0.0.1:${port}`;

try {
  console.log(
    `${availableParallelism()} cores, load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")} at the start; ${REPEATS} repeats; compiled JS from dist/`,
  );
  const sweep = (points: number, paths: number, out: string, extra: string[]) => [
    "sweep",
    "default",
    "--design",
    "lhs",
    "--samples",
    String(points),
    "--paths",
    String(paths),
    "--seed",
    "1",
    "--job-points",
    "1",
    "--json",
    "--out",
    join(dir, out),
    ...extra,
  ];
  const configs = ["local, 1 thread", "local, 2 threads", "queue, 1 worker", "queue, 2 workers"] as const;
  const times: Record<string, number[]> = Object.fromEntries(configs.map((c) => [c, []]));
  const tiny: Record<string, number[]> = { local: [], queue: [] };
  let reference: string | undefined;
  const check = (label: string, r: { code: number; stdout: string; stderr: string }, ref?: string) => {
    if (r.code !== 0) throw new Error(`${label} failed: ${r.stderr.trim()}`);
    const { timing: _, ...rest } = JSON.parse(r.stdout);
    const text = JSON.stringify(rest);
    if (ref !== undefined && text !== ref) throw new Error(`${label}: the JSON differs from the local run's`);
    return text;
  };
  let tinyReference: string | undefined;
  for (let rep = 0; rep < REPEATS; rep++) {
    const a = await worker(queue);
    for (const config of configs) {
      const extra =
        config === "local, 1 thread"
          ? ["--threads", "1"]
          : config === "local, 2 threads"
            ? ["--threads", "2"]
            : ["--queue", queue];
      const b = config === "queue, 2 workers" ? await worker(queue) : undefined;
      // The queue-1 run has worker A alone; local runs have A idle (it only waits on Redis).
      const r = await run(sweep(POINTS, PATHS, `${rep}-${config.replace(/\W+/g, "-")}`, extra));
      reference = check(config, r, reference);
      times[config].push(r.seconds);
      if (b) await stop(b);
    }
    // Overhead per job: one-path jobs, 1 worker against 1 thread.
    const l = await run(sweep(TINY_JOBS, 1, `${rep}-tiny-local`, ["--threads", "1"]));
    tinyReference = check("tiny local", l, tinyReference);
    const q = await run(sweep(TINY_JOBS, 1, `${rep}-tiny-queue`, ["--queue", queue]));
    check("tiny queue", q, tinyReference);
    tiny.local.push(l.seconds);
    tiny.queue.push(q.seconds);
    await stop(a);
  }
  const work = POINTS * PATHS;
  console.log(
    `\nlhs sweep of the default scenario: ${POINTS} points × ${PATHS} paths (${work} point-paths), ${POINTS} jobs`,
  );
  console.log("every run printed the same JSON but for timing\n");
  console.log("| run | wall s (median, range) | paths/s |");
  console.log("|---|---|---|");
  const rate: Record<string, number> = {};
  for (const config of configs) {
    rate[config] = work / median(times[config]);
    console.log(
      `| ${config} | ${median(times[config]).toFixed(2)} (${range(times[config])}) | ${rate[config].toFixed(0)} |`,
    );
  }
  const perJob = (median(tiny.queue) - median(tiny.local)) / TINY_JOBS;
  const perJobs = tiny.queue.map((q, k) => (q - tiny.local[k]) / TINY_JOBS);
  console.log(
    `\nqueue overhead per job: ${(1000 * perJob).toFixed(1)} ms (${TINY_JOBS} one-path jobs: local 1 thread ${median(tiny.local).toFixed(2)} s, 1 worker ${median(tiny.queue).toFixed(2)} s; per repeat ${perJobs.map((x) => (1000 * x).toFixed(1)).join(", ")} ms)`,
  );
  // Projection: a full grouped Sobol sweep of the default scenario, N = 1,024 over its 7 groups, 500 paths.
  const points = 1024 * (7 + 2);
  const paths = 500;
  const jobPoints = 4;
  const jobs = points / jobPoints;
  const perMachine = rate["queue, 2 workers"];
  const slotRate = perMachine / 2;
  const jobSeconds = (jobPoints * paths) / slotRate + perJob;
  console.log(
    `\nprojection, grouped Sobol of the default scenario: N = 1,024 × (7 + 2) = ${points} points × ${paths} paths = ${((points * paths) / 1e6).toFixed(2)} M point-paths in ${jobs} jobs of ${jobPoints * paths} (${jobSeconds.toFixed(1)} s each at ${slotRate.toFixed(0)} paths/s a worker, overhead included); machines like this one, 2 workers each:`,
  );
  for (const machines of [1, 10, 100]) {
    const rounds = Math.ceil(jobs / (2 * machines));
    const seconds = rounds * jobSeconds;
    console.log(
      `  ${String(machines).padStart(3)} machines: ${(seconds / 3600).toFixed(2)} h (${rounds} rounds of jobs; ${(
        (points * paths) / seconds
      ).toFixed(0)} paths/s)`,
    );
  }
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")} at the end`,
  );
} finally {
  for (const child of children.reverse()) await stop(child);
  rmSync(dir, { recursive: true, force: true });
}
