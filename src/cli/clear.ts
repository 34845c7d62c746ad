import { type Command, Option } from "commander";
import { type ClearingModelName, type ClearingReport, clear } from "../finance/clearing/index.js";
import type { Network } from "../finance/network.js";
import { openNetworkFile } from "../finance/networkFile.js";
import {
  catalogue,
  displayWidth,
  type Lang,
  padEndColumns,
  padStartColumns,
  translator,
} from "../i18n/index.js";
import { jsonReplacer } from "../util/json.js";
import { langFlag, numberArg, recoveryOptions, resolveLang, userCall, userCallAsync } from "./shared.js";

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
    .action(async (file: string, options: ClearCliOptions) => {
      const lang = resolveLang(options.lang);
      const net = await userCallAsync({ file }, () => openNetworkFile(file));
      const report = userCall({ file }, () => clear(net, options));
      if (options.json) process.stdout.write(clearJsonText(net, report));
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

/**
 * `formatJson(clearJson(net, report))`, byte for byte, without building objects of 10⁵ keys for JSON.stringify
 * to walk: the per-node maps are written straight from the arrays (a third of `clear --json`'s time at 10⁵
 * nodes went to the objects and their serialisation), the small fields through JSON.stringify as before.
 */
export function clearJsonText(net: Network, report: ClearingReport): string {
  const order = propertyOrder(net.ids);
  const keys = net.ids.map((id) => `${JSON.stringify(id)}: `);
  const map = (values: ArrayLike<number>, depth: number): string => {
    if (order.length === 0) return "{}";
    const pad = "  ".repeat(depth + 1);
    const lines: string[] = new Array(order.length);
    for (let t = 0; t < order.length; t++) {
      const i = order[t];
      const v = values[i];
      // As jsonReplacer: a non-finite number is written as a string.
      lines[t] = pad + keys[i] + (Number.isFinite(v) ? String(v) : `"${v}"`);
    }
    return `{\n${lines.join(",\n")}\n${"  ".repeat(depth)}}`;
  };
  const small = (value: unknown, depth: number) =>
    JSON.stringify(value, jsonReplacer, 2).replaceAll("\n", `\n${"  ".repeat(depth)}`);
  const fields: [string, string][] = [
    ["model", small(report.model, 1)],
    ["payments", map(report.payments, 1)],
  ];
  if (report.paymentsByLayer) {
    const layers = report.paymentsByLayer.map((layer, l) => `    "${l + 1}": ${map(layer, 2)}`);
    fields.push(["paymentsByLayer", layers.length ? `{\n${layers.join(",\n")}\n  }` : "{}"]);
  }
  fields.push(["equity", map(report.equity, 1)]);
  fields.push(["defaulted", small(idsWhere(net, report.defaulted), 1)]);
  fields.push([
    "defaultRound",
    small(
      Object.fromEntries(
        net.ids.flatMap((id, i) => (report.defaultRound[i] > 0 ? [[id, report.defaultRound[i]]] : [])),
      ),
      1,
    ),
  ]);
  fields.push(["unique", small(report.unique, 1)]);
  if (report.least) {
    const least = `{\n    "payments": ${map(report.least.payments, 2)},\n    "defaulted": ${small(idsWhere(net, report.least.defaulted), 2)}\n  }`;
    fields.push(["least", least]);
  }
  fields.push([
    "cashless",
    small(
      report.cashless.map((i) => net.ids[i]),
      1,
    ),
  ]);
  for (const key of ["rounds", "iterations", "converged", "reason"] as const)
    fields.push([key, small(report[key], 1)]);
  return `{\n${fields.map(([key, text]) => `  "${key}": ${text}`).join(",\n")}\n}\n`;
}

/**
 * Nodes in the order JSON.stringify lists an object keyed by their ids: array-index keys ("0", "17": canonical
 * integers below 2³² − 1) first, ascending, then the other ids in node order.
 */
function propertyOrder(ids: readonly string[]): Int32Array {
  const numeric: number[] = [];
  const other: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (/^(?:0|[1-9]\d*)$/.test(id) && Number(id) < 4294967295) numeric.push(i);
    else other.push(i);
  }
  numeric.sort((a, b) => Number(ids[a]) - Number(ids[b]));
  return Int32Array.from([...numeric, ...other]);
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
