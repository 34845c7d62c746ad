import type { Network } from "../network.js";
import { elsingerClearing } from "./elsinger.js";
import { furfineCascade } from "./furfine.js";
import { clearNetwork } from "./greatest.js";
import { leastClearingVector } from "./least.js";
import { isRegular } from "./regular.js";
import type { ClearingResult } from "./types.js";
import { xosValuation } from "./xos.js";

/** The clearing models `clear` knows. */
export type ClearingModelName = "en" | "rv" | "furfine" | "elsinger" | "xos";

/** Options of `clear`. */
export interface ClearOptions {
  /** Clearing model; default "en". */
  model?: ClearingModelName;
  /** RV recovery on external assets, in [0, 1]; default 1. */
  alpha?: number;
  /** RV recovery on interbank claims, in [0, 1]; default 1. */
  beta?: number;
  /** Furfine recovery rate, in [0, 1]; default 0. */
  recovery?: number;
}

/** The greatest solution of a model, its least solution when they differ, and where they differ. */
export interface ClearingReport extends ClearingResult {
  model: ClearingModelName;
  /** Elsinger and XOS: payments by seniority layer (index 0 = layer 1). */
  paymentsByLayer?: Float64Array[];
  /** Greatest and least solutions agree (to 1e-9 of each node's obligations). Furfine: always true. */
  unique: boolean;
  /** The least solution, when not unique. */
  least?: { payments: Float64Array; defaulted: Uint8Array };
  /** Nodes whose payment differs between the two ends: cashless cycles and what hangs on them. */
  cashless: number[];
}

/**
 * Clears a network with one model and checks uniqueness by computing both ends (greatest and least solution).
 * Under Eisenberg–Noe the least solution is computed only when `isRegular` cannot prove it equal to the
 * greatest (it costs about three times as much on large networks, and cashless cycles are rare).
 * Meant for one-off use (the CLI, reports); the simulator's hot path calls `clearNetwork` directly.
 */
export function clear(net: Network, options: ClearOptions = {}): ClearingReport {
  const model = options.model ?? "en";
  if (model === "furfine") {
    const r = furfineCascade(net, { recovery: options.recovery });
    return { model, ...r, unique: true, cashless: [] };
  }
  if (model === "en" || model === "rv") {
    const clearing = { model, alpha: options.alpha, beta: options.beta } as const;
    const greatest = clearNetwork(net, clearing);
    const least = model === "en" && isRegular(net) ? greatest : leastClearingVector(net, clearing);
    return withLeast(model, greatest, least, net.obligations);
  }
  if (model === "elsinger" || model === "xos") {
    const solve = model === "xos" ? xosValuation : elsingerClearing;
    const greatest = solve(net);
    const least = solve(net, { bound: "least" });
    return withLeast(model, greatest, least, net.obligations);
  }
  throw new RangeError(`invalid model: ${model}`);
}

type Solution = Omit<ClearingReport, "model" | "unique" | "least" | "cashless">;

function withLeast(
  model: ClearingModelName,
  greatest: Solution,
  least: Pick<Solution, "payments" | "defaulted" | "converged" | "reason">,
  pbar: Float64Array,
): ClearingReport {
  const cashless: number[] = [];
  for (let i = 0; i < pbar.length; i++) {
    if (Math.abs(greatest.payments[i] - least.payments[i]) > 1e-9 * pbar[i]) cashless.push(i);
  }
  const report: ClearingReport = {
    model,
    ...greatest,
    converged: greatest.converged && least.converged,
    reason: greatest.converged && !least.converged ? `least solution: ${least.reason}` : greatest.reason,
    unique: cashless.length === 0,
    cashless,
  };
  if (cashless.length > 0) report.least = { payments: least.payments, defaulted: least.defaulted };
  return report;
}
