/** The scorecard: each target against the simulated median and 90% interval of its entity's year. */
import type { SimulationResult, YearQuantiles } from "../scenario/simulate.js";
import { InputError } from "../util/errors.js";
import { GIVEN_METRIC } from "./given.js";
import { type CalibrationTarget, WORLD, WORLD_METRICS } from "./targets.js";

/** One row of the scorecard. */
export interface ScoreRow {
  entity: string;
  metric: string;
  year: number;
  /** The published figure, usdB. */
  value: number;
  band: [number, number];
  /** The simulated 5%, 50% and 95% quantiles of the entity's year, usdB. */
  p05: number;
  p50: number;
  p95: number;
  /** The median's 95% Monte Carlo interval, usdB: where the median of endlessly many paths lies, with 95%
   * confidence. */
  p50Low: number;
  p50High: number;
  /** Whether the simulated median lies in the band. */
  inside: boolean;
  /** Whether that interval crosses an edge of the band, so that `inside` is within the Monte Carlo error: another
   * seed may say the other, and more paths decide. */
  undecided: boolean;
  /** Whether the published figure lies in the simulated 90% interval (a calibrated model covers ~90% of them). */
  covered: boolean;
  /** docs/sources.md key of the target. */
  source: string;
  /** Whether the run took this figure as given (`--given-revenue`): shown, but not scored. */
  given: boolean;
}

/** Counts over a scorecard: how many medians fall in their bands, how many published figures the 90% interval
 * covers, and which side of the model's distribution the figures fall on — an unbiased model has about half of
 * them above its median, a calibrated one about 5% beyond each end of its 90% interval. */
export interface ScoreSummary {
  targets: number;
  inside: number;
  /** Verdicts within the Monte Carlo error (`undecided`), inside or not. */
  undecided: number;
  covered: number;
  /** Published figures above the simulated median. */
  aboveMedian: number;
  /** Published figures above the simulated 95% quantile. */
  aboveP95: number;
  /** Published figures below the simulated 5% quantile. */
  belowP05: number;
}

/** The counts of `rows` (see ScoreSummary), the figures the run took as given left out. */
export function scoreSummary(rows: readonly ScoreRow[]): ScoreSummary {
  const scored = rows.filter((r) => !r.given);
  const count = (test: (r: ScoreRow) => boolean) => scored.filter(test).length;
  return {
    targets: scored.length,
    inside: count((r) => r.inside),
    undecided: count((r) => r.undecided),
    covered: count((r) => r.covered),
    aboveMedian: count((r) => r.value > r.p50),
    aboveP95: count((r) => r.value > r.p95),
    belowP05: count((r) => r.value < r.p05),
  };
}

/**
 * Scores `targets` against `result`; a target naming an entity or year the run does not have is an InputError.
 * `givenLab`: the lab whose revenue the run took as given, whose revenue rows are marked `given`.
 */
export function scorecard(
  result: SimulationResult,
  targets: readonly CalibrationTarget[],
  givenLab?: string,
): ScoreRow[] {
  return targets.map((target, k) => {
    const entity = result.entities[target.entity];
    if (!entity && target.entity !== WORLD)
      throw new InputError({
        field: `targets[${k}].entity`,
        value: target.entity,
        message: "not an entity of the run",
      });
    const value = WORLD_METRICS.includes(target.metric)
      ? worldYear(result, target.metric as WorldMetric, target.year)
      : entity?.byYear[target.metric as Exclude<typeof target.metric, WorldMetric>]?.[String(target.year)];
    if (!value && target.metric === "marketValueUsdB" && !entity?.byYear.marketValueUsdB)
      throw new InputError({
        field: `targets[${k}].metric`,
        value: target.metric,
        message: "the entity has no market value in the run (no marketValueUsdB)",
      });
    if (!value)
      throw new InputError({
        field: `targets[${k}].year`,
        value: target.year,
        message: "outside the run's horizon",
      });
    return row(target, value, target.entity === givenLab && target.metric === GIVEN_METRIC);
  });
}

function row(target: CalibrationTarget, year: YearQuantiles, given: boolean): ScoreRow {
  const [lo, hi] = target.band;
  return {
    entity: target.entity,
    metric: target.metric,
    year: target.year,
    value: target.value,
    band: [lo, hi],
    p05: year.p05,
    p50: year.p50,
    p95: year.p95,
    p50Low: year.p50Low,
    p50High: year.p50High,
    inside: year.p50 >= lo && year.p50 <= hi,
    undecided: (year.p50Low < lo && year.p50High >= lo) || (year.p50Low <= hi && year.p50High > hi),
    covered: target.value >= year.p05 && target.value <= year.p95,
    source: target.source.key,
    given,
  };
}

/** The metrics of the world series. */
type WorldMetric = "gpuPrice" | "startGpuRent";

/** World series `metric` at the last simulated quarter of `year`, or undefined outside the run. */
function worldYear(result: SimulationResult, metric: WorldMetric, year: number): YearQuantiles | undefined {
  const last = result.quarters.findLastIndex((q) => q.startsWith(`${year}Q`));
  if (last < 0) return undefined;
  const { p05, p50, p95, p50Low, p50High } = result[metric];
  return { p05: p05[last], p50: p50[last], p95: p95[last], p50Low: p50Low[last], p50High: p50High[last] };
}
