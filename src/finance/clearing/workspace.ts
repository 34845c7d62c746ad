import type { LiabilityMatrix, Network } from "../network.js";

/**
 * Reusable buffers for the clearing solvers, so that a caller clearing the same network many times (every
 * quarter, every Monte Carlo path) allocates nothing after the first call. It holds a copy of the network's
 * obligations and claims at face value (its own, since the solvers work on them) and the creditor-side view,
 * keyed by the identity of `net.liabilities` and `net.obligations`; `invalidate()` forgets them.
 */
export class ClearingWorkspace {
  /** Nodes the buffers hold. */
  n = 0;
  /** Obligations per node (interbank + external): the network's `obligations`. */
  pbar = new Float64Array(0);
  /** Interbank assets at face value, Σ_j L[j][i]: the network's `claims`. */
  owedTo = new Float64Array(0);
  payments = new Float64Array(0);
  equity = new Float64Array(0);
  defaulted = new Uint8Array(0);
  defaultRound = new Int32Array(0);
  /** Assets per node: external + interbank receipts at the current payments. */
  assets = new Float64Array(0);
  /** Defaulters in the order they defaulted (the first `count` entries are used). */
  order = new Int32Array(0);
  /** Position of a node in `order` while a solve runs, −1 otherwise. */
  slot = new Int32Array(0);
  /** Payment per node whose shortfall its creditors' assets already reflect (greatest clearing vector). */
  passedOn = new Float64Array(0);
  /** Scratch per node: insertion points of a counting sort. */
  cursor = new Int32Array(0);
  /**
   * Defaulters' subsystem (CSR over positions in `order`): claims between defaulters, constants, values. It grows
   * round by round within a clearing; the spare CSR receives each round's, then the two swap.
   */
  subStart = new Int32Array(1);
  subColumn = new Int32Array(0);
  subWeight = new Float64Array(0);
  spareStart = new Int32Array(1);
  spareColumn = new Int32Array(0);
  spareWeight = new Float64Array(0);
  base = new Float64Array(0);
  /** Per defaulter position: its face claims on nodes outside the defaulters (interbank), kept between rounds. */
  outside = new Float64Array(0);
  /** A round's new defaulter-to-defaulter claims as triplets (creditor position, debtor position, weight). */
  pairRow = new Int32Array(0);
  pairColumn = new Int32Array(0);
  pairWeight = new Float64Array(0);
  /**
   * Defaulters' claims on nodes still paying in full, listed by creditor in the order found (a linked list per
   * node: first and last entry, −1 for none; each entry's next, debtor position and claim index), until the
   * creditor defaults; `waitingCount` entries are used.
   */
  waiting = new Int32Array(0);
  waitingLast = new Int32Array(0);
  waitNext = new Int32Array(0);
  waitDebtor = new Int32Array(0);
  waitClaim = new Int32Array(0);
  waitingCount = 0;
  x = new Float64Array(0);
  /** Per defaulter position: its obligations (Gauss–Seidel's scale of a change). */
  owes = new Float64Array(0);
  /** Direct solve: dense matrix and right side. */
  matrix = new Float64Array(0);
  rhs = new Float64Array(0);
  /** Creditor-side CSR (built on demand by `prepareCreditors`): node i's debtors j and shares Π[j][i]. */
  inStart = new Int32Array(1);
  inDebtor = new Int32Array(0);
  inShare = new Float64Array(0);
  private liabilities: LiabilityMatrix | undefined;
  private obligations: Float64Array | undefined;
  private creditorsReady = false;

  constructor(n = 0) {
    this.resize(n);
  }

  /** Forgets what it copied from the network, as if it had never seen it. */
  invalidate(): void {
    this.liabilities = undefined;
    this.obligations = undefined;
    this.creditorsReady = false;
  }

  /** Sizes the buffers for `net` and copies its obligations and claims unless it holds them already. */
  prepare(net: Network): void {
    if (net.n !== this.n) this.resize(net.n);
    if (this.liabilities === net.liabilities && this.obligations === net.obligations) return;
    this.pbar.set(net.obligations);
    this.owedTo.set(net.claims);
    this.liabilities = net.liabilities;
    this.obligations = net.obligations;
    this.creditorsReady = false;
  }

  /**
   * Room for `claims` triplets and waiting claims (grown by half again, so a workspace soon stops growing); the
   * waiting claims are kept.
   */
  reserveClaims(claims: number): void {
    if (this.pairRow.length >= claims) return;
    const size = Math.max(claims, Math.floor(this.pairRow.length * 1.5));
    this.pairRow = new Int32Array(size);
    this.pairColumn = new Int32Array(size);
    this.pairWeight = new Float64Array(size);
    const keep = <T extends Int32Array>(old: T): T => {
      const bigger = new Int32Array(size) as T;
      bigger.set(old.subarray(0, this.waitingCount));
      return bigger;
    };
    this.waitNext = keep(this.waitNext);
    this.waitDebtor = keep(this.waitDebtor);
    this.waitClaim = keep(this.waitClaim);
  }

  /**
   * Room for `entries` in the spare subsystem CSR (grown by half again): sized to the defaulters' claims as they
   * come rather than to every claim up front (24 MB at 10⁶ claims, most of it never written).
   */
  reserveSpare(entries: number): void {
    if (this.spareColumn.length >= entries) return;
    const size = Math.max(entries, Math.floor(this.spareColumn.length * 1.5));
    this.spareColumn = new Int32Array(size);
    this.spareWeight = new Float64Array(size);
  }

  /** Makes the spare subsystem CSR the current one (and the current one the spare). */
  swapSubsystem(): void {
    [this.subStart, this.spareStart] = [this.spareStart, this.subStart];
    [this.subColumn, this.spareColumn] = [this.spareColumn, this.subColumn];
    [this.subWeight, this.spareWeight] = [this.spareWeight, this.subWeight];
  }

  /** `prepare`, plus the creditor-side view for solvers that pull receipts node by node. */
  prepareCreditors(net: Network): void {
    this.prepare(net);
    if (this.creditorsReady) return;
    const { n } = net;
    const { start, creditor, amount } = net.liabilities;
    const nnz = start[n];
    if (this.inDebtor.length < nnz) {
      this.inDebtor = new Int32Array(nnz);
      this.inShare = new Float64Array(nnz);
    }
    const { inStart, inDebtor, inShare, pbar } = this;
    inStart.fill(0);
    for (let k = 0; k < nnz; k++) inStart[creditor[k] + 1]++;
    for (let i = 0; i < n; i++) inStart[i + 1] += inStart[i];
    const cursor = this.cursor;
    cursor.set(inStart.subarray(0, n));
    for (let j = 0; j < n; j++) {
      const owes = pbar[j];
      for (let k = start[j]; k < start[j + 1]; k++) {
        const at = cursor[creditor[k]]++;
        inDebtor[at] = j;
        inShare[at] = amount[k] / owes;
      }
    }
    this.creditorsReady = true;
  }

  private resize(n: number): void {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`invalid n: ${n}`);
    this.n = n;
    this.pbar = new Float64Array(n);
    this.owedTo = new Float64Array(n);
    this.payments = new Float64Array(n);
    this.equity = new Float64Array(n);
    this.defaulted = new Uint8Array(n);
    this.defaultRound = new Int32Array(n);
    this.assets = new Float64Array(n);
    this.order = new Int32Array(n);
    this.slot = new Int32Array(n).fill(-1);
    this.passedOn = new Float64Array(n);
    this.cursor = new Int32Array(n);
    this.subStart = new Int32Array(n + 1);
    this.spareStart = new Int32Array(n + 1);
    this.base = new Float64Array(n);
    this.outside = new Float64Array(n);
    this.waiting = new Int32Array(n);
    this.waitingLast = new Int32Array(n);
    this.x = new Float64Array(n);
    this.owes = new Float64Array(n);
    this.inStart = new Int32Array(n + 1);
    this.invalidate();
  }
}

/** A workspace sized for `n` nodes (it grows or shrinks to fit the network it is used with). */
export function createClearingWorkspace(n = 0): ClearingWorkspace {
  return new ClearingWorkspace(n);
}

/** A node defaults when its assets fall short of its obligations by more than this fraction of them. */
export const SOLVENCY_TOLERANCE = 1e-12;

/** Interbank receipts of node i, Σ_j Π[j][i]·p_j (needs `prepareCreditors`). */
export function inflow(ws: ClearingWorkspace, payments: Float64Array, i: number): number {
  const { inStart, inDebtor, inShare } = ws;
  let sum = 0;
  for (let k = inStart[i]; k < inStart[i + 1]; k++) sum += inShare[k] * payments[inDebtor[k]];
  return sum;
}
