import type { Command } from "commander";
import { checkFireSaleInputs } from "../finance/firesale/index.js";
import {
  IMPORTANCE_BATCH,
  type ImportanceKey,
  rankImportance,
  systemicImportanceParallel,
} from "../finance/importance/index.js";
import { type Lang, translator } from "../i18n/index.js";
import { InputError } from "../util/errors.js";
import { MAX_ROWS, MAX_THREADS } from "../util/limits.js";
import { terminalProgress } from "../util/progress.js";
import { fmt, libraryCall, loadNetwork, table } from "./debtrank.js";
import { checkLossOptions, type LossCliOptions, lossOptions } from "./losses.js";
import { intArg, langOption, numberArg, printJson, resolveLang } from "./shared.js";

interface ImportanceCliOptions extends LossCliOptions {
  /** Share of each node's external assets lost in its scenario, in [0, 1] (default 1). */
  shockFraction: number;
  /** Ranking key (default inducedLoss). */
  rankBy: ImportanceKey;
  /** Print only the first K nodes of the ranking (default all). */
  top?: number;
  /** Worker threads (default the machine's cores). */
  threads?: number;
  /** Language of the table (default: $WALLCAST_LANG, then en). */
  lang?: Lang;
}

const KEYS: ImportanceKey[] = ["inducedLoss", "totalLoss", "systemLoss", "inducedDefaults", "amplification"];

export function register(program: Command): void {
  langOption(
    lossOptions(
      program
        .command("importance")
        .description("systemic importance: shock each node in turn, count induced defaults and losses, rank")
        .argument("<network.json>", "network file (nodes, liabilities; for --fire-sale the fire-sale fields)")
        .option(
          "--shock-fraction <F>",
          "share of each node's external assets lost, in [0, 1]",
          numberArg("--shock-fraction", 0, 1),
          1,
        )
        .option("--rank-by <key>", `ranking key: ${KEYS.join(", ")}`, "inducedLoss")
        .option("--top <K>", "print the K most important nodes", intArg("--top", 1, MAX_ROWS))
        .option("--threads <T>", "worker threads (default: all cores)", intArg("--threads", 1, MAX_THREADS)),
    ),
  ).action(async (file: string, options: ImportanceCliOptions) => {
    const lang = resolveLang(options.lang);
    const lossOpts = checkLossOptions(options);
    const fraction = options.shockFraction;
    if (!KEYS.includes(options.rankBy))
      throw new InputError({
        field: "--rank-by",
        value: options.rankBy,
        message: `must be one of ${KEYS.join(", ")}`,
      });
    const net = loadNetwork(file);
    // Checked here: an error raised in a worker thread would lose its type on the way back.
    if (lossOpts.fireSale) libraryCall(file, () => checkFireSaleInputs(net));
    const progress = terminalProgress("importance", Math.ceil(net.n / IMPORTANCE_BATCH), options.json);
    let list: Awaited<ReturnType<typeof systemicImportanceParallel>>;
    try {
      list = await systemicImportanceParallel(net, {
        ...lossOpts,
        shockFraction: fraction,
        threads: options.threads,
        onDone: () => progress.tick(),
      });
    } finally {
      progress.stop();
    }
    const ranked = rankImportance(list, options.rankBy).slice(0, options.top ?? net.n);
    const nodes = ranked.map((x) => ({
      id: x.id,
      kind: x.kind,
      directLoss: x.directLoss,
      inducedDefaults: x.inducedDefaults.map((i) => net.ids[i]),
      selfDefault: x.selfDefault,
      inducedLoss: x.inducedLoss,
      totalLoss: x.totalLoss,
      systemLoss: x.systemLoss,
      amplification: x.amplification,
    }));
    if (options.json) {
      printJson({
        model: options.model,
        fireSale: Boolean(options.fireSale),
        shockFraction: fraction,
        rankBy: options.rankBy,
        nodes,
      });
      return;
    }
    const rows = nodes.map((x, r) => [
      String(r + 1),
      x.id,
      x.kind,
      fmt(x.directLoss),
      String(x.inducedDefaults.length),
      fmt(x.inducedLoss),
      fmt(x.systemLoss),
      fmt(x.amplification),
    ]);
    const t = translator(lang);
    const header = [
      t("cliMore.importance.rank"),
      t("cliMore.importance.node"),
      t("cliMore.importance.kind"),
      t("cliMore.importance.directLoss"),
      t("cliMore.importance.inducedDefaults"),
      t("cliMore.importance.inducedLoss"),
      t("cliMore.importance.valueDestroyed"),
      t("cliMore.importance.amplification"),
    ];
    process.stdout.write(`${table(header, rows).join("\n")}\n`);
  });
}
