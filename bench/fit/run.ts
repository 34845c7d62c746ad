/**
 * Scaling-engine benchmarks, each beside SciPy doing the same work in the same run:
 * - the S1 grid fit: L-BFGS from all 4,500 starts of Epoch's grid, single-threaded on both sides, then on T worker
 *   threads against SciPy with the grid split over T processes (and against its single process);
 * - the S3 bootstrap: 4,000 refits of resampled rows from Hoffmann's values, at equal threads: wallcast on T worker
 *   threads against T SciPy processes running B/T refits each at once (SciPy has no threaded equivalent).
 * One round times wallcast and then SciPy; each ratio is formed per round and reported as the median and range over
 * `BENCH_REPEATS` rounds. Run with `npm run bench -- fit`; `BENCH_FIT_B` sets the refits (4,000) and
 * `BENCH_FIT_THREADS` T (2); `BENCH_FIT_WARM=1` also times SciPy's refits started from the full-data inverse
 * Hessian, as wallcast's are (needs SciPy ≥ 1.12, which Debian 12's is not: `BENCH_PYTHON` picks another). Reads the data directory (`WALLCAST_DATA`, else ~/.cache/wallcast/data) and needs
 * python3 with SciPy.
 *
 * wallcast runs from dist/ when it is built and newer than every file of src/fit (as the CLI runs), else from
 * src/ through tsx (`BENCH_FROM_SOURCE=1` forces that): from source each bootstrap worker thread starts tsx and
 * compiles its modules, about half a second of CPU per thread that the built code does not spend. The line
 * printed says which ran.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveDataDir } from "../../src/data/dataDir.js";
import { HOFFMANN_UNROUNDED, chinchillaRows as rows } from "../../test/fit/chinchillaData.js";
import { PYTHON, REPEATS, showSpread, spread } from "../measure.js";

const data = resolveDataDir();
const csv = join(data, "chinchilla_epoch/svg_extracted_data.csv");
const reference = fileURLToPath(new URL("./reference.py", import.meta.url));
const replicates = Number(process.env.BENCH_FIT_B ?? 4000);
const threads = Number(process.env.BENCH_FIT_THREADS ?? 2);
/** Also time SciPy's refits started from the full-data fit's inverse Hessian, as wallcast's are (SciPy ≥ 1.12). */
const warm = process.env.BENCH_FIT_WARM === "1";

/** The newest modification time of the files under `dir`, in ms (0 for none). */
function newest(dir: string): number {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) time = Math.max(time, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return time;
}

const root = fileURLToPath(new URL("../../", import.meta.url));
const builtWorker = join(root, "dist/fit/bootstrapWorker.js");
const fromDist =
  process.env.BENCH_FROM_SOURCE !== "1" &&
  existsSync(builtWorker) &&
  statSync(builtWorker).mtimeMs >= newest(join(root, "src/fit"));
const code = fromDist ? join(root, "dist/fit") : join(root, "src/fit");
const ext = fromDist ? ".js" : ".ts";
const { bootstrap } = (await import(
  join(code, `bootstrap${ext}`)
)) as typeof import("../../src/fit/bootstrap.js");
const { fit: fitLaw } = (await import(join(code, `fit${ext}`))) as typeof import("../../src/fit/fit.js");
const { fitParallel } = (await import(
  join(code, `fitParallel${ext}`)
)) as typeof import("../../src/fit/fitParallel.js");
// The worker threads are kept between runs: each timed run starts fresh ones, as the command line does, and as
// SciPy's processes start.
const { releaseWorkers } = (await import(
  join(code, `../util/shareWork${ext}`)
)) as typeof import("../../src/util/shareWork.js");

type Reference = { seconds: number; [key: string]: unknown };

/** One reference.py process, single-threaded BLAS. */
function scipy(...args: string[]): Promise<Reference> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [reference, csv, ...args], {
      env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      err += chunk;
    });
    child.on("close", (code) => {
      if (code === 0) resolve(JSON.parse(out));
      else reject(new Error(`reference.py ${args.join(" ")} failed: ${err}`));
    });
  });
}

const fmt = (x: number, digits = 6) => Number(x.toPrecision(digits));

async function main(): Promise<void> {
  const columns = rows();
  const grid = {
    ours: [] as number[],
    oursCpu: [] as number[],
    theirs: [] as number[],
    wall: [] as number[],
    cpu: [] as number[],
  };
  const gridThreads = {
    ours: [] as number[],
    theirs: [] as number[],
    equal: [] as number[],
    single: [] as number[],
  };
  const boot = {
    ours: [] as number[],
    theirs: [] as number[],
    ratio: [] as number[],
    theirsWarm: [] as number[],
    ratioWarm: [] as number[],
  };
  let objective = "";
  let alphaSe = "";
  for (let round = 0; round < REPEATS; round++) {
    // CPU time beside wall time: the ratio of CPU times is the fairer one on a busy machine.
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const ours = fitLaw(columns, { form: "chinchilla", loss: "huber", delta: 1e-3 });
    const oursWall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const oursCpu = (cpu.user + cpu.system) / 1e6;
    const theirs = await scipy("grid");
    grid.ours.push(oursWall);
    grid.oursCpu.push(oursCpu);
    grid.theirs.push(theirs.seconds);
    grid.wall.push(theirs.seconds / oursWall);
    grid.cpu.push((theirs.cpuSeconds as number) / oursCpu);
    objective = `objective wallcast ${fmt(ours.objective)} alpha ${fmt(ours.params.alpha)}; SciPy ${fmt(theirs.objective as number)} alpha ${fmt(theirs.alpha as number)}`;

    // The same grid on `threads` worker threads, against SciPy with the grid split over as many processes (equal
    // threads) and against its one process above.
    await releaseWorkers();
    const tp = performance.now();
    const oursParallel = await fitParallel(
      columns,
      { form: "chinchilla", loss: "huber", delta: 1e-3 },
      threads,
    );
    const oursParallelWall = (performance.now() - tp) / 1000;
    if (oursParallel.objective !== ours.objective) throw new Error("bench: the threaded grid fit differs");
    const ts = performance.now();
    await Promise.all(Array.from({ length: threads }, (_, k) => scipy("grid", String(k), String(threads))));
    const theirsSplit = (performance.now() - ts) / 1000;
    gridThreads.ours.push(oursParallelWall);
    gridThreads.theirs.push(theirsSplit);
    gridThreads.equal.push(theirsSplit / oursParallelWall);
    gridThreads.single.push(theirs.seconds / oursParallelWall);

    await releaseWorkers();
    const t1 = performance.now();
    const b = await bootstrap(
      columns,
      { form: "chinchilla" },
      { params: HOFFMANN_UNROUNDED },
      { replicates, seed: 1, threads },
    );
    const oursBoot = (performance.now() - t1) / 1000;
    const share = Math.ceil(replicates / threads);
    const t2 = performance.now();
    const parts = await Promise.all(
      Array.from({ length: threads }, (_, k) => scipy("bootstrap", String(share), String(k + 1))),
    );
    const theirsBoot = (performance.now() - t2) / 1000;
    boot.ours.push(oursBoot);
    boot.theirs.push(theirsBoot);
    boot.ratio.push(theirsBoot / oursBoot);
    if (warm) {
      const t3 = performance.now();
      await Promise.all(
        Array.from({ length: threads }, (_, k) =>
          scipy("bootstrap", String(share), String(k + 1), "BFGS", "warm"),
        ),
      );
      const theirsWarm = (performance.now() - t3) / 1000;
      boot.theirsWarm.push(theirsWarm);
      boot.ratioWarm.push(theirsWarm / oursBoot);
    }
    alphaSe = `alpha SE wallcast ${fmt(b.se.alpha, 4)}, SciPy ${fmt(parts[0].alphaSe as number, 4)} (first process), published 0.0154`;
  }
  const s = (xs: number[], unit = " s") => showSpread(spread(xs), unit);
  console.log(`wallcast from ${fromDist ? "dist/ (built)" : "src/ through tsx"}\n`);
  console.log("S1 grid fit, 4,500 L-BFGS starts, 240 points, 1 thread each");
  console.log(`  wallcast ${s(grid.ours)} wall, ${s(grid.oursCpu)} CPU`);
  console.log(`  SciPy L-BFGS-B ${s(grid.theirs)} wall`);
  console.log(`  ${objective}`);
  console.log(
    `  ratio SciPy/wallcast per round: **${s(grid.wall, "×")} wall**, ${s(grid.cpu, "×")} CPU (target ≥ 10×)`,
  );
  console.log(`\nS1 grid fit on ${threads} worker threads (bit-identical to 1 thread)`);
  console.log(
    `  wallcast ${s(gridThreads.ours)}; SciPy with the grid split over ${threads} processes ${s(gridThreads.theirs)} (wall, process start included)`,
  );
  console.log(
    `  ratio SciPy/wallcast per round: **${s(gridThreads.equal, "×")} at equal threads**; ${s(gridThreads.single, "×")} against SciPy's single process above`,
  );
  console.log(
    `\nS3 bootstrap, ${replicates} refits from Hoffmann's values, ${threads} threads against ${threads} SciPy BFGS processes`,
  );
  console.log(`  wallcast ${s(boot.ours)}; SciPy ${s(boot.theirs)}`);
  console.log(`  ${alphaSe}`);
  console.log(`  ratio SciPy/wallcast per round: **${s(boot.ratio, "×")}** (target ≥ 6×)`);
  if (warm)
    console.log(
      `  SciPy BFGS started from the full-data inverse Hessian too: ${s(boot.theirsWarm)}, ratio ${s(boot.ratioWarm, "×")}`,
    );
}

await main();
