import type { Command } from "commander";
import { parseFilter, readCsvFile } from "../data/csv.js";
import { resolveDataDir } from "../data/dataDir.js";
import { resolveDataRef } from "../data/registry.js";
import { parseDateFlag } from "../forecast/dates.js";
import {
  parseFrontierRule,
  requirePoints,
  selectTrendPoints,
  TREND_METRICS,
  type TrendMetric,
  type TrendSelection,
} from "../forecast/selection.js";
import { analyseTrend, type GrowthSummary, type TrendResult } from "../forecast/trend.js";
import { formatDate, type Lang, translator } from "../i18n/index.js";
import { InputError } from "../util/errors.js";
import { MAX_ROWS } from "../util/limits.js";
import { collect, globalOptions, intArg, langFlag, printJson, resolveLang } from "./shared.js";

/** Selection flags shared by `trend` and `backtest`. */
export interface SelectionFlags {
  /** compute | params | data | cost (required). */
  metric?: string;
  /** Keep rows with a non-empty `Notability criteria` (default false). */
  notable?: boolean;
  /** `top:K` or `within:OOM` (default: no frontier rule). */
  frontier?: string;
  /** First/last publication date kept, YYYY-MM-DD (inclusive; default: all). */
  since?: string;
  until?: string;
  /** `COL=VALUE` filters (repeatable). */
  where?: string[];
  /** Print one JSON object (default false). */
  json?: boolean;
}

interface TrendFlags extends SelectionFlags {
  /** Breaks of a piecewise trend, 0–2 (default 0). */
  breaks?: number;
  /** continuous | discontinuous (default discontinuous). */
  breakStyle?: string;
  /** Fewest points per segment (default 5). */
  minSegment?: number;
  /** Language of the summary (default: $WALLCAST_LANG, then en). */
  lang?: Lang;
}

/** Adds the selection flags of the trend contract to a command. */
export function addSelectionOptions(command: Command): Command {
  return command
    .argument("<data>", "dataset-id[:file] or a CSV path (Epoch models table)")
    .option("--metric <name>", `compute | params | data | cost`)
    .option("--notable", "keep rows with a non-empty 'Notability criteria'")
    .option("--frontier <rule>", "top:K (K largest compute at release) or within:OOM of the running maximum")
    .option("--since <date>", "first publication date kept (YYYY-MM-DD, inclusive)")
    .option("--until <date>", "last publication date kept (YYYY-MM-DD, inclusive)")
    .option("--where <COL=VALUE>", "keep rows whose COL equals VALUE or lists it (repeatable)", collect)
    .option("--json", "print one JSON object");
}

/** Reads the table named by `ref` and applies the selection flags. */
export async function loadSelection(
  ref: string,
  flags: SelectionFlags,
  command: Command,
): Promise<{ file: string; selection: TrendSelection; query: Record<string, unknown> }> {
  const metric = flags.metric;
  if (metric === undefined) throw new InputError({ field: "--metric", message: "required" });
  if (!Object.hasOwn(TREND_METRICS, metric)) {
    throw new InputError({
      field: "--metric",
      value: metric,
      message: `unknown metric; expected one of ${Object.keys(TREND_METRICS).join(", ")}`,
    });
  }
  const since = flags.since === undefined ? undefined : parseDateFlag(flags.since, "--since");
  const until = flags.until === undefined ? undefined : parseDateFlag(flags.until, "--until");
  const frontier = flags.frontier === undefined ? undefined : parseFrontierRule(flags.frontier);
  const where = (flags.where ?? []).map((w) => parseFilter(w));
  const file = resolveDataRef(ref, resolveDataDir(globalOptions(command).data));
  const table = await readCsvFile(file);
  const selection = selectTrendPoints(table, {
    metric: metric as TrendMetric,
    notable: flags.notable,
    frontier,
    since,
    until,
    where,
  });
  const query = {
    data: ref,
    file,
    metric,
    column: selection.column,
    notable: flags.notable ?? false,
    frontier: flags.frontier ?? null,
    since: flags.since ?? null,
    until: flags.until ?? null,
    where: flags.where ?? [],
    counts: selection.counts,
  };
  return { file, selection, query };
}

/** `4.68×/yr (90% CI 4.23–5.17), 0.6700 OOM/yr, doubling every 5.4 months`, in `lang`. */
export function describeGrowth(g: GrowthSummary, lang: Lang): string {
  const f = (v: number) => (Math.abs(v) >= 100 ? v.toPrecision(3) : v.toFixed(2));
  return translator(lang)("cliAnalysis.trend.growthSummary", {
    growth: f(g.growthPerYear),
    lo: f(g.ci90[0]),
    hi: f(g.ci90[1]),
    slope: g.slopeOomPerYear.toFixed(4),
    months: g.doublingMonths.toFixed(1),
  });
}

export function register(program: Command): void {
  addSelectionOptions(
    program
      .command("trend")
      .description("log-linear growth of an Epoch metric over publication date, optionally piecewise"),
  )
    .option("--breaks <K>", "piecewise trend with K breaks (0, 1 or 2; default 0)", intArg("--breaks", 0, 2))
    .option("--break-style <style>", "discontinuous (independent segments, default) or continuous")
    .option(
      "--min-segment <n>",
      "fewest points per segment (default 5)",
      intArg("--min-segment", 3, MAX_ROWS),
    )
    .addOption(langFlag())
    .action(async (ref: string, flags: TrendFlags, command: Command) => {
      const lang = resolveLang(flags.lang);
      const breaks = flags.breaks ?? 0;
      if (breaks > 2)
        throw new InputError({ field: "--breaks", value: breaks, message: "expected 0, 1 or 2" });
      const style = flags.breakStyle ?? "discontinuous";
      if (style !== "continuous" && style !== "discontinuous") {
        throw new InputError({
          field: "--break-style",
          value: style,
          message: "expected continuous or discontinuous",
        });
      }
      const minSegment = flags.minSegment ?? 5;
      const { file, selection, query } = await loadSelection(ref, flags, command);
      requirePoints(selection, breaks === 0 ? 3 : minSegment * (breaks + 1), file);
      const result = analyseTrend(selection.points, {
        breaks,
        continuous: style === "continuous",
        minSegmentPoints: minSegment,
      });
      if (flags.json) {
        printJson({ query: { ...query, breaks, breakStyle: style }, ...result });
        return;
      }
      process.stdout.write(formatTrend(result, selection.metric, style, lang));
    });
}

/** The trend's summary, its breaks and its segments, in `lang`. */
function formatTrend(result: TrendResult, metric: TrendMetric, style: string, lang: Lang): string {
  const t = translator(lang);
  const date = (iso: string) => formatDate(iso, lang);
  const lines = [
    t("cliAnalysis.trend.header", {
      metric: t(`cliAnalysis.trend.metric.${metric}`),
      n: result.n,
      from: date(result.firstDate),
      to: date(result.lastDate),
    }),
    t("cliAnalysis.trend.growth", { growth: describeGrowth(result, lang) }),
    t("cliAnalysis.trend.fitQuality", {
      r2: result.r2.toFixed(3),
      sd: result.residualSdOom.toFixed(3),
    }),
  ];
  if (result.piecewise && result.breaks) {
    lines.push(
      t("cliAnalysis.trend.piecewise", {
        style: t(style === "continuous" ? "cliAnalysis.trend.continuous" : "cliAnalysis.trend.discontinuous"),
        bic: result.piecewise.bic.toFixed(1),
        bicNoBreak: result.piecewise.bicNoBreak.toFixed(1),
      }),
    );
    for (const b of result.breaks) {
      const interval = b.ci90Dates
        ? t("cliAnalysis.trend.breakInterval", { from: date(b.ci90Dates[0]), to: date(b.ci90Dates[1]) })
        : "";
      lines.push(t("cliAnalysis.trend.breakAt", { date: date(b.date), interval }));
    }
    for (const s of result.piecewise.segments) {
      lines.push(
        t("cliAnalysis.trend.segment", {
          from: date(s.from),
          to: date(s.to),
          n: s.n,
          growth: describeGrowth(s, lang),
        }),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
