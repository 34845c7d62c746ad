import type { Command } from "commander";
import { type CreditCheck, creditChecks, loadCdsQuotes } from "../calibration/creditMarket.js";
import { givenRevenueFromTargets } from "../calibration/given.js";
import { type ScoreRow, scorecard, scoreSummary } from "../calibration/scorecard.js";
import { DEFAULT_TARGETS, loadTargets, targetsFor } from "../calibration/targets.js";
import { type Lang, padEndColumns, padStartColumns, translator } from "../i18n/index.js";
import { loadScenario } from "../scenario/loader.js";
import { InputError } from "../util/errors.js";
import { langOption, printJson, resolveLang } from "./shared.js";
import { monteCarloOptions, simulateWithProgress } from "./simulate.js";

/** Flags of `calibrate` and `backcast`. */
export interface CalibrateCliOptions {
  /** Monte Carlo paths (default 1000). */
  paths: number;
  /** Run seed (default 1). */
  seed: number;
  /** Worker threads (default: the machine's cores). */
  threads?: number;
  /** Targets file (default: the package's calibration/targets.yaml). */
  targets?: string;
  /** Print one JSON object: the `simulate --json` object plus `scorecard`, `scoreSummary` and `creditChecks`
   * (default false). */
  json?: boolean;
  /** Hold assumptions at their point values (default false). */
  point?: boolean;
  /** Language of the scorecard (default: $WALLCAST_LANG, then English). */
  lang?: Lang;
  /** Lab whose published revenue (its revenueUsdB targets) the run takes as given (default: none). */
  givenRevenue?: string;
}

/** The flags `calibrate` and `backcast` add to the Monte Carlo ones. */
export function scorecardOptions(command: Command): Command {
  return command
    .option("--targets <file>", "targets file (default: calibration/targets.yaml of the package)")
    .option(
      "--given-revenue <lab>",
      "take the lab's published revenue (its revenueUsdB targets) as given and score the rest: a conditional check, not a forecast",
    )
    .option(
      "--json",
      "print one JSON object: the simulate --json object plus scorecard, scoreSummary and creditChecks",
    );
}

export function register(program: Command): void {
  const command = program
    .command("calibrate")
    .description(
      "score a scenario's simulated years against sourced targets (guidance, plans): median and 90% interval",
    )
    .argument(
      "[scenario]",
      "library scenario name or YAML file (default: default); scored against its own targets, else the default's",
    );
  scorecardOptions(monteCarloOptions(command));
  langOption(command).action(async (name: string | undefined, options: CalibrateCliOptions) => {
    await printScorecard("calibrate", name ?? DEFAULT_TARGETS, options);
  });
}

/** Simulates `name`, scores it against its targets and prints the scorecard (or the JSON with `scorecard`). */
export async function printScorecard(
  command: "calibrate" | "backcast",
  name: string,
  options: CalibrateCliOptions,
): Promise<void> {
  const lang = resolveLang(options.lang);
  const sets = loadTargets(options.targets);
  const scenario = await loadScenario(name);
  const targets = targetsFor(sets, scenario.name);
  const lab = options.givenRevenue;
  if (lab !== undefined && scenario.entities.find((e) => e.id === lab)?.kind !== "lab")
    throw new InputError({ field: "--given-revenue", value: lab, message: "not a lab of the scenario" });
  const stress =
    lab === undefined
      ? undefined
      : { givenRevenue: givenRevenueFromTargets(targets, lab, scenario.start, scenario.horizonQuarters) };
  const result = await simulateWithProgress(command, scenario, { ...options, stress });
  const rows = scorecard(result, targets, lab);
  const credit = creditChecks(scenario, result, loadCdsQuotes());
  if (options.json)
    printJson({ ...result, scorecard: rows, scoreSummary: scoreSummary(rows), creditChecks: credit });
  else
    process.stdout.write(
      formatScorecard(command, scenario.name, result.paths, options.seed, rows, lang, lab) +
        formatCreditChecks(credit, lang),
    );
}

/** The market-implied P(default) checks as a table in `lang` (nothing when there are none). */
export function formatCreditChecks(checks: readonly CreditCheck[], lang: Lang = "en"): string {
  if (checks.length === 0) return "";
  const t = translator(lang);
  const p = (x: number) => x.toFixed(3);
  const lines = [
    "",
    t("cli.calibrate.creditHeader"),
    `${padEndColumns(t("cli.calibrate.entity"), 16)}${padEndColumns(t("cli.calibrate.byEnd"), 10)}${padStartColumns(t("cli.calibrate.cdsBps"), 8)}  ${padStartColumns(t("cli.calibrate.implied"), 7)}  ${padEndColumns(t("cli.calibrate.band"), 14)}${padStartColumns(t("cli.calibrate.model"), 6)}  ${padEndColumns(t("cli.calibrate.mc"), 14)}${padEndColumns(t("cli.calibrate.inside"), 8)}${t("cli.calibrate.source")}`,
  ];
  for (const c of checks) {
    const inside = c.inside ? t("cli.calibrate.yes") : t("cli.calibrate.no");
    lines.push(
      `${c.entity.padEnd(16)}${String(c.year).padEnd(10)}${String(c.spreadBps).padStart(8)}  ${p(c.implied).padStart(7)}  ` +
        `${`${p(c.band[0])}–${p(c.band[1])}`.padEnd(14)}${p(c.pDefault).padStart(6)}  ${`${p(c.pDefaultLow)}–${p(c.pDefaultHigh)}`.padEnd(14)}` +
        `${padEndColumns(c.undecided ? t("cli.calibrate.undecided", { verdict: inside }) : inside, 8)}${c.source}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function usd(value: number): string {
  return (Math.abs(value) < 10 ? value.toFixed(2) : value.toFixed(1)).padStart(7);
}

/** `lo–hi`, to two decimals when `scale` is under 10 and one otherwise. */
function range(lo: number, hi: number, scale: number): string {
  const digits = scale < 10 ? 2 : 1;
  return `${lo.toFixed(digits)}–${hi.toFixed(digits)}`;
}

/**
 * The scorecard as a table: target and band, the simulated median and 90% interval, inside or not; in `lang`
 * (entity ids, metrics and sources as written).
 */
export function formatScorecard(
  command: "calibrate" | "backcast",
  scenario: string,
  paths: number,
  seed: number,
  rows: readonly ScoreRow[],
  lang: Lang = "en",
  givenLab?: string,
): string {
  const t = translator(lang);
  const yes = t("cli.calibrate.yes");
  const no = t("cli.calibrate.no");
  const given = t("cli.calibrate.given");
  const lines = [
    t(command === "backcast" ? "cli.calibrate.backcastHeader" : "cli.calibrate.header", {
      scenario,
      paths,
      seed,
    }),
    ...(givenLab === undefined ? [] : [t("cli.calibrate.givenNote", { lab: givenLab })]),
    "",
    `${padEndColumns(t("cli.calibrate.entity"), 16)}${padEndColumns(t("cli.calibrate.metric"), 18)}${padEndColumns(t("cli.calibrate.year"), 6)}${padStartColumns(t("cli.calibrate.target"), 7)}  ${padEndColumns(t("cli.calibrate.band"), 15)}${padStartColumns(t("cli.calibrate.p50"), 7)}  ${padEndColumns(t("cli.calibrate.medianInterval"), 15)}${padEndColumns(t("cli.calibrate.interval"), 17)}${padEndColumns(t("cli.calibrate.inside"), 8)}${padEndColumns(t("cli.calibrate.covered"), 8)}${t("cli.calibrate.source")}`,
  ];
  for (const r of rows) {
    const inside = r.inside ? yes : no;
    lines.push(
      `${r.entity.padEnd(16)}${r.metric.padEnd(18)}${String(r.year).padEnd(6)}${usd(r.value)}  ` +
        `${`[${r.band[0]}, ${r.band[1]}]`.padEnd(15)}${usd(r.p50)}  ${range(r.p50Low, r.p50High, r.p50).padEnd(15)}${range(r.p05, r.p95, r.p95).padEnd(17)}` +
        (r.given
          ? `${padEndColumns(given, 8)}${padEndColumns(given, 7)}`
          : `${padEndColumns(r.undecided ? t("cli.calibrate.undecided", { verdict: inside }) : inside, 8)}${padEndColumns(r.covered ? yes : no, 7)}`) +
        r.source,
    );
  }
  const summary = scoreSummary(rows);
  lines.push(
    "",
    t("cli.calibrate.insideCount", { n: summary.inside, of: summary.targets }),
    ...(summary.undecided > 0 ? [t("cli.calibrate.undecidedCount", { n: summary.undecided, paths })] : []),
    t("cli.calibrate.coveredCount", { n: summary.covered, of: summary.targets }),
    t("cli.calibrate.sideCount", {
      above: summary.aboveMedian,
      of: summary.targets,
      high: summary.aboveP95,
      low: summary.belowP05,
    }),
  );
  return `${lines.join("\n")}\n`;
}
