import type { Command } from "commander";
import { columnIndex, filterRows, parseFilter, readCsvFile } from "../data/csv.js";
import { resolveDataDir } from "../data/dataDir.js";
import { resolveDataRef } from "../data/registry.js";
import {
  analyseBend,
  BEND_SHAPE_NAMES,
  type BendResult,
  type BendShape,
  type BendWeighting,
} from "../forecast/bend.js";
import { dateCell, isoDateOfYear, parseDateFlag } from "../forecast/dates.js";
import { metricCell } from "../forecast/selection.js";
import { formatDate, type Lang, padEndColumns, padStartColumns, translator } from "../i18n/index.js";
import { InputError } from "../util/errors.js";
import { MAX_BOOTSTRAP, MAX_HORIZON_YEARS, MAX_ROWS, MAX_SEED } from "../util/limits.js";
import { collect, globalOptions, intArg, langFlag, numberArg, printJson, resolveLang } from "./shared.js";

interface BendFlags {
  /** Column of the scale variable: compute (FLOP, times --x-scale) or, with --x-date, a date. */
  x?: string;
  /** Column of the metric. */
  y?: string;
  /** Multiplier turning the x column into FLOP (ObsScaling's `FLOPs (1E21)` needs 1e21). Default 1. */
  xScale?: number;
  /** The x column holds dates: the axis is time in years. Default false. */
  xDate?: boolean;
  /** `COL=VALUE` row filters (exact match). */
  where?: string[];
  /** The metric is a score (higher is better); default: a loss (lower is better). */
  higherIsBetter?: boolean;
  /** Best possible score for --higher-is-better. Default 1. */
  ceiling?: number;
  /** Held-out points: the last K by x. Default ceil(n/5), at least 2. */
  holdout?: number;
  /** Hold out the points with x after this value (FLOP, or a date with --x-date). */
  holdoutAfter?: string;
  /** holdout | aic | equal. Default holdout. */
  weights?: string;
  /** Horizon in orders of magnitude of compute past the last point. Default 2. */
  withinOom?: number;
  /** Horizon as a year: on the time axis directly; on the compute axis with --oom-per-year and --from-year. */
  byYear?: number;
  /** Compute growth (OOM/yr, e.g. the frontier trend's 0.70) turning --by-year into OOM on the compute axis. */
  oomPerYear?: number;
  /** The date of the last point on the compute axis, as a decimal year, for --by-year. */
  fromYear?: number;
  /** Shapes to compare (comma-separated). Default all. */
  shapes?: string;
  /** Bootstrap replicates. Default 200. */
  bootstrap?: number;
  /** Bootstrap seed. Default 1. */
  seed?: number;
  json?: boolean;
  /** Language of the table (default: $WALLCAST_LANG, then en). */
  lang?: Lang;
}

export function register(program: Command): void {
  program
    .command("bend")
    .description(
      "fit straight, saturating, broken and S-curve shapes to a metric against compute or time, score them on " +
        "the latest points, and give a model-averaged forecast and P(gain per 10× halves)",
    )
    .argument("<data>", "dataset-id[:file] or a CSV path")
    .option("--x <column>", "scale column: compute in FLOP (see --x-scale) or a date (with --x-date)")
    .option("--y <column>", "metric column")
    .option(
      "--x-scale <factor>",
      "multiplier turning x into FLOP, e.g. 1e21 (default 1)",
      numberArg("--x-scale"),
    )
    .option("--x-date", "x is a date: the axis is time, one unit = one year")
    .option("--where <COL=VALUE>", "keep rows whose COL equals VALUE (repeatable)", collect)
    .option("--higher-is-better", "the metric is a score (default: a loss, lower is better)")
    .option(
      "--ceiling <value>",
      "best possible score with --higher-is-better (default 1)",
      numberArg("--ceiling"),
    )
    .option(
      "--holdout <K>",
      "hold out the K points with the largest x (default ceil(n/5), ≥ 2)",
      intArg("--holdout", 1, MAX_ROWS),
    )
    .option("--holdout-after <x>", "hold out the points after this x (FLOP, or a date with --x-date)")
    .option("--weights <rule>", "holdout (default) | aic | equal")
    .option(
      "--within-oom <k>",
      "horizon: k orders of magnitude of compute past the last point (default 2)",
      numberArg("--within-oom", 0, MAX_HORIZON_YEARS),
    )
    .option(
      "--by-year <Y>",
      "horizon: up to year Y (compute axis: with --oom-per-year and --from-year)",
      numberArg("--by-year"),
    )
    .option(
      "--oom-per-year <r>",
      "compute growth in OOM/yr that maps --by-year onto the compute axis",
      numberArg("--oom-per-year"),
    )
    .option(
      "--from-year <Y0>",
      "decimal year of the last point, for --by-year on the compute axis",
      numberArg("--from-year"),
    )
    .option("--shapes <list>", `comma-separated subset of ${BEND_SHAPE_NAMES.join(",")}`)
    .option("--bootstrap <B>", "bootstrap replicates (default 200)", intArg("--bootstrap", 0, MAX_BOOTSTRAP))
    .option("--seed <n>", "bootstrap seed (default 1)", intArg("--seed", 0, MAX_SEED))
    .option("--json", "print one JSON object")
    .addOption(langFlag())
    .action(async (ref: string, flags: BendFlags, command: Command) => {
      const lang = resolveLang(flags.lang);
      if (!flags.x) throw new InputError({ field: "--x", message: "required" });
      if (!flags.y) throw new InputError({ field: "--y", message: "required" });
      const weights = flags.weights ?? "holdout";
      if (!["holdout", "aic", "equal"].includes(weights)) {
        throw new InputError({
          field: "--weights",
          value: weights,
          message: "expected holdout, aic or equal",
        });
      }
      const shapes = flags.shapes?.split(",").map((s) => s.trim()) ?? BEND_SHAPE_NAMES;
      for (const s of shapes) {
        if (!BEND_SHAPE_NAMES.includes(s as BendShape)) {
          throw new InputError({
            field: "--shapes",
            value: s,
            message: `expected ${BEND_SHAPE_NAMES.join(", ")}`,
          });
        }
      }
      const xScale = flags.xScale ?? 1;
      if (!(xScale > 0))
        throw new InputError({ field: "--x-scale", value: xScale, message: "must be positive" });
      if (
        flags.byYear !== undefined &&
        !flags.xDate &&
        (flags.oomPerYear === undefined || flags.fromYear === undefined)
      ) {
        throw new InputError({
          field: "--by-year",
          value: flags.byYear,
          message: "needs a time axis (--x-date), or --oom-per-year and --from-year on the compute axis",
        });
      }
      const file = resolveDataRef(ref, resolveDataDir(globalOptions(command).data));
      const table = await readCsvFile(file);
      const xi = columnIndex(table, flags.x, "--x");
      const yi = columnIndex(table, flags.y, "--y");
      const rows = filterRows(
        table,
        (flags.where ?? []).map((w) => parseFilter(w)),
      );
      const u: number[] = [];
      const y: number[] = [];
      const labels: string[] = [];
      const label =
        table.header.indexOf("Model") >= 0 ? table.header.indexOf("Model") : table.header.indexOf("model");
      for (const r of rows) {
        const yv = metricCell(table, r, yi);
        if (Number.isNaN(yv)) continue;
        let uv: number;
        if (flags.xDate) uv = dateCell(table, r, xi);
        else {
          const xv = metricCell(table, r, xi) * xScale;
          uv = xv > 0 ? Math.log10(xv) : Number.NaN;
        }
        if (!Number.isFinite(uv)) continue;
        u.push(uv);
        y.push(yv);
        labels.push(label >= 0 ? table.rows[r][label] : `line ${table.lines[r]}`);
      }
      let holdoutAfter: number | undefined;
      if (flags.holdoutAfter !== undefined) {
        if (flags.xDate) holdoutAfter = parseDateFlag(flags.holdoutAfter, "--holdout-after");
        else {
          const v = Number(flags.holdoutAfter);
          if (!(v > 0)) {
            throw new InputError({
              field: "--holdout-after",
              value: flags.holdoutAfter,
              message: "expected FLOP > 0",
            });
          }
          holdoutAfter = Math.log10(v);
        }
      }
      const uLast = Math.max(...u);
      // On the compute axis a year Y is reached after (Y − fromYear)·oomPerYear orders of magnitude.
      const horizon =
        flags.byYear === undefined
          ? (flags.withinOom ?? 2)
          : flags.xDate
            ? flags.byYear - uLast
            : (flags.byYear - flags.fromYear!) * flags.oomPerYear!;
      if (!(horizon > 0)) {
        throw new InputError({
          field: flags.byYear !== undefined ? "--by-year" : "--within-oom",
          value: flags.byYear ?? flags.withinOom,
          message: "the horizon must reach past the last point",
        });
      }
      const higher = flags.higherIsBetter ?? false;
      const ceiling = flags.ceiling ?? 1;
      if (u.length < 10) {
        throw new InputError({
          file,
          field: "selection",
          value: u.length,
          message: "fewer than 10 rows with both x and y; the shapes need more",
        });
      }
      for (let i = 0; i < y.length; i++) {
        if (higher ? !(y[i] < ceiling) : !(y[i] > 0)) {
          throw new InputError({
            file,
            field: flags.y,
            value: y[i],
            message: higher
              ? `a score must be below the ceiling ${ceiling} (set --ceiling)`
              : "a loss must be > 0",
          });
        }
      }
      const result = analyseBend({
        u,
        y,
        better: higher ? "higher" : "lower",
        ceiling,
        holdout: flags.holdout,
        holdoutAfter,
        weighting: weights as BendWeighting,
        horizon,
        bootstrap: flags.bootstrap,
        seed: flags.seed,
        shapes: shapes as BendShape[],
        uOrigin: flags.xDate ? Math.floor(Math.min(...u)) : 0,
      });
      const axis = flags.xDate ? "year" : "log10 FLOP";
      if (flags.json) {
        const sorted = order(u);
        printJson({
          query: { data: ref, file, x: flags.x, y: flags.y, xScale, axis, where: flags.where ?? [], horizon },
          ...result,
          points: result.points.map((p, i) => ({ ...p, label: labels[sorted[i]] })),
          forecast: flags.xDate
            ? result.forecast.map((f) => ({ ...f, date: isoDateOfYear(f.u) }))
            : result.forecast,
        });
        return;
      }
      process.stdout.write(formatBend(result, flags.xDate ?? false, lang));
    });
}

/** The shapes' weights, scores and P(gain halves), and the model average, in `lang` (shape names translated). */
function formatBend(result: BendResult, xDate: boolean, lang: Lang): string {
  const t = translator(lang);
  const at = (v: number) =>
    xDate ? formatDate(isoDateOfYear(v), lang) : t("cliAnalysis.bend.flop", { exponent: v.toFixed(2) });
  const per = t(xDate ? "cliAnalysis.bend.perYear" : "cliAnalysis.bend.perTenfold");
  const lines = [
    t("cliAnalysis.bend.header", {
      n: result.n,
      fitted: result.trainN,
      heldOut: result.holdoutN,
      at: at(result.uLast),
    }),
    `${padEndColumns(t("cliAnalysis.bend.shape"), 12)} ${padStartColumns(t("cliAnalysis.bend.weight"), 6)}  ` +
      `${padStartColumns(t("cliAnalysis.bend.holdoutRmse"), 13)}  ${t("cliAnalysis.bend.gainNow", { per })}  ` +
      t("cliAnalysis.bend.pHalves", { at: at(result.uEnd) }),
  ];
  for (const m of result.models) {
    const shape = padEndColumns(t(`cliAnalysis.bend.shapeName.${m.shape}`), 12);
    lines.push(
      m.skipped
        ? `${shape} ${t("cliAnalysis.bend.skipped", { reason: m.skipped })}`
        : `${shape} ${m.weight.toFixed(3).padStart(6)}  ${m.holdoutRmse.toPrecision(3).padStart(13)}  ` +
            `${m.gainNow.toPrecision(3).padStart(8)}  ` +
            t("cliAnalysis.bend.replicates", { p: m.pHalve.toFixed(3), replicates: m.replicates }),
    );
  }
  lines.push(
    t("cliAnalysis.bend.summary", { gain: result.gainNow.toPrecision(3), per, p: result.pHalve.toFixed(3) }),
  );
  return `${lines.join("\n")}\n`;
}

/** Indices that sort `values` ascending (the order analyseBend returns points in). */
function order(values: readonly number[]): number[] {
  return values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
}
