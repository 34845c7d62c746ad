import { NON_FINITE } from "../finite.js";
import type { Network } from "../network.js";
import { solveDefaulters } from "./defaulters.js";
import { resolveClearingOptions } from "./options.js";
import type { ClearingOptions, ClearingResult } from "./types.js";
import { ClearingWorkspace, SOLVENCY_TOLERANCE } from "./workspace.js";

/**
 * The greatest clearing vector of the Eisenberg–Noe model, or of Rogers–Veraart with default costs (α on external
 * assets, β on interbank claims), by the fictitious-default algorithm: each round fixes the set of defaulters,
 * solves the linear system for their payments exactly (see `solveDefaulters`: the previous round's payments bound
 * the solution from above), then adds the nodes that can no longer pay with the lower payments. A round costs a
 * pass over the new defaulters' claims (the subsystem grows by them), one over every defaulter's claims (the
 * creditors' losses) and one sequential pass over the nodes, not a pass over the network's claims.
 * Allocation-free when a workspace is passed (after its first use); the result's arrays then belong to the
 * workspace.
 */
export function clearNetwork(
  net: Network,
  options: ClearingOptions,
  workspace: ClearingWorkspace = new ClearingWorkspace(net.n),
): ClearingResult {
  const { alpha, beta, tolerance, maxIterations } = resolveClearingOptions(options);
  const ws = workspace;
  ws.prepare(net);
  const { n } = net;
  const e = net.externalAssets;
  const { start, creditor, amount } = net.liabilities;
  const { pbar, owedTo, payments: p, defaulted, defaultRound, order, assets, passedOn } = ws;
  const threshold = 1 - SOLVENCY_TOLERANCE;
  p.set(pbar);
  passedOn.set(pbar);
  defaulted.fill(0);
  defaultRound.fill(0);
  // With everyone paying in full, receipts are the claims at face value.
  for (let i = 0; i < n; i++) assets[i] = e[i] + owedTo[i];
  let count = 0;
  let rounds = 0;
  let iterations = 0;
  let converged = true;
  let reason = "converged";
  for (;;) {
    const before = count;
    // Every node, in one sequential pass: cheaper than listing the creditors the last round touched, which
    // costs a random access per claim.
    for (let i = 0; i < n; i++) {
      if (defaulted[i] === 0 && assets[i] < pbar[i] * threshold) {
        defaulted[i] = 1;
        defaultRound[i] = rounds + 1;
        order[count++] = i;
      }
    }
    if (count === before) break;
    rounds++;
    const solve = solveDefaulters(ws, net, alpha, beta, before, count, tolerance, maxIterations - iterations);
    iterations += solve.iterations;
    // Creditors of defaulters lose their share of what each defaulter's payment fell by since it was last
    // passed on: one pass over the defaulters' claims, one random access each.
    for (let t = 0; t < count; t++) {
      const j = order[t];
      const drop = (passedOn[j] - p[j]) / pbar[j];
      if (drop === 0) continue;
      passedOn[j] = p[j];
      // The row's end read once: a store into a typed array makes V8 reload every typed array read in the loop.
      for (let k = start[j], end = start[j + 1]; k < end; k++) assets[creditor[k]] -= amount[k] * drop;
    }
    if (!solve.converged) {
      converged = false;
      reason = "iteration limit";
      break;
    }
  }
  const equity = ws.equity;
  // probe stays 0 unless a payment or an equity is NaN or infinite (x·0 is NaN then): see finite.ts.
  let probe = 0;
  for (let i = 0; i < n; i++) {
    equity[i] = assets[i] - pbar[i];
    probe += equity[i] * 0 + p[i] * 0;
  }
  if (probe !== 0) {
    converged = false;
    reason = NON_FINITE;
  }
  return { payments: p, equity, defaulted, defaultRound, rounds, iterations, converged, reason };
}
