/**
 * The web app's Monte Carlo in Debian's Chromium: 500 paths of the default scenario on the app's Web Workers,
 * the first run of a page (every worker's code still cold, as when the page opens) and the runs after it (the
 * seed changed, as a user moving a lever; the last `WARM` of `RUNS` runs, once the JIT has settled), against the
 * same engine in Node — `simulate` with the app's chunks on 2 threads, fresh workers each time as the CLI starts
 * them — timed in the same round. Target: 500 paths in under 1 s. It builds the package first (`npm run build`)
 * unless `--no-build`, and Node runs the compiled engine from dist/.
 * Usage: node --import tsx bench/app/run.ts [paths] [--no-build]
 */
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHUNK_PATHS } from "../../app/src/engine/chunks.js";
import type { Scenario } from "../../src/scenario/schema.js";
import type { SimulateOptions, SimulationResult } from "../../src/scenario/simulate.js";
import { ensureAppBuilt, startStaticServer } from "../../test/app/appServer.js";
import { CHROMIUM } from "../../test/support/browser.js";
import { loadLine, REPEATS, showSpread, spread } from "../measure.js";

const args = process.argv.slice(2);
const paths = Number(args.find((a) => !a.startsWith("--")) ?? 500);
/** Runs per page load, and how many of the last count as warm. */
const RUNS = 6;
const WARM = 3;

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
if (!args.includes("--no-build")) {
  const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) console.error("bench: npm run build reported errors; using what dist/ holds");
}
await ensureAppBuilt();
// Node runs the compiled engine, so that its worker threads load JavaScript rather than compile TypeScript.
const dist = (module: string) => new URL(`../../dist/scenario/${module}.js`, import.meta.url).href;
const { loadScenario } = (await import(dist("loader"))) as {
  loadScenario: (file: string) => Promise<Scenario>;
};
const { simulate } = (await import(dist("simulate"))) as {
  simulate: (scenario: Scenario, options: SimulateOptions) => Promise<SimulationResult>;
};
// Node's workers are kept between runs: each timed run starts fresh ones, as the command line does.
const { releaseWorkers } = (await import(new URL("../../dist/util/shareWork.js", import.meta.url).href)) as {
  releaseWorkers: () => Promise<void>;
};
const { base, stop } = await startStaticServer();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const scenario = await loadScenario("default");

/** Seconds of each run of one page load: the first on opening, then one per seed. */
async function pageRuns(): Promise<number[]> {
  const page = await browser.newPage();
  const seconds = (text: string | null) => {
    const match = text?.match(/^\d+ paths in ([\d.]+) s/);
    if (!match) throw new Error(`bench: unexpected status ${JSON.stringify(text)}`);
    return Number(match[1]);
  };
  await page.goto(new URL(`/?paths=${paths}`, base).href);
  await page.waitForSelector('main[data-status="done"]', { timeout: 120_000 });
  const out = [seconds(await page.textContent(".status"))];
  for (let seed = 2; seed <= RUNS; seed++) {
    await page.fill('input[type="number"][min="0"]', String(seed));
    await page.waitForSelector('main[data-status="running"]', { timeout: 5_000 }).catch(() => {});
    await page.waitForSelector('main[data-status="done"]', { timeout: 120_000 });
    out.push(seconds(await page.textContent(".status")));
  }
  await page.close();
  return out;
}

console.log(`${paths} paths of the default scenario, chunks of ${CHUNK_PATHS}; ${loadLine()}`);
const cold: number[] = [];
const warm: number[] = [];
const node: number[] = [];
const ratios: number[] = [];
for (let round = 0; round < REPEATS; round++) {
  const runs = await pageRuns();
  await releaseWorkers();
  const started = performance.now();
  await simulate(scenario, { paths, seed: 1, chunkSize: CHUNK_PATHS, threads: 2 });
  const nodeSeconds = (performance.now() - started) / 1000;
  cold.push(runs[0]);
  warm.push(...runs.slice(-WARM));
  node.push(nodeSeconds);
  ratios.push(runs[0] / nodeSeconds);
  console.log(
    `round ${round + 1}: browser ${runs.map((s) => s.toFixed(2)).join(", ")} s; Node ${nodeSeconds.toFixed(2)} s`,
  );
}
await browser.close();
await stop();
const workers = Math.min(16, availableParallelism());
console.log(`browser, first run of a page (${workers} workers): ${showSpread(spread(cold), " s")}`);
console.log(
  `browser, runs ${RUNS - WARM + 1}–${RUNS} of a page: ${showSpread(spread(warm), " s")} (target < 1 s)`,
);
console.log(`Node, simulate on 2 threads (fresh workers): ${showSpread(spread(node), " s")}`);
console.log(`first browser run ÷ Node: ${showSpread(spread(ratios), "×")}; ${loadLine()}`);
