/**
 * Runs every benchmark suite in turn (`npm run bench`), each side by side with its reference implementation.
 * A suite is `bench/<name>/run.ts`; pass names to run a subset: `npm run bench -- fit finance`. The machine's load
 * average is printed before and after each suite, since every figure is only as good as the quiet it ran in;
 * `BENCH_REPEATS=N` sets how many rounds each figure's median and range come from (default 3).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadLine } from "./measure.js";

const suites = ["fit", "finance", "forecast", "economy", "sweep", "app"];
const wanted = process.argv.slice(2);
let failed = false;
for (const suite of wanted.length ? wanted : suites) {
  const script = fileURLToPath(new URL(`./${suite}/run.ts`, import.meta.url));
  if (!existsSync(script)) {
    console.error(`bench: no suite ${suite}`);
    failed = true;
    continue;
  }
  console.log(`\n## ${suite}\n\nbefore: ${loadLine()}\n`);
  const run = spawnSync(process.execPath, ["--import", "tsx", script], { stdio: "inherit" });
  console.log(`\nafter: ${loadLine()}`);
  if (run.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
