/**
 * Bootstrap over rows: each replicate resamples the rows with replacement from `randomStream(seed, i)` and
 * refits from one start (the point estimate, or a given start such as Hoffmann's values in case S3), its first
 * steps scaled by the inverse Hessian of the full-data fit from that start (`refitInverseHessian`), in chunks
 * shared between this thread and worker threads. A replicate depends only on (seed, i) and the data, so 1 or N
 * threads give bit-identical results.
 */

import { MAX_BOOTSTRAP, MAX_THREADS } from "../util/limits.js";
import { quantileSorted } from "../util/quantile.js";
import { runShared } from "../util/shareWork.js";
import { type BootstrapChunk, type BootstrapTask, refitInverseHessian, runChunk } from "./bootstrapWorker.js";
import type { FitSpec } from "./fit.js";
import { resolveSpec } from "./fit.js";
import type { FitColumns } from "./forms/types.js";
import type { MinimizeOptions } from "./optimizer.js";

/** Options of `bootstrap`: replicates, seed, threads, and each refit's start and optimiser settings. */
export interface BootstrapOptions {
  /** Replicates B, in [2, MAX_BOOTSTRAP]. */
  replicates: number;
  /** Seed of the resampling streams; default 1. */
  seed?: number;
  /** Worker threads, in [1, MAX_THREADS]; default the machine's cores (1 runs in this thread). */
  threads?: number;
  /** Replicates per worker task; default 50. */
  chunkSize?: number;
  /** Start of every refit in reported units; default the point estimate passed in. */
  start?: Readonly<Record<string, number>>;
  /** Optimiser settings of each refit (default: full tolerance). */
  minimize?: MinimizeOptions;
  /** Called after each chunk with the number of replicates it finished. */
  onProgress?: (replicates: number) => void;
}

/** Bootstrap standard error and 95% interval per parameter (reported units), and every replicate's values. */
export interface BootstrapResult {
  /** Replicates run. */
  B: number;
  /** Standard deviation over replicates (n − 1 denominator) per parameter, reported units. */
  se: Record<string, number>;
  /** 2.5% and 97.5% percentiles (linear interpolation, as NumPy's default). */
  ci95: Record<string, [number, number]>;
  /** Replicates whose refit did not converge (still included, as in Besiroglu et al.). */
  notConverged: number;
  /** Replicates whose objective was not finite anywhere (excluded). */
  failed: number;
  /** Every replicate's parameters, by name (NaN for failed ones). */
  samples: Record<string, Float64Array>;
}

/** The point estimate a bootstrap starts from: reported parameters and, for huber-mle, the noise scale. */
export interface PointEstimate {
  params: Readonly<Record<string, number>>;
  scale?: number;
}

function workerUrl(): URL {
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  return new URL(`./bootstrapWorker${ext}`, import.meta.url);
}

/** Sample standard deviation (n − 1): two passes on values shifted by the first, so constants give exactly 0. */
export function sampleSd(values: ArrayLike<number>): number {
  const n = values.length;
  const shift = values[0];
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] - shift;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - shift - mean) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/** Refits `spec` from `estimate` to `options.replicates` resamplings of the rows, here and on worker threads. */
export async function bootstrap(
  columns: FitColumns,
  spec: FitSpec,
  estimate: PointEstimate,
  options: BootstrapOptions,
): Promise<BootstrapResult> {
  const B = options.replicates;
  if (!(Number.isSafeInteger(B) && B >= 2 && B <= MAX_BOOTSTRAP))
    throw new RangeError(`invalid replicates: ${B}`);
  if (
    options.threads !== undefined &&
    !(Number.isSafeInteger(options.threads) && options.threads >= 1 && options.threads <= MAX_THREADS)
  )
    throw new RangeError(`invalid threads: ${options.threads}`);
  const chunkSize = options.chunkSize ?? 50;
  if (!(Number.isSafeInteger(chunkSize) && chunkSize >= 1))
    throw new RangeError(`invalid chunkSize: ${chunkSize}`);
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`invalid seed: ${seed}`);
  const { form, loss } = resolveSpec(spec);
  const start: Record<string, number> = { ...estimate.params, ...options.start };
  for (const p of form.params) {
    if (start[p.name] === undefined) throw new RangeError(`invalid start: missing ${p.name}`);
  }
  const logScale = loss.extraParams.length ? Math.log(estimate.scale ?? 1) : undefined;
  const shared = { columns, spec, start, logScale, minimize: options.minimize };
  // Computed once here, so that every thread count refits with the same scaling.
  const inverseHessian = refitInverseHessian(shared);
  const tasks: BootstrapTask[] = [];
  for (let first = 0; first < B; first += chunkSize)
    tasks.push({ ...shared, inverseHessian, seed, first, count: Math.min(chunkSize, B - first) });
  let reported = 0;
  const chunks = await runShared<BootstrapTask, BootstrapChunk>(workerUrl(), runChunk, tasks, {
    threads: options.threads,
    // Completion order is unknown, so report chunk-sized steps that add up to B.
    onDone: () => {
      const step = Math.min(chunkSize, B - reported);
      reported += step;
      options.onProgress?.(step);
    },
  });
  const p = form.params.length;
  const samples: Record<string, Float64Array> = {};
  for (const param of form.params) samples[param.name] = new Float64Array(B);
  let notConverged = 0;
  let failed = 0;
  chunks.forEach((chunk, t) => {
    const first = tasks[t].first;
    for (let r = 0; r < tasks[t].count; r++) {
      form.params.forEach((param, k) => {
        samples[param.name][first + r] = chunk.params[r * p + k];
      });
    }
    notConverged += chunk.notConverged;
    failed += chunk.failed;
  });
  const se: Record<string, number> = {};
  const ci95: Record<string, [number, number]> = {};
  for (const param of form.params) {
    const ok = samples[param.name].filter((v) => !Number.isNaN(v)).sort();
    se[param.name] = ok.length >= 2 ? sampleSd(ok) : Number.NaN;
    ci95[param.name] = [quantileSorted(ok, 0.025), quantileSorted(ok, 0.975)];
  }
  return { B, se, ci95, notConverged, failed, samples };
}
