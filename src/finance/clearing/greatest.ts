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
 * the solution from above), then adds the nodes that can no longer pay with the lower payments. After the first
 * round only the creditors of defaulters are re-examined, so a round costs the defaulters' claims, not the
 * network's. Allocation-free when a workspace is passed; the result's arrays then belong to the workspace.
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
  const { pbar, owedTo, payments: p, defaulted, defaultRound, order, assets, changed, mark, scratch } = ws;
  const threshold = 1 - SOLVENCY_TOLERANCE;
  p.set(pbar);
  defaulted.fill(0);
  defaultRound.fill(0);
  mark.fill(0);
  // With everyone paying in full, receipts are the claims at face value.
  for (let i = 0; i < n; i++) {
    assets[i] = e[i] + owedTo[i];
    changed[i] = i;
  }
  let candidates = n;
  let count = 0;
  let rounds = 0;
  let iterations = 0;
  let converged = true;
  let reason = "converged";
  for (;;) {
    const before = count;
    for (let t = 0; t < candidates; t++) {
      const i = changed[t];
      if (defaulted[i] === 0 && assets[i] < pbar[i] * threshold) {
        defaulted[i] = 1;
        defaultRound[i] = rounds + 1;
        order[count++] = i;
      }
    }
    if (count === before) break;
    rounds++;
    const solve = solveDefaulters(ws, net, alpha, beta, count, tolerance, maxIterations - iterations);
    iterations += solve.iterations;
    // Creditors of defaulters receive their face claims minus the defaulters' shortfall.
    candidates = 0;
    for (let t = 0; t < count; t++) {
      const j = order[t];
      const unpaid = (pbar[j] - p[j]) / pbar[j];
      for (let k = start[j]; k < start[j + 1]; k++) {
        const c = creditor[k];
        if (mark[c] !== rounds) {
          mark[c] = rounds;
          changed[candidates++] = c;
          scratch[c] = 0;
        }
        scratch[c] += amount[k] * unpaid;
      }
    }
    for (let t = 0; t < candidates; t++) {
      const c = changed[t];
      assets[c] = e[c] + owedTo[c] - scratch[c];
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
