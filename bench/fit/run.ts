/**
 * Scaling-engine benchmarks, each beside SciPy doing the same work in the same run:
 * - the S1 grid fit: L-BFGS from all 4,500 starts of Epoch's grid, single-threaded on both sides;
 * - the S3 bootstrap: 4,000 refits of resampled rows from Hoffmann's values (wallcast on 2 worker threads,
 *   SciPy single-threaded, as it has no threaded equivalent).
 * Run with `npm run bench -- fit`. Reads the data directory (`WALLCAST_DATA`, else ~/.cache/wallcast/data) and needs python3 with SciPy.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveDataDir } from "../../src/data/dataDir.js";
import { bootstrap } from "../../src/fit/bootstrap.js";
import { fit as fitLaw } from "../../src/fit/fit.js";
import { HOFFMANN_UNROUNDED, chinchillaRows as rows } from "../../test/fit/chinchillaData.js";

const data = resolveDataDir();
const csv = join(data, "chinchilla_epoch/svg_extracted_data.csv");
const reference = fileURLToPath(new URL("./reference.py", import.meta.url));
const replicates = Number(process.env.BENCH_FIT_B ?? 4000);
const threads = Number(process.env.BENCH_FIT_THREADS ?? 2);

function scipy(...args: string[]): { seconds: number; [key: string]: unknown } {
  const run = spawnSync("python3", [reference, csv, ...args], {
    env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`reference.py ${args.join(" ")} failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const fmt = (x: number, digits = 6) => Number(x.toPrecision(digits));

async function main(): Promise<void> {
  const columns = rows();
  const hoffmann = HOFFMANN_UNROUNDED;

  // CPU time beside wall time: the ratio of CPU times is the fair one on a busy machine.
  let t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const ours = fitLaw(columns, { form: "chinchilla", loss: "huber", delta: 1e-3 });
  const oursGrid = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const oursGridCpu = (cpu.user + cpu.system) / 1e6;
  const theirsGrid = scipy("grid");
  const theirsGridCpu = theirsGrid.cpuSeconds as number;
  console.log("S1 grid fit, 4,500 L-BFGS starts, 240 points, 1 thread each");
  console.log(
    `  wallcast ${oursGrid.toFixed(2)} s (CPU ${oursGridCpu.toFixed(2)} s)  objective ${fmt(ours.objective)}  alpha ${fmt(ours.params.alpha)}`,
  );
  console.log(
    `  SciPy    ${theirsGrid.seconds.toFixed(2)} s (CPU ${theirsGridCpu.toFixed(2)} s)  objective ${fmt(theirsGrid.objective as number)}  alpha ${fmt(theirsGrid.alpha as number)}`,
  );
  console.log(
    `  ratio SciPy/wallcast ${(theirsGrid.seconds / oursGrid).toFixed(2)}x wall, ${(theirsGridCpu / oursGridCpu).toFixed(2)}x CPU (target >= 3x)`,
  );

  t0 = performance.now();
  const boot = await bootstrap(
    columns,
    { form: "chinchilla" },
    { params: hoffmann },
    { replicates, seed: 1, threads },
  );
  const oursBoot = (performance.now() - t0) / 1000;
  const theirsBoot = scipy("bootstrap", String(replicates), "1");
  console.log(`\nS3 bootstrap, ${replicates} refits from Hoffmann's values`);
  console.log(
    `  wallcast ${oursBoot.toFixed(2)} s on ${threads} threads  alpha SE ${fmt(boot.se.alpha, 4)} (published 0.0154)`,
  );
  console.log(
    `  SciPy    ${theirsBoot.seconds.toFixed(2)} s on 1 thread (${theirsBoot.method})  alpha SE ${fmt(theirsBoot.alphaSe as number, 4)}`,
  );
  console.log(
    `  ratio SciPy/wallcast ${(theirsBoot.seconds / oursBoot).toFixed(2)}x (target: wallcast < 30 s)`,
  );
}

await main();
