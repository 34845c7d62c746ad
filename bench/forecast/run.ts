/**
 * Trend fits on case S6's 428 points (Epoch notable models since 2010, log10 compute on decimal year), side by
 * side with SciPy run in the same session on the same points: OLS with its t interval, and the discontinuous
 * piecewise trend with one and with two breaks found by profile least squares over the monthly grid (SciPy: one
 * linregress per segment and candidate, the usual way to write it; for one break also NumPy prefix sums, the
 * same O(1)-per-candidate algorithm as wallcast, for a like-for-like ratio). Prints the
 * best of several runs on each side (the JIT warmed up first), the ratios and whether the answers agree.
 *
 * usage: WALLCAST_DATA=… node --import tsx bench/forecast/run.ts
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCsv } from "../../src/data/csv.js";
import { resolveDataDir } from "../../src/data/dataDir.js";
import { resolveDataRef } from "../../src/data/registry.js";
import { fitLine, slopeInterval } from "../../src/forecast/linearTrend.js";
import { fitPiecewise } from "../../src/forecast/piecewise.js";
import { selectTrendPoints } from "../../src/forecast/selection.js";
import { PYTHON } from "../measure.js";

function best<T>(runs: number, fn: () => T): { ms: number; result: T } {
  let ms = Number.POSITIVE_INFINITY;
  let result = fn();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, result };
}

const file = resolveDataRef("epoch-training-cost", resolveDataDir());
const selection = selectTrendPoints(readCsv(file), { metric: "compute", notable: true, since: 2010 });
const x = Float64Array.from(selection.points, (p) => p.year);
const y = Float64Array.from(selection.points, (p) => p.log10);
const ols = best(200, () => {
  const fit = fitLine(x, y);
  return { slope: fit.slope, ci: slopeInterval(fit), r2: fit.r2 };
});
const break1 = best(20, () => fitPiecewise(x, y, { breaks: 1 }));
const break2 = best(3, () => fitPiecewise(x, y, { breaks: 2 }));

const grid: number[] = [];
const xs = Array.from(x).sort((a, b) => a - b);
for (let k = Math.ceil(xs[0] * 12); k / 12 <= xs[xs.length - 1]; k++) grid.push(k * (1 / 12));
const dir = mkdtempSync(join(tmpdir(), "wallcast-bench-forecast-"));
try {
  const input = join(dir, "input.json");
  writeFileSync(input, JSON.stringify({ x: Array.from(x), y: Array.from(y), grid }));
  const script = fileURLToPath(new URL("./reference.py", import.meta.url));
  const run = spawnSync(PYTHON, [script, input], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`reference.py failed: ${run.stderr}`);
  const ref = JSON.parse(run.stdout);
  const rows: Array<[string, number, number, boolean]> = [
    [
      "OLS + t interval (n = 428)",
      ols.ms,
      ref.ols.ms,
      Math.abs(ols.result.slope - ref.ols.result.slope) < 1e-10,
    ],
    [
      "1 break, discontinuous",
      break1.ms,
      ref.break1.ms,
      Math.abs(break1.result.breaks[0] - ref.break1.result.breaks[0]) < 1e-9 &&
        Math.abs(break1.result.sse - ref.break1.result.sse) < 1e-8 * ref.break1.result.sse,
    ],
    [
      "1 break, NumPy prefix sums (same algorithm)",
      break1.ms,
      ref.break1_cumsum.ms,
      Math.abs(break1.result.breaks[0] - ref.break1_cumsum.result.breaks[0]) < 1e-9,
    ],
    [
      "2 breaks, discontinuous",
      break2.ms,
      ref.break2.ms,
      break2.result.breaks.every((b, i) => Math.abs(b - ref.break2.result.breaks[i]) < 1e-9),
    ],
  ];
  console.log("| task | wallcast ms | SciPy ms | SciPy / wallcast | same answer |");
  console.log("|---|---|---|---|---|");
  for (const [name, ours, theirs, same] of rows) {
    console.log(
      `| ${name} | ${ours.toFixed(3)} | ${theirs.toFixed(3)} | ${(theirs / ours).toFixed(1)} | ${same} |`,
    );
  }
  console.log(`\n${break2.result.candidates} two-break candidates on a monthly grid.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
