/**
 * Buffers of the stressed quarters' clearing (`clearQuarter`), one set per path state: the quarter's network, its
 * liabilities as CSR and the valuation's, reused from quarter to quarter and path to path. A path clears a few
 * quarters through the finance engine, each in a few default-cost passes; allocating their ~70 small typed arrays
 * anew (1–2 µs each in Node) had made the clearing about a tenth of the simulator's time.
 */
import { ValuationWorkspace } from "../../finance/clearing/valuationWorkspace.js";
import { CsrBuffers } from "../../finance/network.js";

export class ClearingBuffers {
  /** The quarter's liabilities as triplets (debtor, creditor, amount, layer), grown to the most seen. */
  from = new Int32Array(0);
  to = new Int32Array(0);
  amount = new Float64Array(0);
  level = new Int32Array(0);
  readonly csr = new CsrBuffers();
  readonly valuation = new ValuationWorkspace();
  /** Per entity: the network's external assets and liabilities, obligations and claims at face value. */
  readonly externalAssets: Float64Array;
  readonly externalLiabilities: Float64Array;
  readonly obligations: Float64Array;
  readonly claims: Float64Array;
  /** Per entity, constant: the external liabilities' layer, and the fields the valuation does not read (NaN or 0). */
  readonly externalLayer: Int32Array;
  readonly absent: Float64Array;
  readonly zero: Float64Array;
  /** Per entity, for each clearing: its first default round, whether default costs apply, what its stakes would
   * raise, and its receipts of the previous pass. */
  readonly firstRound: Int32Array;
  readonly costed: Uint8Array;
  readonly stakeCash: Float64Array;
  readonly previousReceived: Float64Array;

  constructor(n: number, externalLayer: number) {
    this.externalAssets = new Float64Array(n);
    this.externalLiabilities = new Float64Array(n);
    this.obligations = new Float64Array(n);
    this.claims = new Float64Array(n);
    this.externalLayer = new Int32Array(n).fill(externalLayer);
    this.absent = new Float64Array(n).fill(Number.NaN);
    this.zero = new Float64Array(n);
    this.firstRound = new Int32Array(n);
    this.costed = new Uint8Array(n);
    this.stakeCash = new Float64Array(n);
    this.previousReceived = new Float64Array(n);
  }

  /** Room for `m` liabilities in the triplets. */
  reserve(m: number): void {
    if (this.from.length >= m) return;
    this.from = new Int32Array(m);
    this.to = new Int32Array(m);
    this.amount = new Float64Array(m);
    this.level = new Int32Array(m);
  }
}
