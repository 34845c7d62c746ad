import { type Command, Option } from "commander";
import { type ClearingModelName, type ClearingReport, clear } from "../finance/clearing/index.js";
import type { Network } from "../finance/network.js";
import { openNetworkFile } from "../finance/networkFile.js";
import type { Lang } from "../i18n/index.js";
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
      if (options.json) process.stdout.write(clearJsonBytes(net, report));
      else {
        // The table's module loads the message catalogues, which `--json` does without.
        const { clearTable } = await import("./clearTable.js");
        process.stdout.write(clearTable(net, report, lang));
      }
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
 * `formatJson(clearJson(net, report))` as UTF-8, byte for byte, without building objects of 10⁵ keys for
 * JSON.stringify to walk: the per-node maps are written straight into one buffer from two JSON arrays, the ids
 * in key order and each map's values, whose elements are copied line by line; the small fields go through
 * JSON.stringify as before. A string per key and per number (10⁵ of each) cost a quarter of `clear`'s time;
 * JSON.stringify on an array formats the numbers without them.
 */
export function clearJsonBytes(net: Network, report: ClearingReport): Buffer {
  const order = propertyOrder(net.ids);
  const keys = jsonArray(Array.from(order, (i) => net.ids[i]));
  const maps: ArrayLike<number>[] = [];
  const parts: (string | number)[] = [];
  // Text, and maps by their index in `maps` and the depth of their braces, in output order.
  const text = (value: string) => parts.push(value);
  const map = (values: ArrayLike<number>, depth: number) => {
    maps.push(values);
    parts.push(maps.length - 1, depth);
  };
  const small = (value: unknown, depth: number) =>
    JSON.stringify(value, jsonReplacer, 2).replaceAll("\n", `\n${"  ".repeat(depth)}`);
  text(`{\n  "model": ${small(report.model, 1)},\n  "payments": `);
  map(report.payments, 1);
  if (report.paymentsByLayer) {
    if (report.paymentsByLayer.length === 0) text(',\n  "paymentsByLayer": {}');
    else {
      text(',\n  "paymentsByLayer": {');
      report.paymentsByLayer.forEach((layer, l) => {
        text(`${l === 0 ? "" : ","}\n    "${l + 1}": `);
        map(layer, 2);
      });
      text("\n  }");
    }
  }
  text(',\n  "equity": ');
  map(report.equity, 1);
  const defaultRound: Record<string, number> = {};
  for (let i = 0; i < net.n; i++)
    if (report.defaultRound[i] > 0) defaultRound[net.ids[i]] = report.defaultRound[i];
  text(`,\n  "defaulted": ${small(idsWhere(net, report.defaulted), 1)}`);
  text(`,\n  "defaultRound": ${small(defaultRound, 1)}`);
  text(`,\n  "unique": ${small(report.unique, 1)}`);
  if (report.least) {
    text(',\n  "least": {\n    "payments": ');
    map(report.least.payments, 2);
    text(`,\n    "defaulted": ${small(idsWhere(net, report.least.defaulted), 2)}\n  }`);
  }
  const cashless = report.cashless.map((i) => net.ids[i]);
  text(`,\n  "cashless": ${small(cashless, 1)}`);
  for (const key of ["rounds", "iterations", "converged", "reason"] as const)
    text(`,\n  "${key}": ${small(report[key], 1)}`);
  text("\n}\n");

  // Each map's values as JSON writes them (a non-finite one as a string, as jsonReplacer does), then the size.
  const values = maps.map((column) =>
    jsonArray(
      Array.from(order, (i) => {
        const v = column[i];
        return Number.isFinite(v) ? v : String(v);
      }),
    ),
  );
  const n = order.length;
  let size = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (typeof part === "string") size += Buffer.byteLength(part);
    else {
      const depth = parts[++p] as number;
      // "{", each line's ",\n", indent, key, ": " and value (no comma before the first), "\n", indent, "}".
      if (n === 0) size += 2;
      else
        size +=
          1 +
          n * (4 + 2 * (depth + 1)) -
          1 +
          elementBytes(keys, n) +
          elementBytes(values[part], n) +
          2 +
          2 * depth;
    }
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (typeof part === "string") {
      at += out.write(part, at);
      continue;
    }
    const depth = parts[++p] as number;
    if (n === 0) {
      at += out.write("{}", at);
      continue;
    }
    const column = values[part];
    let key = 1; // past each array's "["
    let value = 1;
    out[at++] = 0x7b; // {
    for (let t = 0; t < n; t++) {
      if (t > 0) out[at++] = 0x2c; // ,
      out[at++] = 0x0a;
      for (let c = 0; c < 2 * (depth + 1); c++) out[at++] = 0x20;
      const keyEnd = elementEnd(keys, key);
      while (key < keyEnd) out[at++] = keys[key++];
      key++;
      out[at++] = 0x3a; // :
      out[at++] = 0x20;
      const valueEnd = elementEnd(column, value);
      while (value < valueEnd) out[at++] = column[value++];
      value++;
    }
    out[at++] = 0x0a;
    for (let c = 0; c < 2 * depth; c++) out[at++] = 0x20;
    out[at++] = 0x7d; // }
  }
  if (at !== size) throw new Error(`clear --json: wrote ${at} bytes of ${size}`);
  return out;
}

/** JSON.stringify of a list of strings and finite numbers, as UTF-8. */
function jsonArray(items: (string | number)[]): Buffer {
  return Buffer.from(JSON.stringify(items));
}

/** Bytes of the `n` elements of a JSON array written without spaces: all but the brackets and the commas. */
function elementBytes(array: Buffer, n: number): number {
  return array.length - 2 - (n - 1);
}

/**
 * Where the element of a JSON array (written without spaces) that starts at `from` ends: a string at its closing
 * quote (an escaped character skipped), a number at the comma or bracket after it.
 */
function elementEnd(array: Buffer, from: number): number {
  let i = from;
  if (array[i] === 0x22) {
    for (i++; array[i] !== 0x22; i++) if (array[i] === 0x5c) i++;
    return i + 1;
  }
  while (array[i] !== 0x2c && array[i] !== 0x5d) i++;
  return i;
}

/**
 * Nodes in the order JSON.stringify lists an object keyed by their ids: array-index keys ("0", "17": canonical
 * integers below 2³² − 1) first, ascending, then the other ids in node order. Ids numbered in node order (the
 * usual file) need no sort.
 */
function propertyOrder(ids: readonly string[]): Int32Array {
  const numeric: number[] = [];
  const other: number[] = [];
  const value = new Float64Array(ids.length);
  let sorted = true;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const v = Number(id);
    if (v < 4294967295 && /^(?:0|[1-9]\d*)$/.test(id)) {
      if (numeric.length > 0 && v < value[numeric[numeric.length - 1]]) sorted = false;
      value[i] = v;
      numeric.push(i);
    } else other.push(i);
  }
  if (!sorted) numeric.sort((a, b) => value[a] - value[b]);
  return Int32Array.from([...numeric, ...other]);
}
