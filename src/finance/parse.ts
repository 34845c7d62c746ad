/**
 * The network file format (JSON) as a zod schema, plus the cross-checks a schema cannot express: node ids that
 * exist and are unique, no node owing itself, holders owning at most 100% of an issuer in total.
 */
import { z } from "zod";
import { InputError, type InputIssue } from "../util/errors.js";
import { formatInputPath, valueAtPath } from "../util/inputPath.js";
import { parseJsonInput } from "../util/json.js";
import { MAX_LAYERS } from "../util/limits.js";
import { compileNetwork, MAX_AMOUNT, type Network, type NetworkSpec } from "./network.js";
import { readNetworkBytes } from "./networkFile.js";
import { scanNetwork } from "./scan.js";

/** MAX_AMOUNT as people write it: 1e15. */
const MAX_AMOUNT_TEXT = MAX_AMOUNT.toExponential().replace("+", "");
const AMOUNT_BOUND = `must be ≤ ${MAX_AMOUNT_TEXT} (the largest amount a network may hold, so that sums stay finite)`;
const LAYER_RANGE = `must be an integer in [1, ${MAX_LAYERS}]`;
const amount = z
  .number("must be a number")
  .finite("must be finite")
  .min(0, "must be ≥ 0")
  .max(MAX_AMOUNT, AMOUNT_BOUND);
/** A signed amount (fire-sale equity after the shock), bounded like `amount`. */
const signedAmount = z
  .number("must be a number")
  .finite("must be finite")
  .min(-MAX_AMOUNT, `must be ≥ -${MAX_AMOUNT_TEXT}`)
  .max(MAX_AMOUNT, AMOUNT_BOUND);
const fraction = z.number("must be a number").min(0, "must be in [0, 1]").max(1, "must be in [0, 1]");
const id = z.string("must be a string").min(1, "must not be empty");
const layer = z.number("must be a number").int(LAYER_RANGE).min(1, LAYER_RANGE).max(MAX_LAYERS, LAYER_RANGE);

const nodeSchema = z.object({
  id,
  kind: z.string("must be a string").optional(),
  externalAssets: amount.optional(),
  externalLiabilities: amount.optional(),
  externalLayer: layer.optional(),
  buffer: amount.optional(),
  weight: amount.optional(),
  equity: signedAmount.optional(),
  marketable: amount.optional(),
  illiquid: amount.optional(),
});

const holdingSchema = z.object({ holder: id, issuer: id, fraction });

const liabilitySchema = z.object({ from: id, to: id, amount, layer: layer.optional() });

/** Schema of the network file; unknown keys are ignored. `parseNetwork` applies it (see there how). */
export const networkSchema = z.object({
  nodes: z.array(nodeSchema, "must be an array of nodes"),
  liabilities: z.array(liabilitySchema).optional(),
  equityHoldings: z.array(holdingSchema).optional(),
  debtHoldings: z.array(holdingSchema).optional(),
  leverageThreshold: z
    .number("must be a number")
    .finite("must be finite")
    .gt(0, "must be > 0")
    .max(MAX_AMOUNT, AMOUNT_BOUND)
    .optional(),
  priceImpact: z
    .object({
      kind: z.enum(["sqrt", "linear", "exponential"], "must be sqrt, linear or exponential"),
      k: amount,
    })
    .optional(),
});

/** The big arrays, checked element by element by hand (see `parseNetwork`), in the schema's key order. */
const LISTS = ["nodes", "liabilities", "equityHoldings", "debtHoldings"] as const;
type ListName = (typeof LISTS)[number];

const elementSchema: Record<ListName, z.ZodType> = {
  nodes: nodeSchema,
  liabilities: liabilitySchema,
  equityHoldings: holdingSchema,
  debtHoldings: holdingSchema,
};

/**
 * Parses and validates the text of a network file; every problem is reported with its JSON path and value.
 *
 * The rules are `networkSchema`'s, but running zod over 10⁶ liabilities costs as much as the clearing itself
 * and copies every object. So zod checks the small top-level shape only (with the big arrays swapped for empty
 * ones), a hand-written loop checks the array elements in place, and only an element the loop rejects goes
 * through its zod schema, which words the issues: the messages, paths and values are zod's. The arrays of the
 * result are the parsed JSON's own, not copies (unknown keys in their elements are kept; nothing reads them).
 */
export function parseNetwork(text: string, file?: string): NetworkSpec {
  const raw = parseJsonInput(text, { file });
  const { issues: found, spec } = validate(raw);
  const issues = found.map((issue) => {
    const out: InputIssue = { file, field: formatInputPath(issue.path) || "(root)", message: issue.message };
    const value = valueAtPath(raw, issue.path);
    if (value !== undefined) out.value = value;
    return out;
  });
  if (issues.length > 0 || spec === undefined) throw new InputError(issues);
  const cross = crossCheck(spec).map((issue) => ({ file, ...issue }));
  if (cross.length > 0) throw new InputError(cross);
  return spec;
}

interface SchemaIssue {
  path: PropertyKey[];
  message: string;
}

/**
 * The issues `networkSchema.safeParse(raw)` gives, in the same order, without running zod on valid elements;
 * and the spec when there are none.
 */
function validate(raw: unknown): { issues: SchemaIssue[]; spec?: NetworkSpec } {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    return { issues: networkSchema.safeParse(raw).error?.issues ?? [] };
  const root = raw as Record<string, unknown>;
  const shell: Record<string, unknown> = { ...root };
  for (const name of LISTS) if (Array.isArray(root[name])) shell[name] = [];
  const top = networkSchema.safeParse(shell);
  const byKey = new Map<PropertyKey, SchemaIssue[]>();
  for (const issue of top.error?.issues ?? []) {
    const list = byKey.get(issue.path[0]);
    if (list) list.push(issue);
    else byKey.set(issue.path[0], [issue]);
  }
  for (const name of LISTS) {
    const list = root[name];
    if (!Array.isArray(list)) continue;
    const found: SchemaIssue[] = [];
    for (const k of badElements(name, list)) {
      for (const issue of elementSchema[name].safeParse(list[k]).error?.issues ?? [])
        found.push({ path: [name, k, ...issue.path], message: issue.message });
    }
    if (found.length > 0) byKey.set(name, found);
  }
  const issues = Object.keys(networkSchema.shape).flatMap((key) => byKey.get(key) ?? []);
  if (issues.length > 0 || !top.success) return { issues };
  const spec = top.data as NetworkSpec;
  for (const name of LISTS) if (root[name] !== undefined) Object.assign(spec, { [name]: root[name] });
  return { issues, spec };
}

/** Indices of the elements the schema would reject: the hand-written equivalent of the element schemas. */
function badElements(name: ListName, list: unknown[]): number[] {
  const check = name === "nodes" ? isNode : name === "liabilities" ? isLiability : isHolding;
  const bad: number[] = [];
  for (let k = 0; k < list.length; k++) if (!check(list[k])) bad.push(k);
  return bad;
}

type Item = Record<string, unknown>;
const isObject = (v: unknown): v is Item => v !== null && typeof v === "object" && !Array.isArray(v);
const isId = (v: unknown) => typeof v === "string" && v.length > 0;
// `typeof` first, then comparisons that are false for NaN; ±Infinity fails the bound.
const isAmount = (v: unknown) => typeof v === "number" && v >= 0 && v <= MAX_AMOUNT;
const isSignedAmount = (v: unknown) => typeof v === "number" && v >= -MAX_AMOUNT && v <= MAX_AMOUNT;
const isFraction = (v: unknown) => typeof v === "number" && v >= 0 && v <= 1;
const isLayer = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_LAYERS;
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);

function isNode(v: unknown): boolean {
  return (
    isObject(v) &&
    isId(v.id) &&
    optional(v.kind, (x) => typeof x === "string") &&
    optional(v.externalAssets, isAmount) &&
    optional(v.externalLiabilities, isAmount) &&
    optional(v.externalLayer, isLayer) &&
    optional(v.buffer, isAmount) &&
    optional(v.weight, isAmount) &&
    optional(v.equity, isSignedAmount) &&
    optional(v.marketable, isAmount) &&
    optional(v.illiquid, isAmount)
  );
}

function isLiability(v: unknown): boolean {
  return isObject(v) && isId(v.from) && isId(v.to) && isAmount(v.amount) && optional(v.layer, isLayer);
}

function isHolding(v: unknown): boolean {
  return isObject(v) && isId(v.holder) && isId(v.issuer) && isFraction(v.fraction);
}

/**
 * Reads and validates a network file. It must be a regular file (a FIFO would block, a directory cannot be
 * read) of at most `MAX_JSON_FILE_BYTES`, checked before reading so that a huge file is never loaded.
 */
export function readNetworkFile(file: string): NetworkSpec {
  return parseNetwork(readNetworkBytes(file).toString("utf8"), file);
}

/**
 * Reads, validates and compiles a network file (the checks of `readNetworkFile`). The common case — nodes and
 * liabilities, plain ids — goes through `scanNetwork` in one pass over the bytes; any other file, and any file
 * with a problem, through `parseNetwork`, which words the problem. A value `compileNetwork` refuses throws
 * RangeError, as it does.
 */
export function loadNetworkFile(file: string): Network {
  const bytes = readNetworkBytes(file);
  return scanNetwork(bytes) ?? compileNetwork(parseNetwork(bytes.toString("utf8"), file));
}

function crossCheck(spec: NetworkSpec): InputIssue[] {
  const issues: InputIssue[] = [];
  const ids = new Set<string>();
  spec.nodes.forEach((node, i) => {
    if (ids.has(node.id))
      issues.push({ field: `nodes[${i}].id`, value: node.id, message: "duplicate node id" });
    ids.add(node.id);
  });
  const unknown = (value: string, field: string) => issues.push({ field, value, message: "unknown node id" });
  // Plain loops: this runs over every liability of a 10⁶-liability file.
  const liabilities = spec.liabilities ?? [];
  for (let k = 0; k < liabilities.length; k++) {
    const { from, to } = liabilities[k];
    if (!ids.has(from)) unknown(from, `liabilities[${k}].from`);
    if (!ids.has(to)) unknown(to, `liabilities[${k}].to`);
    if (from === to)
      issues.push({ field: `liabilities[${k}].to`, value: to, message: "a node cannot owe itself" });
  }
  for (const name of ["equityHoldings", "debtHoldings"] as const) {
    const total = new Map<string, number>();
    const list = spec[name] ?? [];
    list.forEach((h, k) => {
      if (!ids.has(h.holder)) unknown(h.holder, `${name}[${k}].holder`);
      if (!ids.has(h.issuer)) unknown(h.issuer, `${name}[${k}].issuer`);
      total.set(h.issuer, (total.get(h.issuer) ?? 0) + h.fraction);
    });
    for (const [issuer, sum] of total) {
      if (sum > 1 + 1e-12) {
        const first = list.findIndex((h) => h.issuer === issuer);
        issues.push({
          field: `${name}[${first}].fraction`,
          value: sum,
          message: `holders own more than 100% of ${JSON.stringify(issuer)} in total`,
        });
      }
    }
  }
  return issues;
}
