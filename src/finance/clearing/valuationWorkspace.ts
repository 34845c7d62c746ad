/**
 * Reusable buffers of `valueNetwork`, so that a caller valuing networks of one size many times (each default-cost
 * pass of each stressed quarter of each Monte Carlo path) allocates nothing after the first call: in Node a typed
 * array of more than 64 bytes costs 1–2 µs to allocate, more than a sweep of a network of 40 nodes. A valuation
 * made with a workspace returns its buffers: read the result before the next valuation with the same workspace.
 */
export class ValuationWorkspace {
  /** Nodes and layers the per-node buffers are sized for (−1: none yet). */
  n = -1;
  layers = -1;
  /** Face obligations per (node, layer), n·layers, and per node. */
  pbarL = new Float64Array(0);
  pbar = new Float64Array(0);
  /** Creditor-side claims (CSR by holder, n + 1 row pointers): each claim's (debtor, layer) slot and share. */
  inStart = new Int32Array(0);
  inSlot = new Int32Array(0);
  inShare = new Float64Array(0);
  /** Equity holdings by holder (CSR, n + 1 row pointers): issuer and fraction. */
  eqStart = new Int32Array(0);
  eqIssuer = new Int32Array(0);
  eqFraction = new Float64Array(0);
  /** Scratch per node: insertion points of a counting sort. */
  cursor = new Int32Array(0);
  /** Payments per (node, layer), n·layers. */
  paid = new Float64Array(0);
  /** The result's arrays. */
  value = new Float64Array(0);
  defaulted = new Uint8Array(0);
  defaultRound = new Int32Array(0);
  payments = new Float64Array(0);
  equity = new Float64Array(0);
  paymentsByLayer: Float64Array[] = [];

  /** Sizes the per-node buffers for `n` nodes and `layers` layers, reallocating them only when either changes. */
  size(n: number, layers: number): void {
    if (n === this.n && layers === this.layers) return;
    this.n = n;
    this.layers = layers;
    this.pbarL = new Float64Array(n * layers);
    this.pbar = new Float64Array(n);
    this.inStart = new Int32Array(n + 1);
    this.eqStart = new Int32Array(n + 1);
    this.cursor = new Int32Array(n);
    this.paid = new Float64Array(n * layers);
    this.value = new Float64Array(n);
    this.defaulted = new Uint8Array(n);
    this.defaultRound = new Int32Array(n);
    this.payments = new Float64Array(n);
    this.equity = new Float64Array(n);
    this.paymentsByLayer = Array.from({ length: layers }, () => new Float64Array(n));
  }

  /** Room for `claims` creditor-side claims and `holdings` equity holdings (grown, never shrunk). */
  reserve(claims: number, holdings: number): void {
    if (this.inSlot.length < claims) {
      this.inSlot = new Int32Array(claims);
      this.inShare = new Float64Array(claims);
    }
    if (this.eqIssuer.length < holdings) {
      this.eqIssuer = new Int32Array(holdings);
      this.eqFraction = new Float64Array(holdings);
    }
  }
}

/** A workspace for `valueNetwork`; see ValuationWorkspace. */
export function createValuationWorkspace(): ValuationWorkspace {
  return new ValuationWorkspace();
}
