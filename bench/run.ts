/**
 * Runs every benchmark suite in turn (`npm run bench`), each side by side with its reference implementation.
 * A suite is `bench/<name>/run.ts`; pass names to run a subset: `npm run bench -- fit finance`.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const suites = ["fit", "finance", "forecast", "economy", "sweep"];
const wanted = process.argv.slice(2);
let failed = false;
for (const suite of wanted.length ? wanted : suites) {
  const script = fileURLToPath(new URL(`./${suite}/run.ts`, import.meta.url));
  if (!existsSync(script)) {
    console.error(`bench: no suite ${suite}`);
    failed = true;
    continue;
  }
  console.log(`\n## ${suite}\n`);
  const run = spawnSync(process.execPath, ["--import", "tsx", script], { stdio: "inherit" });
  if (run.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
