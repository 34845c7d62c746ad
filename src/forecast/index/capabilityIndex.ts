/**
 * The capability index: prepare scores as Epoch's loader does, fit the item-response model, put it on the
 * two-reference-model scale and bootstrap its intervals.
 */
import { InputError } from "../../util/errors.js";
import { quantileSorted } from "../../util/quantile.js";
import { randomStream } from "../../util/random.js";
import type { BenchmarkScore } from "./benchmarkScores.js";
import { type AffineScale, fitIrt, type IrtData, referenceScale } from "./irt.js";

/** A model fixed to a value on the index scale. */
export interface ReferenceModel {
  model: string;
  value: number;
}

/** Epoch's ECI scale: Claude 3.5 Sonnet (Jun 2024) = 130 and GPT-5 (medium effort) = 150 (Epoch ECI data). */
export const ECI_REFERENCES: readonly [ReferenceModel, ReferenceModel] = [
  { model: "claude-3-5-sonnet-20240620", value: 130 },
  { model: "gpt-5-2025-08-07_medium", value: 150 },
];

/** Options of `prepareScores`: which models to keep and which benchmark's component to keep. */
export interface PrepareOptions {
  /** Keep only models this accepts (e.g. released on or after a date); default all. */
  keepModel?: (model: string) => boolean;
  /** Fewest distinct benchmarks a model needs; default 4 (data_loader.py keeps models with more than 3). */
  minBenchmarksPerModel?: number;
  /** Benchmark whose connected component of the model–benchmark graph is kept; default keep all. */
  anchorBenchmark?: string;
}

/** One (model, benchmark) score after aggregation. */
export interface PreparedScore {
  model: string;
  benchmark: string;
  score: number;
}

/**
 * Aggregates repeated scores of a model on a benchmark by their maximum (as data_loader.py does), drops models
 * the filter rejects or with too few benchmarks, and keeps only models and benchmarks linked to the anchor
 * (a component with no path to the anchor has no scale). Sorted by model, then benchmark.
 */
export function prepareScores(
  scores: readonly BenchmarkScore[],
  options: PrepareOptions = {},
): PreparedScore[] {
  const minBenchmarks = options.minBenchmarksPerModel ?? 4;
  if (!(Number.isInteger(minBenchmarks) && minBenchmarks >= 1))
    throw new RangeError(`invalid minBenchmarksPerModel: ${minBenchmarks}`);
  const best = new Map<string, PreparedScore>();
  for (const s of scores) {
    if (options.keepModel && !options.keepModel(s.model)) continue;
    const key = `${s.model}\u0000${s.benchmark}`;
    const seen = best.get(key);
    if (!seen || s.score > seen.score)
      best.set(key, { model: s.model, benchmark: s.benchmark, score: s.score });
  }
  const perModel = new Map<string, number>();
  for (const s of best.values()) perModel.set(s.model, (perModel.get(s.model) ?? 0) + 1);
  let kept = [...best.values()].filter((s) => (perModel.get(s.model) ?? 0) >= minBenchmarks);
  if (options.anchorBenchmark !== undefined) kept = anchorComponent(kept, options.anchorBenchmark);
  return kept.sort((a, b) =>
    a.model === b.model ? (a.benchmark < b.benchmark ? -1 : 1) : a.model < b.model ? -1 : 1,
  );
}

function anchorComponent(scores: PreparedScore[], anchor: string): PreparedScore[] {
  const byBenchmark = new Map<string, string[]>();
  const byModel = new Map<string, string[]>();
  for (const s of scores) {
    byBenchmark.set(s.benchmark, [...(byBenchmark.get(s.benchmark) ?? []), s.model]);
    byModel.set(s.model, [...(byModel.get(s.model) ?? []), s.benchmark]);
  }
  const benchmarks = new Set<string>();
  const models = new Set<string>();
  const queue: string[] = byBenchmark.has(anchor) ? [anchor] : [];
  if (queue.length) benchmarks.add(anchor);
  while (queue.length) {
    const b = queue.pop()!;
    for (const m of byBenchmark.get(b) ?? []) {
      if (models.has(m)) continue;
      models.add(m);
      for (const other of byModel.get(m) ?? []) {
        if (!benchmarks.has(other)) {
          benchmarks.add(other);
          queue.push(other);
        }
      }
    }
  }
  return scores.filter((s) => models.has(s.model));
}

/** Prepared scores as the fitting arrays, with the model and benchmark names in index order. */
export function toIrtData(scores: readonly PreparedScore[]): {
  data: IrtData;
  models: string[];
  benchmarks: string[];
} {
  const models = [...new Set(scores.map((s) => s.model))];
  const benchmarks = [...new Set(scores.map((s) => s.benchmark))].sort();
  const mIndex = new Map(models.map((m, i) => [m, i]));
  const bIndex = new Map(benchmarks.map((b, i) => [b, i]));
  const n = scores.length;
  const data: IrtData = {
    modelCount: models.length,
    benchmarkCount: benchmarks.length,
    model: new Int32Array(n),
    benchmark: new Int32Array(n),
    score: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    data.model[i] = mIndex.get(scores[i].model)!;
    data.benchmark[i] = bIndex.get(scores[i].benchmark)!;
    data.score[i] = scores[i].score;
  }
  return { data, models, benchmarks };
}

/** Options of `fitCapabilityIndex`: the anchor, the reference scale, the regularisation and the bootstrap. */
export interface CapabilityIndexOptions {
  /** Anchor benchmark; default "Winogrande" (difficulty 0, slope 1, as in Epoch's analyses). */
  anchorBenchmark?: string;
  /** Anchor difficulty; default 0. */
  anchorDifficulty?: number;
  /** Anchor slope; default 1. */
  anchorSlope?: number;
  /** Two models that fix the affine scale; default ECI_REFERENCES. */
  references?: readonly [ReferenceModel, ReferenceModel];
  /** L2 strength; default 0.1 (fit.py). */
  regularization?: number;
  /** Bootstrap replicates (resampling each model's scores with replacement); default 0 (none). */
  bootstrap?: number;
  /** Seed of the starting values and of the bootstrap; default 42. */
  seed?: number;
  /** Central probability of the intervals; default 0.9. */
  level?: number;
  /** Called after each bootstrap replicate with the number done. */
  onReplicate?: (done: number) => void;
}

/** One model's capability index on the reference scale, with its bootstrap interval. */
export interface IndexedModel {
  model: string;
  /** Index value on the reference scale. */
  index: number;
  /** Bootstrap percentile interval; [NaN, NaN] without bootstrap. */
  ci: [number, number];
  /** Distinct benchmarks the model has scores on. */
  benchmarks: number;
}

/** One benchmark's fitted difficulty and slope, in index-scale units. */
export interface IndexedBenchmark {
  benchmark: string;
  /** Difficulty on the index scale: the index at which the fitted score is ½. */
  difficulty: number;
  /** Slope per index point. */
  slope: number;
  /** Models scored on it. */
  models: number;
}

/** What `fitCapabilityIndex` returns: model indices, benchmark parameters, fit verdict and bootstrap. */
export interface CapabilityIndexResult {
  models: IndexedModel[];
  benchmarks: IndexedBenchmark[];
  observations: number;
  rmse: number;
  scale: AffineScale;
  anchorBenchmark: string;
  references: readonly [ReferenceModel, ReferenceModel];
  converged: boolean;
  reason: string;
  iterations: number;
  /** Bootstrap replicates requested, and those whose fit did not converge (kept, but counted). */
  bootstrap: { replicates: number; unconverged: number; seed: number; level: number };
  /** Index values of every replicate, model-major (models × replicates); empty without bootstrap. */
  replicateIndex: Float64Array;
}

/** Fits the index on prepared scores; the anchor and both reference models must be among them. */
export function fitCapabilityIndex(
  scores: readonly PreparedScore[],
  options: CapabilityIndexOptions = {},
): CapabilityIndexResult {
  const anchorName = options.anchorBenchmark ?? "Winogrande";
  const references = options.references ?? ECI_REFERENCES;
  const replicates = options.bootstrap ?? 0;
  const seed = options.seed ?? 42;
  const level = options.level ?? 0.9;
  if (!(Number.isInteger(replicates) && replicates >= 0))
    throw new RangeError(`invalid bootstrap: ${replicates}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`invalid level: ${level}`);
  const { data, models, benchmarks } = toIrtData(scores);
  const anchor = benchmarks.indexOf(anchorName);
  // The data decide these, not the caller: they are input problems (the selection left them out).
  if (anchor < 0)
    throw new InputError({
      field: "anchorBenchmark",
      value: anchorName,
      message: "has no scores in the selection",
    });
  const ref = references.map((r) => models.indexOf(r.model));
  ref.forEach((i, k) => {
    if (i < 0)
      throw new InputError({
        field: "reference model",
        value: references[k].model,
        message: "has no scores in the selection",
      });
  });
  const irtOptions = {
    anchorBenchmark: anchor,
    anchorDifficulty: options.anchorDifficulty,
    anchorSlope: options.anchorSlope,
    regularization: options.regularization,
    seed,
  };
  const fit = fitIrt(data, irtOptions);
  const scaleOf = (c: Float64Array) =>
    referenceScale(c[ref[0]], references[0].value, c[ref[1]], references[1].value);
  const scale = scaleOf(fit.capability);

  const M = models.length;
  const replicateIndex = new Float64Array(replicates > 0 ? M * replicates : 0);
  let unconverged = 0;
  if (replicates > 0) {
    const rows = new Map<number, number[]>();
    for (let i = 0; i < data.score.length; i++)
      rows.set(data.model[i], [...(rows.get(data.model[i]) ?? []), i]);
    for (let r = 0; r < replicates; r++) {
      const rng = randomStream(seed, 0xb007, r);
      const picks: number[] = [];
      for (let m = 0; m < M; m++) {
        const own = rows.get(m)!;
        for (let k = 0; k < own.length; k++) picks.push(own[rng.int(own.length)]);
      }
      const sample: IrtData = {
        modelCount: M,
        benchmarkCount: data.benchmarkCount,
        model: Int32Array.from(picks, (i) => data.model[i]),
        benchmark: Int32Array.from(picks, (i) => data.benchmark[i]),
        score: Float64Array.from(picks, (i) => data.score[i]),
      };
      const refit = fitIrt(sample, { ...irtOptions, start: fit.parameters });
      if (!refit.converged) unconverged++;
      const s = scaleOf(refit.capability);
      for (let m = 0; m < M; m++)
        replicateIndex[m * replicates + r] = s.offset + s.factor * refit.capability[m];
      options.onReplicate?.(r + 1);
    }
  }
  const perModel = new Map<number, Set<number>>();
  const perBenchmark = new Map<number, Set<number>>();
  for (let i = 0; i < data.score.length; i++) {
    const m = data.model[i];
    const b = data.benchmark[i];
    if (!perModel.has(m)) perModel.set(m, new Set());
    if (!perBenchmark.has(b)) perBenchmark.set(b, new Set());
    perModel.get(m)!.add(b);
    perBenchmark.get(b)!.add(m);
  }
  const tail = (1 - level) / 2;
  const indexed: IndexedModel[] = models.map((model, m) => {
    let ci: [number, number] = [Number.NaN, Number.NaN];
    if (replicates > 0) {
      const sorted = replicateIndex.slice(m * replicates, (m + 1) * replicates).sort();
      ci = [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)];
    }
    return {
      model,
      index: scale.offset + scale.factor * fit.capability[m],
      ci,
      benchmarks: perModel.get(m)?.size ?? 0,
    };
  });
  const indexedBenchmarks: IndexedBenchmark[] = benchmarks.map((benchmark, b) => ({
    benchmark,
    difficulty: scale.offset + scale.factor * fit.difficulty[b],
    slope: fit.slope[b] / scale.factor,
    models: perBenchmark.get(b)?.size ?? 0,
  }));
  return {
    models: indexed,
    benchmarks: indexedBenchmarks,
    observations: data.score.length,
    rmse: fit.rmse,
    scale,
    anchorBenchmark: anchorName,
    references,
    converged: fit.converged,
    reason: fit.reason,
    iterations: fit.iterations,
    bootstrap: { replicates, unconverged, seed, level },
    replicateIndex,
  };
}
