/**
 * Economy Monte Carlo throughput: paths per second on the default scenario (≥ 30 entities, 40 quarters) for 1
 * and 2 threads, the parallel efficiency, the machine's ceiling (two 1-thread processes of half the paths at
 * once) and how close the 2 threads come to it, and the time for 10,000 paths (targets: ≥ 3,000 paths/s on 2
 * threads, ≥ 85% of the ceiling, 10,000 paths < 60 s). Each run starts fresh workers, as the command line does,
 * except a last 2-thread run per round that keeps the worker of the run before (as a process simulating run after
 * run does). `BENCH_REPEATS` rounds (default 3) give each figure's
 * median and range. It first builds the package (`npm run build`) and runs the compiled JS from dist/, so worker
 * threads load plain JavaScript instead of compiling TypeScript through tsx. Falls back to a synthetic replica
 * of the test fixture when scenarios/default.yaml is unusable. There is no Python reference of this model; the
 * comparison is against one thread and the ceiling, and every run's result must be bit-identical.
 * Usage: node --import tsx bench/economy/run.ts [paths] [--no-build]
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Scenario } from "../../src/scenario/schema.js";
import type { SimulateOptions, SimulationResult } from "../../src/scenario/simulate.js";
import { loadLine, REPEATS, showSpread, spread } from "../measure.js";
import { benchScenario } from "./scenario.js";

const args = process.argv.slice(2);
const paths = Number(args.find((a) => !a.startsWith("--")) ?? 10_000);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DEFAULT = `${ROOT}scenarios/default.yaml`;

if (!args.includes("--no-build")) {
  const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) console.error("bench: npm run build reported errors; using what dist/ holds");
}
const dist = (module: string) => new URL(`../../dist/scenario/${module}.js`, import.meta.url).href;
const { loadScenario } = (await import(dist("loader"))) as {
  loadScenario: (file: string) => Promise<Scenario>;
};
const { simulate } = (await import(dist("simulate"))) as {
  simulate: (scenario: Scenario, options: SimulateOptions) => Promise<SimulationResult>;
};
// The workers are kept between runs; each timed run starts fresh ones, as the command line does, so that it
// compares with the ceiling's fresh processes.
const { releaseWorkers } = (await import(new URL("../../dist/util/shareWork.js", import.meta.url).href)) as {
  releaseWorkers: () => Promise<void>;
};

async function pickScenario(): Promise<Scenario> {
  if (existsSync(DEFAULT)) {
    try {
      const s = await loadScenario(DEFAULT);
      if (s.entities.length >= 30) return { ...s, horizonQuarters: Math.max(40, s.horizonQuarters) };
    } catch (error) {
      console.error(
        `default scenario not usable (${(error as Error).message.split("\n")[0]}); using the synthetic one`,
      );
    }
  }
  return benchScenario(4, 40);
}

const scenario = await pickScenario();
console.log(
  `scenario ${scenario.name}: ${scenario.entities.length} entities, ${scenario.contracts.length} contracts, ${scenario.horizonQuarters} quarters, ${paths} paths (compiled JS from dist/)`,
);
/** One simulation of `paths` paths on `threads` threads: wall and CPU seconds, and the result as JSON. */
async function timed(
  threads: number,
  workers: "fresh" | "kept" = "fresh",
): Promise<{ seconds: number; cpuSeconds: number; json: string }> {
  if (workers === "fresh") await releaseWorkers();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await simulate(scenario, { paths, seed: 1, threads });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, json: JSON.stringify(result) };
}

// The machine's own ceiling: two separate processes, each simulating half the paths on one thread at the same
// time, share nothing but the hardware (cores, caches, memory bandwidth).
const half = Math.ceil(paths / 2);
const child = (first: boolean) =>
  new Promise<number>((resolve, reject) => {
    const script = `
      const { loadScenario } = await import(${JSON.stringify(dist("loader"))});
      const { simulate } = await import(${JSON.stringify(dist("simulate"))});
      const s = await loadScenario(${JSON.stringify(DEFAULT)});
      const t0 = performance.now();
      await simulate({ ...s, horizonQuarters: ${scenario.horizonQuarters} }, { paths: ${half}, seed: ${first ? 1 : 2}, threads: 1 });
      process.stdout.write(String((performance.now() - t0) / 1000));`;
    const proc = spawn(process.execPath, ["--input-type=module", "-e", script]);
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
    });
    proc.on("error", reject);
    proc.on("close", (code) =>
      code === 0 ? resolve(Number(out)) : reject(new Error(`child exited ${code}`)),
    );
  });

// Each round times 1 thread, 2 threads and (for the default) the two-process ceiling back to back; the
// efficiencies are formed per round.
const withCeiling = scenario.name === "default";
const rates: Record<1 | 2, number[]> = { 1: [], 2: [] };
/** 2 threads again straight after, the worker kept from that run: what a process that simulates run after run
 * (a server, the main job, a library caller) sees once its worker is warm. */
const keptRates: number[] = [];
const efficiency: number[] = [];
const ceilingEfficiency: number[] = [];
const ofCeiling: number[] = [];
let reference = "";
for (let round = 0; round < REPEATS; round++) {
  const one = await timed(1);
  const two = await timed(2);
  reference ||= one.json;
  for (const [threads, run] of [
    [1, one],
    [2, two],
  ] as const) {
    const same = run.json === reference ? "identical to the first 1-thread run" : "DIFFERS from 1 thread";
    // CPU time (all threads of this process) shows when the machine is shared: wall ≫ CPU / threads.
    console.log(
      `round ${round + 1}, threads ${threads}: ${run.seconds.toFixed(2)} s wall, ${run.cpuSeconds.toFixed(2)} s CPU, ${(paths / run.seconds).toFixed(0)} paths/s (${same})`,
    );
    rates[threads].push(paths / run.seconds);
  }
  efficiency.push((100 * one.seconds) / (2 * two.seconds));
  const kept = await timed(2, "kept");
  console.log(
    `round ${round + 1}, threads 2, the worker kept from the run before: ${kept.seconds.toFixed(2)} s wall, ${(paths / kept.seconds).toFixed(0)} paths/s (${kept.json === reference ? "identical to the first 1-thread run" : "DIFFERS from 1 thread"})`,
  );
  keptRates.push(paths / kept.seconds);
  if (withCeiling) {
    const pair = Math.max(...(await Promise.all([child(true), child(false)])));
    console.log(
      `round ${round + 1}, two 1-thread processes of ${half} paths each at once: ${pair.toFixed(2)} s`,
    );
    ceilingEfficiency.push((100 * one.seconds) / (2 * pair));
    ofCeiling.push((100 * pair) / two.seconds);
  }
}
console.log(`1 thread: ${showSpread(spread(rates[1]), " paths/s")}`);
console.log(`2 threads: ${showSpread(spread(rates[2]), " paths/s")} (target ≥ 3,000 paths/s)`);
console.log(`2-thread parallel efficiency: ${showSpread(spread(efficiency), "%", 2)}`);
console.log(`2 threads, the worker kept from the run before: ${showSpread(spread(keptRates), " paths/s")}`);
if (withCeiling) {
  console.log(
    `the ceiling's efficiency (two 1-thread processes): ${showSpread(spread(ceilingEfficiency), "%", 2)}`,
  );
  console.log(
    `wallcast's 2 threads against the ceiling (ceiling time ÷ 2-thread time): ${showSpread(spread(ofCeiling), "%", 2)} (target ≥ 85%)`,
  );
}
console.log(
  `projected 10,000 paths on 2 threads: ${(10_000 / spread(rates[2]).median).toFixed(1)} s (target < 60 s); ${loadLine()}`,
);
