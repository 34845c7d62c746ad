import type { Command } from "commander";
import { resolveDataDir } from "../data/dataDir.js";
import { resolveDataRef } from "../data/registry.js";
import { isoDateOfYear } from "../forecast/dates.js";
import {
  capabilityCostTrend,
  cheapestToReach,
  type DatedValue,
  frontierByGroup,
  readArenaHistory,
  runningBest,
  type UsChinaGapPoint,
  usChinaGap,
} from "../forecast/gap/index.js";
import { catalogue, displayWidth, formatDate, type Lang, padEndColumns, translator } from "../i18n/index.js";
import { InputError } from "../util/errors.js";
import { MAX_BOOTSTRAP, MAX_SEED, MAX_STEP_MONTHS } from "../util/limits.js";
import { runIndex } from "./capabilityIndex.js";
import { globalOptions, intArg, langOption, printJson, resolveLang } from "./shared.js";

interface GapOptions {
  /** Capability measure: index (default) or arena. */
  measure?: string;
  /** Bootstrap replicates of the index (default 100). */
  bootstrap?: number;
  seed?: number;
  /** Months between gap dates (default 1). */
  stepMonths?: number;
  sources?: string;
  since?: string;
  json?: boolean;
  /** Language of the table (default: $WALLCAST_LANG, then English). */
  lang?: Lang;
}

function describeGap(points: readonly UsChinaGapPoint[]) {
  return points.map((p) => ({
    date: isoDateOfYear(p.year),
    year: p.year,
    leader: p.leader,
    levelUS: p.levelUs,
    levelChina: p.levelChina,
    months: p.months,
  }));
}

function indexGap(options: GapOptions, dataFlag: string | undefined) {
  const run = runIndex(options, dataFlag, options.json === true);
  const { result, info } = run;
  const points: DatedValue[] = result.models.map((m) => ({
    name: m.model,
    group: info.get(m.model)?.bloc || "unknown",
    year: info.get(m.model)?.year ?? Number.NaN,
    value: m.index,
  }));
  // Uncertainty: the same gap on every bootstrap replicate's index values, signed so the interval shows a
  // change of leader.
  const { byBloc, points: gapPoints } = usChinaGap(points, {
    stepMonths: options.stepMonths ?? 1,
    replicateValues: result.replicateIndex,
    replicates: result.bootstrap.replicates,
    level: result.bootstrap.level,
  });
  const withCi = describeGap(gapPoints).map((g, k) => ({
    ...g,
    usLeadMonthsCi: [gapPoints[k].usLeadLo, gapPoints[k].usLeadHi],
  }));
  const byOrganization = frontierByGroup(
    result.models.map((m) => ({
      name: m.model,
      group: info.get(m.model)?.organization || "unknown",
      year: info.get(m.model)?.year ?? Number.NaN,
      value: m.index,
    })),
  );
  const costPoints = result.models
    .map((m) => ({
      name: m.model,
      year: info.get(m.model)?.year ?? Number.NaN,
      index: m.index,
      amount: info.get(m.model)?.trainingComputeFlop ?? Number.NaN,
    }))
    .filter((p) => p.amount > 0 && Number.isFinite(p.year));
  const compute = costPoints.length >= 4 ? capabilityCostTrend(costPoints) : undefined;
  const levels = [120, 125, 130, 135, 140];
  return {
    measure: "index",
    sources: run.sources,
    since: run.since,
    bootstrap: result.bootstrap,
    frontierByBloc: Object.fromEntries(byBloc),
    frontierByOrganization: Object.fromEntries(byOrganization),
    gap: withCi,
    computeAtFixedCapability: compute && {
      n: compute.n,
      oomPerYear: compute.oomPerYear,
      fallPerYear: compute.fallPerYear,
      log10FlopPerIndexPoint: compute.perIndexPoint,
      residualSd: compute.residualSd,
      mostEfficient: compute.residuals.slice(0, 10),
      leastEfficient: compute.residuals.slice(-5).reverse(),
    },
    cheapestToReach: levels.map((level) => ({ level, records: cheapestToReach(costPoints, level) })),
  };
}

function arenaGap(options: GapOptions, dataFlag: string | undefined) {
  const history = readArenaHistory(resolveDataRef("lmarena:alltime.csv", resolveDataDir(dataFlag)));
  const { byBloc, points } = usChinaGap(history.models, {
    stepMonths: options.stepMonths ?? 1,
    until: history.snapshots[history.snapshots.length - 1]?.year ?? Number.NaN,
  });
  return {
    measure: "arena",
    frontierByBloc: Object.fromEntries(byBloc),
    gap: describeGap(points),
    snapshots: history.snapshots,
    overallFrontier: runningBest(history.models),
  };
}

export function register(program: Command): void {
  const command = program
    .command("gap")
    .description("frontiers by organisation and country bloc, and the US–China gap in months")
    .option("--measure <m>", "capability measure: index or arena", "index")
    .option(
      "--bootstrap <B>",
      "bootstrap replicates of the index",
      intArg("--bootstrap", 0, MAX_BOOTSTRAP),
      100,
    )
    .option("--seed <S>", "seed", intArg("--seed", 0, MAX_SEED), 42)
    .option("--step-months <n>", "months between gap dates", intArg("--step-months", 1, MAX_STEP_MONTHS), 1)
    .option("--sources <list>", "index score sources", "hub,external")
    .option("--since <date>", "index: keep models released on or after this date", "2022-11-01")
    .option("--json", "print one JSON object");
  langOption(command).action((options: GapOptions, command: Command) => {
    const lang = resolveLang(options.lang);
    const dataFlag = globalOptions(command).data;
    if (options.measure !== "index" && options.measure !== "arena")
      throw new InputError({
        field: "--measure",
        value: options.measure,
        message: "expected index or arena",
      });
    const out = options.measure === "arena" ? arenaGap(options, dataFlag) : indexGap(options, dataFlag);
    if (options.json) {
      printJson(out);
      return;
    }
    process.stdout.write(formatGap(out, lang));
  });
}

/** The gap as a table of dates, in `lang` (model names as written). */
function formatGap(out: ReturnType<typeof indexGap> | ReturnType<typeof arenaGap>, lang: Lang): string {
  const t = translator(lang);
  const blocs: Readonly<Record<string, string>> = catalogue(lang).report.term.bloc;
  const lines = [
    t("cli.gap.title", { measure: t(out.measure === "arena" ? "cli.gap.arena" : "cli.gap.index") }),
  ];
  const step = Math.max(1, Math.floor(out.gap.length / 24));
  const shown = out.gap.filter((_, k) => k % step === 0);
  // A Japanese date's width varies with its month and day: pad to the widest, so the columns line up.
  const dateWidth = Math.max(0, ...shown.map((g) => displayWidth(formatDate(g.date, lang))));
  for (const g of shown) {
    const ci =
      "usLeadMonthsCi" in g
        ? t("cli.gap.interval", {
            lo: (g.usLeadMonthsCi as number[])[0].toFixed(1),
            hi: (g.usLeadMonthsCi as number[])[1].toFixed(1),
          })
        : "";
    const leader = String(g.leader);
    lines.push(
      t("cli.gap.row", {
        date: padEndColumns(formatDate(g.date, lang), dateWidth),
        leader: padEndColumns(Object.hasOwn(blocs, leader) ? blocs[leader] : leader, 5),
        months: Number.isFinite(g.months) ? g.months.toFixed(1) : "–",
        interval: ci,
      }),
    );
  }
  if ("computeAtFixedCapability" in out && out.computeAtFixedCapability) {
    const c = out.computeAtFixedCapability;
    lines.push(
      "",
      t("cli.gap.compute", {
        fall: c.fallPerYear.toFixed(2),
        n: c.n,
        models: c.mostEfficient
          .slice(0, 5)
          .map((r) => t("cli.gap.model", { name: r.name, residual: r.residual.toFixed(2) }))
          .join(lang === "ja" ? "、" : ", "),
      }),
    );
  }
  return `${lines.join("\n")}\n`;
}
