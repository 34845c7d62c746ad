import { type Command, Option } from "commander";
import { accountLosses, type LossAccount, type LossParts } from "../finance/losses/index.js";
import type { Network } from "../finance/network.js";
import { type Lang, translator } from "../i18n/index.js";
import { InputError } from "../util/errors.js";
import { fmt, libraryCall, loadNetwork, table } from "./debtrank.js";
import { langOption, parseNumberRecord, printJson, recoveryOptions, resolveLang } from "./shared.js";

/** Options shared by `losses` and `importance`. */
export interface LossCliOptions {
  /** Clearing model (default en). */
  model: "en" | "rv";
  /** RV recovery on a defaulter's external assets, in [0, 1] (default 1). */
  alpha?: number;
  /** RV recovery on a defaulter's interbank claims, in [0, 1] (default 1). */
  beta?: number;
  /** Add the joint clearing + fire-sale equilibrium (default false). */
  fireSale?: boolean;
  /** Print one JSON object (default false). */
  json?: boolean;
}

interface LossesCliOptions extends LossCliOptions {
  /** JSON object {id: external assets after the shock}; nodes not named keep theirs. */
  shock: string;
  /** Language of the table (default: $WALLCAST_LANG, then en). */
  lang?: Lang;
}

/** Adds --model, --alpha, --beta, --fire-sale and --json to a command. */
export function lossOptions(command: Command): Command {
  return recoveryOptions(
    command.addOption(new Option("--model <model>", "clearing model").choices(["en", "rv"]).default("en")),
  )
    .option("--fire-sale", "add fire sales (needs leverageThreshold, priceImpact and equity in the file)")
    .option("--json", "print one JSON object");
}

/** The library options the loss flags give (--alpha and --beta are range-checked by their parsers). */
export function checkLossOptions(options: LossCliOptions) {
  return { model: options.model, alpha: options.alpha, beta: options.beta, fireSale: options.fireSale };
}

export function register(program: Command): void {
  langOption(
    lossOptions(
      program
        .command("losses")
        .description("loss accounting after a shock: direct, clearing, default-cost and fire-sale losses")
        .argument("<network.json>", "network file (nodes, liabilities; for --fire-sale the fire-sale fields)")
        .requiredOption("--shock <json>", 'external assets after the shock, e.g. \'{"A": 0, "B": 40}\''),
    ),
  ).action((file: string, options: LossesCliOptions) => {
    const lang = resolveLang(options.lang);
    const lossOpts = checkLossOptions(options);
    const net = loadNetwork(file);
    const shocked = parseShock(net, options.shock);
    const account = libraryCall(file, () => accountLosses(net, shocked, lossOpts));
    if (options.json) printJson(toJson(net, account, options));
    else process.stdout.write(report(net, account, options, lang));
  });
}

function parseShock(net: Network, text: string): Float64Array {
  const record = parseNumberRecord(text, "--shock");
  const shocked = Float64Array.from(net.externalAssets);
  for (const [id, value] of Object.entries(record)) {
    const i = net.index.get(id);
    if (i === undefined)
      throw new InputError({ field: `--shock ${id}`, value: id, message: "unknown node id" });
    if (!(value >= 0))
      throw new InputError({ field: `--shock ${id}`, value, message: "external assets must be ≥ 0" });
    shocked[i] = value;
  }
  return shocked;
}

const PARTS = ["direct", "clearing", "defaultCost", "fireSale", "total"] as const;

function toJson(net: Network, account: LossAccount, options: LossCliOptions): Record<string, unknown> {
  const byNode = Object.fromEntries(
    net.ids.map((id, i) => [id, Object.fromEntries(PARTS.map((part) => [part, account.byNode[part][i]]))]),
  );
  return {
    model: options.model,
    fireSale: Boolean(options.fireSale),
    byNode,
    byKind: Object.fromEntries(account.byKind),
    network: account.network,
    outside: account.outside,
    systemLoss: account.systemLoss,
    systemAmplification: account.systemAmplification,
    defaulted: net.ids.filter((_, i) => account.defaulted[i] === 1),
    discount: account.discount,
    converged: account.converged,
  };
}

/** The loss table and its summary line, in `lang` (node ids and kinds as written). */
function report(net: Network, account: LossAccount, options: LossCliOptions, lang: Lang): string {
  const t = translator(lang);
  const header = [
    t("cli.losses.node"),
    t("cli.losses.kind"),
    t("cli.losses.direct"),
    t("cli.losses.clearing"),
    t("cli.losses.defaultCost"),
    t("cli.losses.fireSale"),
    t("cli.losses.total"),
    "",
  ];
  const nodeRows = net.ids.map((id, i) => [
    id,
    net.kinds[i],
    ...PARTS.map((part) => fmt(account.byNode[part][i])),
    account.defaulted[i] === 1 ? t("cli.losses.defaulted") : "",
  ]);
  const partRow = (name: string, kind: string, p: LossParts) => [
    name,
    kind,
    ...PARTS.map((part) => fmt(p[part])),
    Number.isNaN(p.amplification) ? "" : `×${fmt(p.amplification)}`,
  ];
  const kindRows = [...account.byKind].map(([kind, p]) => partRow(`(${kind})`, t("cli.losses.kindRow"), p));
  const lines = [
    ...table(header, [
      ...nodeRows,
      ...kindRows,
      partRow(t("cli.losses.all"), t("cli.losses.network"), account.network),
    ]),
    "",
    t("cli.losses.summary", {
      model: options.model,
      fireSale: options.fireSale ? t("cli.losses.withFireSale", { discount: fmt(account.discount) }) : "",
      defaulted: account.defaulted.reduce((a, b) => a + b, 0),
      n: net.n,
      outside: fmt(account.outside.total),
      destroyed: fmt(account.systemLoss),
      amplification: fmt(account.systemAmplification),
      notConverged: account.converged ? "" : t("cli.losses.notConverged"),
    }),
  ];
  return `${lines.join("\n")}\n`;
}
