import { type Command, Option } from "commander";
import { type ClearingModelName, type ClearingReport, clear } from "../finance/clearing/index.js";
import type { Network } from "../finance/network.js";
import { loadNetworkFile } from "../finance/parse.js";
import {
  catalogue,
  displayWidth,
  type Lang,
  padEndColumns,
  padStartColumns,
  translator,
} from "../i18n/index.js";
import { libraryCall } from "./debtrank.js";
import { recoveryOptions } from "./losses.js";
import { langFlag, numberArg, printJson, resolveLang } from "./shared.js";

interface ClearCliOptions {
  /** Clearing model (default en). */
  model: ClearingModelName;
  /** RV recovery on external assets, in [0, 1] (default 1). */
  alpha?: number;
  /** RV recovery on interbank claims, in [0, 1] (default 1). */
  beta?: number;
  /** Furfine recovery rate, in [0, 1] (default 0). */
  recovery?: number;
  /** Print one JSON object instead of the table (default false). */
  json?: boolean;
  /** Language of the table (default: $WALLCAST_LANG, then en). */
  lang?: Lang;
}

export function register(program: Command): void {
  recoveryOptions(
    program
      .command("clear")
      .description("clear a network of obligations: payments, equity, defaults by round, uniqueness")
      .argument("<network.json>", "network file (nodes, liabilities, holdings)")
      .addOption(
        new Option("--model <model>", "clearing model")
          .choices(["en", "rv", "furfine", "elsinger", "xos"])
          .default("en"),
      ),
  )
    .option("--recovery <R>", "Furfine recovery rate, in [0, 1]", numberArg("--recovery", 0, 1))
    .option("--json", "print one JSON object")
    .addOption(langFlag())
    .action((file: string, options: ClearCliOptions) => {
      const lang = resolveLang(options.lang);
      const net = libraryCall(file, () => loadNetworkFile(file));
      const report = libraryCall(file, () => clear(net, options));
      if (options.json) printJson(clearJson(net, report));
      else process.stdout.write(table(net, report, lang));
    });
}

const byId = (net: Network, values: ArrayLike<number>): Record<string, number> =>
  Object.fromEntries(net.ids.map((id, i) => [id, values[i]]));

const idsWhere = (net: Network, flags: Uint8Array): string[] => net.ids.filter((_, i) => flags[i] === 1);

/** The contract's JSON (`clear --json`): every per-node value keyed by node id. */
export function clearJson(net: Network, report: ClearingReport): Record<string, unknown> {
  const out: Record<string, unknown> = { model: report.model, payments: byId(net, report.payments) };
  if (report.paymentsByLayer)
    out.paymentsByLayer = Object.fromEntries(
      report.paymentsByLayer.map((layer, l) => [l + 1, byId(net, layer)]),
    );
  out.equity = byId(net, report.equity);
  out.defaulted = idsWhere(net, report.defaulted);
  out.defaultRound = Object.fromEntries(
    net.ids.flatMap((id, i) => (report.defaultRound[i] > 0 ? [[id, report.defaultRound[i]]] : [])),
  );
  out.unique = report.unique;
  if (report.least)
    out.least = {
      payments: byId(net, report.least.payments),
      defaulted: idsWhere(net, report.least.defaulted),
    };
  out.cashless = report.cashless.map((i) => net.ids[i]);
  out.rounds = report.rounds;
  out.iterations = report.iterations;
  out.converged = report.converged;
  out.reason = report.reason;
  return out;
}

/** The stop reason in `lang`: "converged", "iteration limit", "non-finite", or the least solution's. */
function reasonText(reason: string, lang: Lang): string {
  const reasons: Readonly<Record<string, string>> = catalogue(lang).cliMore.clear.reason;
  const word = (r: string) => (Object.hasOwn(reasons, r) ? reasons[r] : r);
  const least = /^least solution: (.*)$/.exec(reason);
  return least ? translator(lang)("cliMore.clear.leastSolution", { reason: word(least[1]) }) : word(reason);
}

function table(net: Network, report: ClearingReport, lang: Lang): string {
  const t = translator(lang);
  const fmt = (x: number) => (Number.isFinite(x) ? x.toPrecision(8).replace(/\.?0+$/, "") : String(x));
  const header = [
    t("cliMore.clear.id"),
    t("cliMore.clear.kind"),
    t("cliMore.clear.payment"),
    ...(report.least ? [t("cliMore.clear.least")] : []),
    t("cliMore.clear.equity"),
    t("cliMore.clear.defaultRound"),
  ];
  const rows = net.ids.map((id, i) => [
    id,
    net.kinds[i],
    fmt(report.payments[i]),
    ...(report.least ? [fmt(report.least.payments[i])] : []),
    fmt(report.equity[i]),
    report.defaultRound[i] > 0 ? String(report.defaultRound[i]) : "-",
  ]);
  // Terminal columns, not characters: a Japanese header takes two columns a character.
  const widths = header.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c]))));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c < 2 ? padEndColumns(cell, widths[c]) : padStartColumns(cell, widths[c])))
      .join("  ");
  const defaults = report.defaulted.reduce((a, b) => a + b, 0);
  const lines = [
    t("cliMore.clear.summary", {
      model: report.model,
      defaults,
      n: net.n,
      rounds: report.rounds,
      iterations: report.iterations,
      reason: reasonText(report.reason, lang),
    }),
    report.unique
      ? t("cliMore.clear.unique")
      : t("cliMore.clear.notUnique", {
          n: report.cashless.length,
          nodes: report.cashless.map((i) => net.ids[i]).join(t("cliMore.listSeparator")),
        }),
    "",
    line(header),
    ...rows.map(line),
  ];
  return `${lines.join("\n")}\n`;
}
