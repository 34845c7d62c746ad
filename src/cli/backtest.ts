import type { Command } from "commander";
import { backtestTrend } from "../forecast/backtest.js";
import { parseDateFlag } from "../forecast/dates.js";
import { requirePoints } from "../forecast/selection.js";
import { formatDate, type Lang, translator } from "../i18n/index.js";
import { InputError } from "../util/errors.js";
import { MAX_HORIZON_YEARS } from "../util/limits.js";
import { collect, langFlag, numberArg, printJson, resolveLang } from "./shared.js";
import { addSelectionOptions, describeGrowth, loadSelection, type SelectionFlags } from "./trend.js";

interface BacktestFlags extends SelectionFlags {
  /** Cutoff dates, YYYY-MM-DD (repeatable; default 2023-12-31). */
  cutoff?: string[];
  /** Years after each cutoff to forecast (default: through the data's end). */
  horizon?: number;
  /** Language of the summary (default: $WALLCAST_LANG, then en). */
  lang?: Lang;
}

export function register(program: Command): void {
  addSelectionOptions(
    program
      .command("backtest")
      .description(
        "fit a trend on data up to a cutoff date, forecast the later models, report error and interval coverage",
      ),
  )
    .option(
      "--cutoff <date>",
      "last date of the fitting data, YYYY-MM-DD (repeatable; default 2023-12-31)",
      collect,
    )
    .option(
      "--horizon <years>",
      "forecast this many years past the cutoff (default: to the data's end)",
      numberArg("--horizon", 0, MAX_HORIZON_YEARS),
    )
    .addOption(langFlag())
    .action(async (ref: string, flags: BacktestFlags, command: Command) => {
      const lang = resolveLang(flags.lang);
      const cutoffs = (flags.cutoff ?? ["2023-12-31"]).map((c) => parseDateFlag(c, "--cutoff"));
      if (flags.horizon !== undefined && !(flags.horizon > 0)) {
        throw new InputError({ field: "--horizon", value: flags.horizon, message: "must be positive" });
      }
      const { file, selection, query } = await loadSelection(ref, flags, command);
      const results = cutoffs.map((cutoff, i) => {
        const train = selection.points.filter((p) => p.year <= cutoff);
        requirePoints({ ...selection, points: train }, 3, file);
        const result = backtestTrend(selection.points, { cutoff, horizon: flags.horizon });
        if (result.testN === 0) {
          throw new InputError({
            field: "--cutoff",
            value: (flags.cutoff ?? ["2023-12-31"])[i],
            message: "no selected models after the cutoff to forecast",
          });
        }
        return result;
      });
      if (flags.json) {
        printJson({ query: { ...query, horizon: flags.horizon ?? null }, backtests: results });
        return;
      }
      const t = translator(lang);
      const lines: string[] = [];
      for (const r of results) {
        lines.push(
          t("cliMore.backtest.cutoff", {
            date: formatDate(r.cutoffDate, lang),
            n: r.train.n,
            growth: describeGrowth(r.train, lang),
          }),
          t("cliMore.backtest.forecast", {
            n: r.testN,
            rmse: r.rmseOom.toFixed(3),
            mae: r.maeOom.toFixed(3),
            bias: `${r.biasOom >= 0 ? "+" : ""}${r.biasOom.toFixed(3)}`,
            coverage: (100 * r.coverage).toFixed(1),
            level: Math.round(100 * r.level),
          }),
        );
      }
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
