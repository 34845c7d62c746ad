import { type Command, Option } from "commander";
import {
  DEBTRANK_VARIANTS,
  type DebtRankVariant,
  debtRank,
  debtRankOfEachNode,
} from "../finance/debtrank/index.js";
import { compileNetwork, type Network } from "../finance/network.js";
import { readNetworkFile } from "../finance/parse.js";
import { catalogue, displayWidth, type Lang, padEndColumns, translator } from "../i18n/index.js";
import { InputError } from "../util/errors.js";
import { langFlag, parseNumberRecord, printJson, resolveLang, userCall } from "./shared.js";

interface DebtRankCliOptions {
  /** JSON object {id: initial stress in [0, 1]}; nodes not named start at 0. Required unless --each. */
  shock?: string;
  /** Rank every node by the stress its default alone causes, instead of one shock (default false). */
  each?: boolean;
  /** Propagation rule (default bardoscia). */
  variant: DebtRankVariant;
  /** Print one JSON object (default false). */
  json?: boolean;
  /** Language of the table (default: $WALLCAST_LANG, then en). */
  lang?: Lang;
}

export function register(program: Command): void {
  program
    .command("debtrank")
    .description("DebtRank stress propagation from an initial shock (stress 1 = default)")
    .argument(
      "<network.json>",
      "network file: liabilities give exposures, buffer the capital, weight the size",
    )
    .option("--shock <json>", 'initial stress per node, e.g. \'{"A": 1, "B": 0.2}\'')
    .option("--each", "default each node alone in turn and rank the nodes by the stress caused")
    .addOption(
      new Option("--variant <rule>", "propagation rule").choices(DEBTRANK_VARIANTS).default("bardoscia"),
    )
    .option("--json", "print one JSON object")
    .addOption(langFlag())
    .action((file: string, options: DebtRankCliOptions) => {
      const lang = resolveLang(options.lang);
      if (Boolean(options.each) === (options.shock !== undefined))
        throw new InputError({ field: "--shock", message: "give either --shock or --each" });
      const net = loadNetwork(file);
      if (options.each) {
        printRanking(file, net, options, lang);
        return;
      }
      const shock = parseShock(net, options.shock!);
      const result = libraryCall(file, () => debtRank(net, shock, { variant: options.variant }));
      const byId = (values: Float64Array) => Object.fromEntries(net.ids.map((id, i) => [id, values[i]]));
      const output = {
        variant: result.variant,
        h: byId(result.h),
        additionalStress: result.additionalStress,
        defaults: result.defaulted.map((i) => net.ids[i]),
        additionalDefaults: result.additionalDefaults,
        iterations: result.iterations,
        converged: result.converged,
        reason: result.reason,
      };
      if (options.json) {
        printJson(output);
        return;
      }
      const t = translator(lang);
      const reasons: Readonly<Record<string, string>> = catalogue(lang).cliAnalysis.debtrank.reason;
      const rows = net.ids.map((id, i) => [
        id,
        net.kinds[i],
        fmt(result.weights[i]),
        fmt(result.initial[i]),
        fmt(result.h[i]),
        result.h[i] === 1 ? t("cliAnalysis.debtrank.defaulted") : "",
      ]);
      const lines = table(
        [
          t("cliAnalysis.debtrank.node"),
          t("cliAnalysis.debtrank.kind"),
          t("cliAnalysis.debtrank.weight"),
          t("cliAnalysis.debtrank.shock"),
          t("cliAnalysis.debtrank.stress"),
          "",
        ],
        rows,
      );
      lines.push(
        "",
        t("cliAnalysis.debtrank.summary", {
          variant: result.variant,
          stress: fmt(result.additionalStress),
          defaults: result.defaulted.length,
          beyond: result.additionalDefaults,
          rounds: result.iterations,
          notConverged: result.converged
            ? ""
            : t("cliAnalysis.debtrank.notConverged", { reason: reasons[result.reason] }),
        }),
      );
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}

function printRanking(file: string, net: Network, options: DebtRankCliOptions, lang: Lang): void {
  const all = libraryCall(file, () => debtRankOfEachNode(net, { variant: options.variant }));
  const ranking = all
    .sort((a, b) => b.additionalStress - a.additionalStress || a.node - b.node)
    .map((r) => ({
      id: net.ids[r.node],
      additionalStress: r.additionalStress,
      additionalDefaults: r.additionalDefaults,
      converged: r.converged,
    }));
  if (options.json) {
    printJson({ variant: options.variant, ranking });
    return;
  }
  const rows = ranking.map((r) => [r.id, fmt(r.additionalStress), String(r.additionalDefaults)]);
  const t = translator(lang);
  const lines = table(
    [
      t("cliAnalysis.debtrank.node"),
      t("cliAnalysis.debtrank.additionalStress"),
      t("cliAnalysis.debtrank.additionalDefaults"),
    ],
    rows,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** Reads, validates and compiles a network file; structural errors name the file. */
export function loadNetwork(file: string): Network {
  const spec = readNetworkFile(file);
  return libraryCall(file, () => compileNetwork(spec));
}

/** Runs a library call, turning its RangeError (a bad value in the file) into an InputError naming the file. */
export function libraryCall<T>(file: string, call: () => T): T {
  return userCall({ file }, call);
}

function parseShock(net: Network, text: string): Float64Array {
  const record = parseNumberRecord(text, "--shock");
  const shock = new Float64Array(net.n);
  for (const [id, value] of Object.entries(record)) {
    const i = net.index.get(id);
    if (i === undefined)
      throw new InputError({ field: `--shock ${id}`, value: id, message: "unknown node id" });
    if (!(value >= 0 && value <= 1))
      throw new InputError({ field: `--shock ${id}`, value, message: "stress must be in [0, 1]" });
    shock[i] = value;
  }
  return shock;
}

/** A number for a table: up to 6 significant digits. */
export function fmt(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}

/** Left-aligned text columns. */
export function table(header: string[], rows: string[][]): string[] {
  // Terminal columns, not characters: a Japanese label takes two columns a character.
  const widths = header.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c]))));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => padEndColumns(cell, widths[c]))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
