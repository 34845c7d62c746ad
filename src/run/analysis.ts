/**
 * The two data analyses a run reports beside the scenarios (issue 3's modules, at cheap settings): the growth of
 * frontier training compute (case S6's selection) and the US–China frontier gap on the capability index.
 */
import { dirname } from "node:path";
import { readCsv } from "../data/csv.js";
import { resolveDataRef } from "../data/registry.js";
import { isoDateOfYear, parseDateFlag } from "../forecast/dates.js";
import { type DatedValue, type UsChinaGapPoint, usChinaGap } from "../forecast/gap/index.js";
import {
  epochModelInfoFiles,
  fitCapabilityIndex,
  prepareScores,
  readExternalScores,
  readHubScores,
  readModelInfo,
} from "../forecast/index/index.js";
import { requirePoints, selectTrendPoints } from "../forecast/selection.js";
import { analyseTrend } from "../forecast/trend.js";

/** The compute trend as stored with a run: growth figures, the points and the fitted line with its band. */
export interface ComputeTrend {
  /** What was selected (case S6: notable models since 2010 with a training compute). */
  selection: string;
  n: number;
  slopeOomPerYear: number;
  growthPerYear: number;
  /** 90% interval of growthPerYear. */
  ci90: [number, number];
  r2: number;
  doublingMonths: number;
  points: Array<{ model: string; date: string; t: number; log10: number }>;
  /** Fitted log10 line and its 90% confidence band. */
  line: Array<{ t: number; fit: number; lo: number; hi: number }>;
  /** The fit evaluated at `t`, log10 FLOP (used to place the capability fan's observed points). */
  interceptLog10: number;
  centerYear: number;
}

/** Case S6: OLS of log10 training compute on date, notable models published since 2010-01-01. */
export function computeTrend(dataDir: string): ComputeTrend {
  const file = resolveDataRef("epoch-training-cost", dataDir);
  const selection = selectTrendPoints(readCsv(file), {
    metric: "compute",
    notable: true,
    since: parseDateFlag("2010-01-01", "since"),
  });
  requirePoints(selection, 3, file);
  const result = analyseTrend(selection.points);
  return {
    selection: "notable models with a training compute, published since 2010-01-01 (case S6)",
    n: result.n,
    slopeOomPerYear: result.slopeOomPerYear,
    growthPerYear: result.growthPerYear,
    ci90: result.ci90,
    r2: result.r2,
    doublingMonths: result.doublingMonths,
    points: result.points.map((p) => ({ model: p.label, date: p.date, t: p.t, log10: p.log10 })),
    line: result.line.map((l) => ({ t: l.t, fit: l.fit, lo: l.lo, hi: l.hi })),
    interceptLog10: result.interceptLog10,
    centerYear: result.centerYear,
  };
}

/** One date of the US–China gap on the capability index, dated as ISO `date` and decimal year `t`. */
export interface GapRow extends Omit<UsChinaGapPoint, "year"> {
  date: string;
  t: number;
}

/** The US–China frontier gap stored with a run: monthly rows on the capability index, and its bootstrap. */
export interface FrontierGapResult {
  measure: "capability index (ECI scale; hub + external benchmarks, models since 2022-11-01)";
  bootstrap: number;
  seed: number;
  level: number;
  rows: GapRow[];
}

/**
 * The US–China frontier gap, monthly, as `wallcast gap` computes it (index measure), with `bootstrap`
 * replicates of the index for the interval.
 */
export function frontierGapAnalysis(
  dataDir: string,
  options: { bootstrap: number; seed: number },
): FrontierGapResult {
  const hub = resolveDataRef("epoch-benchmarks:DERIVED_epoch_hub_runs_joined.csv", dataDir);
  const folder = dirname(hub);
  const scores = [...readHubScores(hub), ...readExternalScores(folder)];
  const info = readModelInfo(new Set(scores.map((s) => s.model)), epochModelInfoFiles(dataDir));
  const since = parseDateFlag("2022-11-01", "since");
  const prepared = prepareScores(scores, {
    keepModel: (m) => (info.get(m)?.year ?? Number.NaN) >= since,
    anchorBenchmark: "Winogrande",
  });
  const result = fitCapabilityIndex(prepared, { bootstrap: options.bootstrap, seed: options.seed });
  const points: DatedValue[] = result.models.map((m) => ({
    name: m.model,
    group: info.get(m.model)?.bloc || "unknown",
    year: info.get(m.model)?.year ?? Number.NaN,
    value: m.index,
  }));
  const { points: gap } = usChinaGap(points, {
    replicateValues: result.replicateIndex,
    replicates: result.bootstrap.replicates,
    level: result.bootstrap.level,
  });
  const rows = gap.map(({ year, ...g }) => ({ date: isoDateOfYear(year), t: year, ...g }));
  return {
    measure: "capability index (ECI scale; hub + external benchmarks, models since 2022-11-01)",
    bootstrap: result.bootstrap.replicates,
    seed: options.seed,
    level: result.bootstrap.level,
    rows,
  };
}
