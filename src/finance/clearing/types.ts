/** Options of the Eisenberg–Noe / Rogers–Veraart clearing solvers. */
export interface ClearingOptions {
  /** "en" (Eisenberg–Noe) or "rv" (Rogers–Veraart default costs). */
  model: "en" | "rv";
  /** RV recovery fraction on external assets of a defaulter, in [0, 1]; default 1 (EN). */
  alpha?: number;
  /** RV recovery fraction on interbank claims of a defaulter, in [0, 1]; default 1 (EN). */
  beta?: number;
  /** Relative accuracy of each linear solve (estimated error / obligations); default 1e-14. */
  tolerance?: number;
  /** Cap on Gauss–Seidel sweeps over all rounds; default 100 000. */
  maxIterations?: number;
}

/**
 * A clearing result. When a workspace is passed, the arrays belong to it and are overwritten by its next use:
 * copy what you keep.
 */
export interface ClearingResult {
  /** Total payment of each node (interbank and external), same units as the liabilities. */
  payments: Float64Array;
  /** External assets + interbank receipts − obligations (undiscounted; negative = shortfall of a defaulter). */
  equity: Float64Array;
  /** 1 where the node cannot pay its obligations in full. */
  defaulted: Uint8Array;
  /** Round in which the node defaulted: 1 = on fundamentals, > 1 = by contagion; 0 = solvent. */
  defaultRound: Int32Array;
  /** Number of rounds that found new defaulters. */
  rounds: number;
  /** Gauss–Seidel sweeps spent, all rounds together. */
  iterations: number;
  converged: boolean;
  /** "converged", or why not ("iteration limit"). */
  reason: string;
}
