/**
 * The exposure network: nodes with external balance sheets, bilateral liabilities in seniority layers, equity and
 * debt cross-holdings, and marketable/illiquid holdings for fire sales. Plain typed arrays, sparse storage: the
 * liabilities are a CSR matrix by debtor (row = who owes), the holdings are coordinate lists.
 */

import { MAX_LAYERS } from "../util/limits.js";

/**
 * Largest amount (a liability, external assets, a buffer, …) a network file may give, 10¹⁵ (a thousand
 * trillion dollars, 200 times the largest contract in the economy): 10⁷ such entries still sum to a finite
 * number, so no total, product or ratio the solvers form can overflow.
 */
export const MAX_AMOUNT = 1e15;

/** Price-impact function of the marketable asset: the discount as a function of the quantity sold. */
export interface PriceImpact {
  /** `sqrt`: discount = √(k·q) (Breuer–Summer–Urošević); `linear`: k·q; `exponential`: 1 − e^(−k·q). */
  kind: "sqrt" | "linear" | "exponential";
  /** Impact coefficient per unit sold (pre-sale prices); ≥ 0. */
  k: number;
}

/** One liability as given by a user or a caller: `from` owes `to` an `amount` in seniority `layer`. */
export interface LiabilitySpec {
  from: string;
  to: string;
  /** Face value owed; ≥ 0. */
  amount: number;
  /** Seniority layer, 1 = most senior; default 1. */
  layer?: number;
}

/** A cross-holding: `holder` owns `fraction` of `issuer`'s equity (or debt). */
export interface HoldingSpec {
  holder: string;
  issuer: string;
  /** Share of the issuer's equity or debt held, in [0, 1]. */
  fraction: number;
}

/** One node as given in a network file. Fields a model does not use are optional. */
export interface NodeSpec {
  id: string;
  /** Kind of institution ("bank", "lab", "cloud", "fund", …), used to sum losses by kind; default "node". */
  kind?: string;
  /** Assets held outside the network (cash and claims on outsiders), after any shock; default 0. */
  externalAssets?: number;
  /** Obligations to creditors outside the network; for the XOS model the node's nominal debt; default 0. */
  externalLiabilities?: number;
  /** Seniority layer of the external liabilities (1 = most senior); default 1 (pari passu with layer 1). */
  externalLayer?: number;
  /** DebtRank capital buffer (the creditor's equity that absorbs losses). */
  buffer?: number;
  /** DebtRank economic weight (normalised to sum 1 over the nodes). */
  weight?: number;
  /** Fire sales: equity after the shock (may be negative). */
  equity?: number;
  /** Fire sales: marketable securities at pre-sale prices. */
  marketable?: number;
  /** Fire sales: illiquid assets (loans) that cannot be sold. */
  illiquid?: number;
}

/** The JSON network file format (and the library's input shape). */
export interface NetworkSpec {
  nodes: NodeSpec[];
  liabilities?: LiabilitySpec[];
  equityHoldings?: HoldingSpec[];
  debtHoldings?: HoldingSpec[];
  /** Fire sales: holders sell marketable assets until assets/equity ≤ this threshold. */
  leverageThreshold?: number;
  /** Fire sales: the price-impact function. */
  priceImpact?: PriceImpact;
}

/** Holdings as parallel coordinate arrays (holder, issuer, fraction). */
export interface Holdings {
  holder: Int32Array;
  issuer: Int32Array;
  fraction: Float64Array;
}

/**
 * The compiled network every solver reads. Node-indexed arrays have length `n`. Its arrays are not edited in
 * place: `obligations` and `claims` are summed from the liabilities when it is built.
 */
export interface Network {
  n: number;
  ids: string[];
  kinds: string[];
  /** id → node index. */
  index: Map<string, number>;
  externalAssets: Float64Array;
  externalLiabilities: Float64Array;
  /** Layer of each node's external liabilities (1-based). */
  externalLayer: Int32Array;
  /** NaN where absent. */
  buffer: Float64Array;
  /** NaN where absent. */
  weight: Float64Array;
  /** NaN where absent. */
  equity: Float64Array;
  /** 0 where absent. */
  marketable: Float64Array;
  /** 0 where absent. */
  illiquid: Float64Array;
  /** Liabilities by debtor: entries `start[i] … start[i+1]−1` are what node i owes. Duplicates are summed. */
  liabilities: LiabilityMatrix;
  /** Total obligations per node, p̄: interbank (all layers) plus external; summed when the network is built. */
  obligations: Float64Array;
  /** Interbank claims per node at face value, Σ_j L[j][i]: its receipts when everyone pays in full. */
  claims: Float64Array;
  /** Number of seniority layers used (≥ 1). */
  layers: number;
  equityHoldings: Holdings;
  debtHoldings: Holdings;
  leverageThreshold?: number;
  priceImpact?: PriceImpact;
}

/** A sparse matrix of liabilities in CSR form, rows = debtors. */
export interface LiabilityMatrix {
  /** Row pointers, length n + 1. */
  start: Int32Array;
  /** Creditor of each entry. */
  creditor: Int32Array;
  /** Face amount of each entry. */
  amount: Float64Array;
  /** Seniority layer of each entry (1-based). */
  layer: Int32Array;
}

/**
 * Each node's obligations and claims at face value, summed once when a network is built (every clearing reads
 * them): p̄_i = external_i + Σ_k L[i][k] in row order, and Σ_j L[j][i] in the order of the entries; written into
 * `into`'s arrays (length n) when given.
 * @internal
 */
export function balanceTotals(
  liabilities: LiabilityMatrix,
  externalLiabilities: Float64Array,
  into?: { obligations: Float64Array; claims: Float64Array },
): { obligations: Float64Array; claims: Float64Array } {
  const n = externalLiabilities.length;
  const { start, creditor, amount } = liabilities;
  const obligations = into ? into.obligations : new Float64Array(n);
  const claims = into ? into.claims.fill(0) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let owes = externalLiabilities[i];
    // The row's end read once: a store into a typed array makes V8 reload every typed array read in the loop.
    for (let k = start[i], end = start[i + 1]; k < end; k++) {
      const owed = amount[k];
      owes += owed;
      claims[creditor[k]] += owed;
    }
    obligations[i] = owes;
  }
  return { obligations, claims };
}

/** Total obligations per node: interbank (all layers) plus external. */
export function totalObligations(net: Network): Float64Array {
  const pbar = Float64Array.from(net.externalLiabilities);
  const { start, amount } = net.liabilities;
  for (let i = 0; i < net.n; i++) for (let k = start[i]; k < start[i + 1]; k++) pbar[i] += amount[k];
  return pbar;
}

/**
 * Compiles a spec into typed arrays. The spec must already be valid (see `parseNetwork` for user input);
 * an unknown id or a bad number here is a programming error and throws RangeError.
 */
export function compileNetwork(spec: NetworkSpec): Network {
  const n = spec.nodes.length;
  const index = new Map<string, number>();
  spec.nodes.forEach((node, i) => {
    if (index.has(node.id)) throw new RangeError(`invalid nodes[${i}].id: duplicate ${node.id}`);
    index.set(node.id, i);
  });
  const lookup = (id: string, where: string): number => {
    const i = index.get(id);
    if (i === undefined) throw new RangeError(`invalid ${where}: unknown node id ${id}`);
    return i;
  };
  const column = (pick: (node: NodeSpec) => number | undefined, fallback: number) =>
    Float64Array.from(spec.nodes, (node) => pick(node) ?? fallback);

  const {
    start,
    creditor,
    amount,
    layer,
    layers: liabilityLayers,
  } = liabilityMatrix(spec.liabilities ?? [], n, lookup);
  const externalLayer = Int32Array.from(spec.nodes, (node, i) => {
    const l = node.externalLayer ?? 1;
    // The valuation allocates n × layers: a typo like 10⁸ must not reach it.
    if (!Number.isInteger(l) || l < 1 || l > MAX_LAYERS)
      throw new RangeError(`invalid nodes[${i}].externalLayer: ${l}`);
    return l;
  });
  let layers = liabilityLayers;
  for (const l of externalLayer) layers = Math.max(layers, l);

  const holdings = (list: HoldingSpec[] | undefined, name: string): Holdings => {
    const items = list ?? [];
    return {
      holder: Int32Array.from(items, (h, k) => lookup(h.holder, `${name}[${k}].holder`)),
      issuer: Int32Array.from(items, (h, k) => lookup(h.issuer, `${name}[${k}].issuer`)),
      fraction: Float64Array.from(items, (h, k) => {
        if (!(h.fraction >= 0 && h.fraction <= 1))
          throw new RangeError(`invalid ${name}[${k}].fraction: ${h.fraction}`);
        return h.fraction;
      }),
    };
  };

  const externalLiabilities = column((node) => node.externalLiabilities, 0);
  const liabilities = { start, creditor, amount, layer };
  const net: Network = {
    n,
    ids: spec.nodes.map((node) => node.id),
    kinds: spec.nodes.map((node) => node.kind ?? "node"),
    index,
    externalAssets: column((node) => node.externalAssets, 0),
    externalLiabilities,
    externalLayer,
    buffer: column((node) => node.buffer, Number.NaN),
    weight: column((node) => node.weight, Number.NaN),
    equity: column((node) => node.equity, Number.NaN),
    marketable: column((node) => node.marketable, 0),
    illiquid: column((node) => node.illiquid, 0),
    liabilities,
    ...balanceTotals(liabilities, externalLiabilities),
    layers,
    equityHoldings: holdings(spec.equityHoldings, "equityHoldings"),
    debtHoldings: holdings(spec.debtHoldings, "debtHoldings"),
  };
  for (const name of ["externalAssets", "externalLiabilities"] as const) {
    net[name].forEach((v, i) => {
      if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`invalid nodes[${i}].${name}: ${v}`);
    });
  }
  if (spec.leverageThreshold !== undefined) net.leverageThreshold = spec.leverageThreshold;
  if (spec.priceImpact !== undefined) net.priceImpact = { ...spec.priceImpact };
  return net;
}

/** Liabilities from specs to triplets (checked), then to CSR by `liabilityCsr`. */
function liabilityMatrix(
  list: LiabilitySpec[],
  n: number,
  lookup: (id: string, where: string) => number,
): LiabilityMatrix & { layers: number } {
  const m = list.length;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const value = new Float64Array(m);
  const level = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const l = list[k];
    const layer = l.layer ?? 1;
    if (!(l.amount >= 0) || !Number.isFinite(l.amount))
      throw new RangeError(`invalid liabilities[${k}].amount: ${l.amount}`);
    if (!Number.isInteger(layer) || layer < 1 || layer > MAX_LAYERS)
      throw new RangeError(`invalid liabilities[${k}].layer: ${layer}`);
    from[k] = lookup(l.from, `liabilities[${k}].from`);
    to[k] = lookup(l.to, `liabilities[${k}].to`);
    if (from[k] === to[k]) throw new RangeError(`invalid liabilities[${k}]: ${l.from} owes itself`);
    value[k] = l.amount;
    level[k] = layer;
  }
  return liabilityCsr(from, to, value, level, n);
}

/**
 * Liabilities as CSR by debtor from checked triplets (debtor `from`, creditor `to`, `value`, `level` = layer or
 * none when every one is in layer 1; in file order): rows in debtor order, within a row by layer then creditor,
 * duplicates (same debtor, creditor, layer) summed in file order, zero amounts dropped. A counting sort into
 * rows, then each contiguous row sorted (a hub's by packed keys, so that its cost is not quadratic in its degree)
 * and compacted in place: 10⁶ liabilities compile in tens of milliseconds. The inputs are not changed. With `into`,
 * the matrix is built in its buffers (allocating nothing once they are large enough) and its arrays are those
 * buffers, longer than the entries they hold: read them up to `start[n]`.
 * @internal
 */
export function liabilityCsr(
  from: Int32Array,
  to: Int32Array,
  value: Float64Array,
  level: Int32Array | undefined,
  n: number,
  into?: CsrBuffers,
): LiabilityMatrix & { layers: number } {
  const m = from.length;
  into?.reserve(n, m);
  // Scatter the entries into their debtor's row (a counting sort, stable: file order within a row) ...
  const rowStart = into ? into.rowStart.fill(0) : new Int32Array(n + 1);
  for (let k = 0; k < m; k++) rowStart[from[k] + 1]++;
  let maxLevel = 1;
  if (level) for (let k = 0; k < m; k++) if (level[k] > maxLevel) maxLevel = level[k];
  for (let i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
  const cursor = into ? into.cursor : new Int32Array(n);
  for (let i = 0; i < n; i++) cursor[i] = rowStart[i];
  const rowTo = into ? into.rowTo : new Int32Array(m);
  const rowValue = into ? into.rowValue : new Float64Array(m);
  // One layer, the usual file: every entry's is 1, and scattering the layers would cost a cache miss each.
  const rowLevel = into ? into.rowLevel : new Int32Array(m);
  if (maxLevel === 1) {
    rowLevel.fill(1, 0, m);
    for (let k = 0; k < m; k++) {
      const x = cursor[from[k]]++;
      rowTo[x] = to[k];
      rowValue[x] = value[k];
    }
  } else {
    for (let k = 0; k < m; k++) {
      const x = cursor[from[k]]++;
      rowTo[x] = to[k];
      rowLevel[x] = (level as Int32Array)[k];
      rowValue[x] = value[k];
    }
  }
  // ... then sort each row, contiguous now, by (layer, creditor), stably, and compact it in place (an entry
  // never moves forward): duplicates summed into their first, zero amounts dropped.
  const start = into ? into.start : new Int32Array(n + 1);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const first = rowStart[i];
    const d = rowStart[i + 1] - first;
    if (d > LONG_ROW && (maxLevel + 1) * n * d < Number.MAX_SAFE_INTEGER)
      sortLongRow(rowTo, rowLevel, rowValue, first, d, n);
    else insertionSortRow(rowTo, rowLevel, rowValue, first, first + d);
    start[i] = size;
    for (let x = first; x < first + d; x++) {
      const last = size - 1;
      if (last >= start[i] && rowTo[last] === rowTo[x] && rowLevel[last] === rowLevel[x])
        rowValue[last] += rowValue[x];
      else if (rowValue[x] > 0) {
        rowTo[size] = rowTo[x];
        rowValue[size] = rowValue[x];
        rowLevel[size] = rowLevel[x];
        size++;
      }
    }
  }
  start[n] = size;
  let layers = 1;
  if (maxLevel > 1) for (let x = 0; x < size; x++) if (rowLevel[x] > layers) layers = rowLevel[x];
  const whole = into !== undefined || size === m;
  return {
    start,
    creditor: whole ? rowTo : rowTo.slice(0, size),
    amount: whole ? rowValue : rowValue.slice(0, size),
    layer: whole ? rowLevel : rowLevel.slice(0, size),
    layers,
  };
}

/** Buffers `liabilityCsr` builds a matrix in when a caller builds one of the same size again and again (the
 * economy's network of each stressed quarter): per node sized exactly, per entry grown, never shrunk. */
export class CsrBuffers {
  rowStart = new Int32Array(1);
  start = new Int32Array(1);
  cursor = new Int32Array(0);
  rowTo = new Int32Array(0);
  rowValue = new Float64Array(0);
  rowLevel = new Int32Array(0);

  /** Room for `n` nodes and `m` entries. */
  reserve(n: number, m: number): void {
    if (this.cursor.length !== n) {
      this.rowStart = new Int32Array(n + 1);
      this.start = new Int32Array(n + 1);
      this.cursor = new Int32Array(n);
    }
    if (this.rowTo.length < m) {
      this.rowTo = new Int32Array(m);
      this.rowValue = new Float64Array(m);
      this.rowLevel = new Int32Array(m);
    }
  }
}

/** Rows longer than this are sorted by packed keys; shorter ones by insertion. */
const LONG_ROW = 32;

/** Stable insertion sort of the entries `first … end − 1` by (layer, creditor). */
function insertionSortRow(
  to: Int32Array,
  level: Int32Array,
  value: Float64Array,
  first: number,
  end: number,
): void {
  for (let x = first + 1; x < end; x++) {
    const t = to[x];
    const l = level[x];
    const v = value[x];
    let y = x - 1;
    while (y >= first && (l < level[y] || (l === level[y] && t < to[y]))) {
      to[y + 1] = to[y];
      level[y + 1] = level[y];
      value[y + 1] = value[y];
      y--;
    }
    to[y + 1] = t;
    level[y + 1] = l;
    value[y + 1] = v;
  }
}

/**
 * Stable sort of the `d` entries from `first` by (layer, creditor): each packed into one exact integer key
 * ((layer·n + creditor)·d + position; the caller checks it stays below 2⁵³), sorted natively, then gathered.
 */
function sortLongRow(
  to: Int32Array,
  level: Int32Array,
  value: Float64Array,
  first: number,
  d: number,
  n: number,
): void {
  const keys = new Float64Array(d);
  for (let x = 0; x < d; x++) keys[x] = (level[first + x] * n + to[first + x]) * d + x;
  keys.sort();
  const t = to.slice(first, first + d);
  const l = level.slice(first, first + d);
  const v = value.slice(first, first + d);
  for (let x = 0; x < d; x++) {
    const from = keys[x] % d;
    to[first + x] = t[from];
    level[first + x] = l[from];
    value[first + x] = v[from];
  }
}

/** A copy of the network with other external assets (e.g. after a shock); the structure is shared. */
export function withExternalAssets(net: Network, externalAssets: Float64Array): Network {
  if (externalAssets.length !== net.n)
    throw new RangeError(`invalid externalAssets length: ${externalAssets.length}`);
  return { ...net, externalAssets };
}
