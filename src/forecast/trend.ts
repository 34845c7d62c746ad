import { decimalYear, isoDateOfYear } from "./dates.js";
import { doublingMonths, growthPerYear } from "./growth.js";
import { fitLine, type LinearFit, linspace, predictLine, tCritical } from "./linearTrend.js";
import { fitPiecewise } from "./piecewise.js";
import type { TrendPoint } from "./selection.js";

/** Options of a log-linear trend over time. */
export interface TrendOptions {
  /** Interval level. Default 0.9. */
  level?: number;
  /** Breaks of a piecewise trend (0, 1 or 2). Default 0. */
  breaks?: number;
  /** Piecewise style: continuous hinge (true) or independent segments (false). Default false. */
  continuous?: boolean;
  /** Candidate break spacing in years. Default: the first day of each calendar month. */
  gridStep?: number;
  /** Fewest points per segment. Default 5. */
  minSegmentPoints?: number;
  /** Points on the drawn line. Default 50. */
  linePoints?: number;
}

/** Growth figures of one straight stretch of a trend. */
export interface GrowthSummary {
  n: number;
  slopeOomPerYear: number;
  /** Interval for the slope (OOM/yr) at the trend's level. */
  slopeCi90: [number, number];
  /** 10^slope, ×/yr. */
  growthPerYear: number;
  /** Interval for growthPerYear (×/yr). */
  ci90: [number, number];
  /** Months to double; negative means a halving time. */
  doublingMonths: number;
  /** Doubling time at the slope interval's ends (shorter first). */
  doublingMonthsCi90: [number, number];
}

/** A break of a piecewise trend. */
export interface TrendBreak {
  year: number;
  date: string;
  /** Approximate interval of the break date (one break only), decimal years and dates. */
  ci90Years?: [number, number];
  ci90Dates?: [string, string];
}

/** A segment of a piecewise trend. */
export interface TrendSegmentSummary extends GrowthSummary {
  fromYear: number;
  toYear: number;
  from: string;
  to: string;
}

/** Everything `wallcast trend --json` reports, chart data included. */
export interface TrendResult extends GrowthSummary {
  r2: number;
  /** Residual SD in log10 units (orders of magnitude). */
  residualSdOom: number;
  /** log10 of the metric on the fitted line at the mean date, and that date. */
  interceptLog10: number;
  centerYear: number;
  level: number;
  firstDate: string;
  lastDate: string;
  /** The points used: t = decimal year, log10 = log10(value). */
  points: Array<{ t: number; log10: number; value: number; label: string; date: string }>;
  /** Fitted line with its confidence band (lo, hi) and prediction band (predLo, predHi), log10 units. */
  line: Array<{ t: number; fit: number; lo: number; hi: number; predLo: number; predHi: number }>;
  breaks?: TrendBreak[];
  piecewise?: {
    continuous: boolean;
    segments: TrendSegmentSummary[];
    sse: number;
    parameters: number;
    bic: number;
    bicNoBreak: number;
    candidates: number;
    profile?: Array<{ t: number; sse: number }>;
    line: Array<{ t: number; fit: number }>;
  };
}

/** The first day of every calendar month in [from, to], as decimal years. */
export function monthStarts(from: number, to: number): number[] {
  const out: number[] = [];
  for (let year = Math.floor(from); year <= Math.floor(to); year++) {
    for (let month = 1; month <= 12; month++) {
      const t = decimalYear({ year, month, day: 1 });
      if (t >= from && t <= to) out.push(t);
    }
  }
  return out;
}

/** Growth figures for a slope (OOM/yr) and its interval. */
export function growthSummary(n: number, slope: number, slopeCi: [number, number]): GrowthSummary {
  const months = [doublingMonths(slopeCi[1]), doublingMonths(slopeCi[0])];
  return {
    n,
    slopeOomPerYear: slope,
    slopeCi90: slopeCi,
    growthPerYear: growthPerYear(slope),
    ci90: [growthPerYear(slopeCi[0]), growthPerYear(slopeCi[1])],
    doublingMonths: doublingMonths(slope),
    doublingMonthsCi90: [Math.min(...months), Math.max(...months)],
  };
}

function summaryOfFit(fit: LinearFit, level: number): GrowthSummary {
  const t = tCritical(level, fit.df);
  return growthSummary(fit.n, fit.slope, [
    fit.slope - t * fit.slopeStdError,
    fit.slope + t * fit.slopeStdError,
  ]);
}

/**
 * OLS of log10(value) on decimal year for the selected points, with growth per year, its t interval, R²,
 * doubling time and, with `breaks`, a piecewise trend whose break dates come from profile least squares.
 * Needs ≥ 3 points (≥ 5 per segment with breaks); fewer is a RangeError.
 */
export function analyseTrend(points: readonly TrendPoint[], options: TrendOptions = {}): TrendResult {
  const level = options.level ?? 0.9;
  const x = Float64Array.from(points, (p) => p.year);
  const y = Float64Array.from(points, (p) => p.log10);
  const fit = fitLine(x, y);
  const first = Math.min(...x);
  const last = Math.max(...x);
  const grid = linspace(first, last, options.linePoints ?? 50);
  const result: TrendResult = {
    ...summaryOfFit(fit, level),
    r2: fit.r2,
    residualSdOom: fit.residualSd,
    interceptLog10: fit.interceptAtCenter,
    centerYear: fit.xCenter,
    level,
    firstDate: isoDateOfYear(first),
    lastDate: isoDateOfYear(last),
    points: points.map((p) => ({ t: p.year, log10: p.log10, value: p.value, label: p.model, date: p.date })),
    line: grid.map((t) => {
      const p = predictLine(fit, t, level);
      return { t, fit: p.fit, lo: p.lo, hi: p.hi, predLo: p.predLo, predHi: p.predHi };
    }),
  };
  const breakCount = options.breaks ?? 0;
  if (breakCount > 0) {
    const piece = fitPiecewise(x, y, {
      breaks: breakCount,
      continuous: options.continuous,
      gridStep: options.gridStep,
      grid: options.gridStep === undefined ? monthStarts(first, last) : undefined,
      minSegmentPoints: options.minSegmentPoints,
      level,
    });
    result.breaks = piece.breaks.map((b) => ({
      year: b,
      date: isoDateOfYear(b),
      ...(piece.breakCi && {
        ci90Years: piece.breakCi,
        ci90Dates: [isoDateOfYear(piece.breakCi[0]), isoDateOfYear(piece.breakCi[1])] as [string, string],
      }),
    }));
    const lineGrid = [...new Set([...grid, ...piece.breaks])].sort((a, b) => a - b);
    result.piecewise = {
      continuous: piece.continuous,
      segments: piece.segments.map((s) => ({
        ...growthSummary(s.n, s.slope, s.slopeCi),
        fromYear: s.from,
        toYear: s.to,
        from: isoDateOfYear(s.from),
        to: isoDateOfYear(s.to),
      })),
      sse: piece.sse,
      parameters: piece.parameters,
      bic: piece.bic,
      bicNoBreak: piece.bicNoBreak,
      candidates: piece.candidates,
      profile: piece.profile?.map((p) => ({ t: p.x, sse: p.sse })),
      // Each break appears twice for a discontinuous fit: the end of one segment and the start of the next.
      line: lineGrid.flatMap((t) =>
        !piece.continuous && piece.breaks.includes(t)
          ? [
              { t, fit: piece.at(t - 1e-9) },
              { t, fit: piece.at(t) },
            ]
          : [{ t, fit: piece.at(t) }],
      ),
    };
  }
  return result;
}
