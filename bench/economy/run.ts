/**
 * Economy Monte Carlo throughput: paths per second on the default scenario (≥ 30 entities, 40 quarters) for 1
 * and 2 threads, the parallel efficiency, and the time for 10,000 paths (target < 60 s on 2 cores, efficiency
 * ≥ 80%). It first builds the package (`npm run build`) and runs the compiled JS from dist/, so worker threads
 * load plain JavaScript instead of compiling TypeScript through tsx. Falls back to a synthetic replica of the
 * test fixture when scenarios/default.yaml is unusable. There is no Python reference of this model; the
 * comparison is against one thread, and the 1- and 2-thread results must be bit-identical.
 * Usage: node --import tsx bench/economy/run.ts [paths] [--no-build]
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Scenario } from "../../src/scenario/schema.js";
import type { SimulateOptions, SimulationResult } from "../../src/scenario/simulate.js";
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
const times: Record<number, number> = {};
let reference = "";
for (const threads of [1, 2]) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await simulate(scenario, { paths, seed: 1, threads });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  times[threads] = seconds;
  const fingerprint = JSON.stringify(result);
  if (threads === 1) reference = fingerprint;
  const same = fingerprint === reference ? "identical to 1 thread" : "DIFFERS from 1 thread";
  // CPU time (all threads of this process) shows when the machine is shared: wall ≫ CPU / threads.
  console.log(
    `threads ${threads}: ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU, ${(paths / seconds).toFixed(0)} paths/s (${same})`,
  );
}
const speedup = times[1] / times[2];
console.log(
  `speed-up 2 vs 1 thread: ${speedup.toFixed(2)}×, parallel efficiency ${((100 * speedup) / 2).toFixed(0)}%`,
);
console.log(
  `projected 10,000 paths on 2 threads: ${((times[2] * 10_000) / paths).toFixed(1)} s (target < 60 s)`,
);

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
if (scenario.name === "default") {
  const pair = Math.max(...(await Promise.all([child(true), child(false)])));
  console.log(
    `hardware ceiling: two 1-thread processes of ${half} paths each at once take ${pair.toFixed(2)} s, ` +
      `efficiency ${((100 * times[1]) / (2 * pair)).toFixed(0)}% (wallcast's 2 threads: ${((100 * speedup) / 2).toFixed(0)}%)`,
  );
}
