/**
 * Eisenberg–Noe greatest clearing vector on random sparse networks with heavy-tailed degrees (mean degree 10),
 * n = 10³, 10⁴, 10⁵, side by side with two SciPy references run in the same session on the same network:
 * HiGHS on the EN linear program and the same fictitious-default algorithm on scipy.sparse with spsolve.
 * Each node's obligations p̄ and claims at face value are summed when the network is built ("build network ms"),
 * outside wallcast's timing; SciPy is given the same two vectors, read outside its timing (they replace its
 * bincount for p̄ and its first round's Πᵀp̄), and builds Πᵀ inside it as before.
 * Each round times wallcast (median of several calls, the JIT warmed up first) and then SciPy's round-based
 * solver (median of several calls, in a fresh Python process); the ratio is formed per round and reported as the
 * median and range over `BENCH_REPEATS` rounds. HiGHS runs in the first round only (14 s at n = 10⁵;
 * `BENCH_HIGHS=0` skips it). Also prints the largest disagreement between the vectors (relative to
 * 1 + obligations).
 *
 * Then end to end: writes a 10⁵-node network file (≈10⁶ liabilities, ≈65 MB of JSON) and times
 * `wallcast clear <file> --json` as a child process (from dist/ when it is built and newer than src/, else
 * through tsx, whose start-up is included; WALLCAST_CLI=<main.js> picks a build), then `reference.py --json`:
 * json.load, arrays, the round-based clearing, and the same output written, in one Python process. One round is
 * one of each, back to back.
 *
 * usage: node --import tsx bench/finance/run.ts [n ...]      (E2E_NODES=0 skips the end-to-end run)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { clearNetwork, createClearingWorkspace } from "../../src/finance/clearing/index.js";
import { compileNetwork, type Network, type NetworkSpec } from "../../src/finance/network.js";
import { randomStream } from "../../src/util/random.js";
import { PYTHON, REPEATS, showSpread, spread, timeMs } from "../measure.js";

const MEAN_DEGREE = 10;
/** Degree exponent of the Chung–Lu weights (P(k) ~ k^−γ). */
const GAMMA = 2.5;

/** Chung–Lu style network: 10n edges, endpoints drawn with heavy-tailed weights; lognormal amounts. */
function randomNetwork(n: number, seed: number): NetworkSpec {
  const rng = randomStream(seed, n);
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += (i + 1) ** (-1 / (GAMMA - 1));
    cumulative[i] = total;
  }
  const draw = (): number => {
    const u = rng.uniform() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Shuffle labels so that hubs are not all at low indices (the solver sees an unsorted order).
  const label = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [label[i], label[j]] = [label[j], label[i]];
  }
  const liabilities: NonNullable<NetworkSpec["liabilities"]> = [];
  const owes = new Float64Array(n);
  const owed = new Float64Array(n);
  for (let k = 0; k < MEAN_DEGREE * n; k++) {
    const from = label[draw()];
    const to = label[draw()];
    if (from === to) continue;
    const amount = Math.exp(rng.normal());
    liabilities.push({ from: `${from}`, to: `${to}`, amount });
    owes[from] += amount;
    owed[to] += amount;
  }
  const nodes = Array.from({ length: n }, (_, i) => {
    const externalLiabilities = 0.5 * owes[i] + 1;
    const pbar = owes[i] + externalLiabilities;
    // A 5% capital buffer at face value; one node in ten takes a shock of up to 60% of its obligations.
    const shock = rng.uniform() < 0.1 ? 0.6 * rng.uniform() : 0;
    const externalAssets = Math.max(0, pbar * (1.05 - shock) - owed[i]);
    return { id: `${i}`, externalAssets, externalLiabilities };
  });
  return { nodes, liabilities };
}

function writeBinary(dir: string, net: Network): void {
  const { start, creditor, amount } = net.liabilities;
  const debtor = new Int32Array(start[net.n]);
  for (let i = 0; i < net.n; i++) debtor.fill(i, start[i], start[i + 1]);
  const put = (name: string, a: Int32Array | Float64Array) =>
    writeFileSync(join(dir, name), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  put("debtor.i32", debtor);
  put("creditor.i32", creditor);
  put("amount.f64", amount);
  put("e.f64", net.externalAssets);
  put("pbar.f64", net.obligations);
  put("owed.f64", net.claims);
}

const sizes = process.argv.slice(2).map(Number);
const reference = fileURLToPath(new URL("./reference.py", import.meta.url));
const rows: string[] = [];
const median = (xs: number[]) => spread(xs).median;
for (const n of sizes.length ? sizes : [1_000, 10_000, 100_000]) {
  const dir = mkdtempSync(join(tmpdir(), "wallcast-bench-finance-"));
  try {
    const t0 = performance.now();
    const net = compileNetwork(randomNetwork(n, 2026));
    const compileMs = performance.now() - t0;
    writeBinary(dir, net);
    const ws = createClearingWorkspace(n);
    let result = clearNetwork(net, { model: "en" }, ws);
    const reps = n <= 10_000 ? 21 : 5;
    const solve = () => {
      ws.invalidate(); // time what a first call on the network does
      result = clearNetwork(net, { model: "en" }, ws);
    };
    timeMs(solve, reps); // warm-up
    const ours: number[] = [];
    const theirs: number[] = [];
    const ratios: number[] = [];
    let highs: { ms: number } | undefined;
    for (let round = 0; round < REPEATS; round++) {
      const oursMs = median(timeMs(solve, reps));
      const methods = round === 0 && process.env.BENCH_HIGHS !== "0" ? "highs,spsolve" : "spsolve";
      const py = spawnSync(PYTHON, [reference, dir, methods], { encoding: "utf8", maxBuffer: 1 << 26 });
      if (py.status !== 0) throw new Error(`reference.py failed: ${py.stderr}`);
      const ref = JSON.parse(py.stdout) as Record<string, { ms: number } | undefined>;
      highs ??= ref.highs;
      ours.push(oursMs);
      theirs.push(ref.spsolve!.ms);
      ratios.push(ref.spsolve!.ms / oursMs);
    }
    if (process.env.BENCH_DEBUG) console.log(ours.map((t) => t.toFixed(2)).join(" "));
    const defaults = result.defaulted.reduce((a, b) => a + b, 0);
    const diff = (name: string): string => {
      if (!existsSync(join(dir, `${name}.f64`))) return "skipped";
      const p = new Float64Array(readFileSync(join(dir, `${name}.f64`)).buffer.slice(0));
      let worst = 0;
      for (let i = 0; i < n; i++)
        worst = Math.max(worst, Math.abs(p[i] - result.payments[i]) / (1 + net.obligations[i]));
      return worst.toExponential(1);
    };
    const oursMs = median(ours);
    const highsCell = highs
      ? `${highs.ms.toFixed(0)} (${(highs.ms / oursMs).toFixed(0)}×, Δ ${diff("highs")})`
      : "skipped";
    rows.push(
      `| ${n.toLocaleString("en")} | ${net.liabilities.start[n].toLocaleString("en")} | ${defaults} (${result.rounds} rounds, ${result.iterations} sweeps) | ${showSpread(spread(ours))} | ${showSpread(spread(theirs))} (Δ ${diff("spsolve")}) | **${showSpread(spread(ratios), "×", 2)}** | ${highsCell} | ${compileMs.toFixed(0)} |`,
    );
    console.log(rows[rows.length - 1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(
  "\n| nodes | liabilities | defaults | wallcast ms | SciPy round-based spsolve ms (max rel. diff) | ratio SciPy/wallcast, per round | SciPy HiGHS LP ms, first round (ratio, diff) | build network ms |",
);
console.log("|---|---|---|---|---|---|---|---|");
for (const row of rows) console.log(row);

const e2eNodes = Number(process.env.E2E_NODES ?? 100_000);
if (e2eNodes > 0) endToEnd(e2eNodes);

/** Wall time of `wallcast clear` on a network file beside the Python reference on the same file, per round. */
function endToEnd(n: number): void {
  const dir = mkdtempSync(join(tmpdir(), "wallcast-bench-finance-e2e-"));
  try {
    const file = join(dir, "network.json");
    writeFileSync(file, JSON.stringify(randomNetwork(n, 2026)));
    const mb = statSync(file).size / 1e6;
    const root = fileURLToPath(new URL("../../", import.meta.url));
    const dist = join(root, "dist/cli/main.js");
    const builtAt = statSync(join(root, "dist/finance/parse.js"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    const built = existsSync(dist) && builtAt >= statSync(join(root, "src/finance/parse.ts")).mtimeMs;
    const chosen = process.env.WALLCAST_CLI ?? (built ? dist : undefined);
    const cli = chosen ? [chosen] : ["--import", "tsx", join(root, "src/cli/main.ts")];
    const once = (command: string, args: string[]): number => {
      const t = performance.now();
      const run = spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 28 });
      if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${run.stderr}`);
      return performance.now() - t;
    };
    const start: number[] = [];
    const ours: number[] = [];
    const theirs: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < REPEATS; round++) {
      start.push(once(process.execPath, [...cli, "--version"]));
      const clearMs = once(process.execPath, [...cli, "clear", file, "--json"]);
      const pyMs = once(PYTHON, [reference, "--json", file]);
      ours.push(clearMs / 1000);
      theirs.push(pyMs / 1000);
      ratios.push(pyMs / clearMs);
    }
    console.log(
      `\nend to end, ${n.toLocaleString("en")} nodes, ${mb.toFixed(0)} MB of JSON: \`wallcast clear --json\` ` +
        `${showSpread(spread(ours), " s")} (${chosen ?? "tsx"}; start-up alone ${showSpread(spread(start.map((ms) => ms / 1000)), " s")}) | ` +
        `Python json.load + SciPy round-based + json.dump ${showSpread(spread(theirs), " s")} | ` +
        `ratio per round **${showSpread(spread(ratios), "×", 2)}**`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
