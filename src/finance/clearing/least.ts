import { NON_FINITE } from "../finite.js";
import type { Network } from "../network.js";
import { solveDefaulters } from "./defaulters.js";
import { resolveClearingOptions, settled } from "./options.js";
import type { ClearingOptions, ClearingResult } from "./types.js";
import { ClearingWorkspace, inflow, SOLVENCY_TOLERANCE } from "./workspace.js";

/**
 * The least clearing vector (EN or RV): Gauss–Seidel on the clearing map from p = 0. The map is monotone and 0
 * bounds every clearing vector from below, so the iterates rise to the least one. It differs from the greatest
 * only on cashless cycles (nodes that owe each other and reach no outside cash). Rounds are not defined here:
 * `defaultRound` is 1 for every defaulter and `rounds` is 0 or 1.
 */
export function leastClearingVector(
  net: Network,
  options: ClearingOptions,
  workspace: ClearingWorkspace = new ClearingWorkspace(net.n),
): ClearingResult {
  const { alpha, beta, tolerance, maxIterations } = resolveClearingOptions(options);
  const ws = workspace;
  ws.prepareCreditors(net);
  const { n } = net;
  const e = net.externalAssets;
  const { pbar, payments: p, defaulted, defaultRound, inStart, inDebtor, inShare } = ws;
  p.fill(0);
  let iterations = 0;
  let converged = false;
  let previous = Number.POSITIVE_INFINITY;
  while (iterations < maxIterations) {
    iterations++;
    let delta = 0;
    for (let i = 0; i < n; i++) {
      if (pbar[i] === 0) continue;
      let received = 0;
      for (let k = inStart[i]; k < inStart[i + 1]; k++) received += inShare[k] * p[inDebtor[k]];
      const assets = e[i] + received;
      const value = assets >= pbar[i] * (1 - SOLVENCY_TOLERANCE) ? pbar[i] : alpha * e[i] + beta * received;
      const change = Math.abs(value - p[i]) / pbar[i];
      if (change > delta) delta = change;
      p[i] = value;
    }
    if (settled(delta, previous, tolerance)) {
      converged = true;
      break;
    }
    previous = delta;
  }
  if (converged) {
    // Polish: with the default set now known, solve the defaulters' linear system exactly.
    const { order } = ws;
    let count = 0;
    for (let i = 0; i < n; i++) if (p[i] < pbar[i]) order[count++] = i;
    const solve = solveDefaulters(ws, net, alpha, beta, 0, count, tolerance, maxIterations - iterations);
    iterations += solve.iterations;
    converged = solve.converged;
  }
  const equity = ws.equity;
  let anyDefault = 0;
  let probe = 0;
  for (let i = 0; i < n; i++) {
    equity[i] = e[i] + inflow(ws, p, i) - pbar[i];
    probe += equity[i] * 0 + p[i] * 0;
    const d = pbar[i] > 0 && equity[i] < -pbar[i] * SOLVENCY_TOLERANCE ? 1 : 0;
    defaulted[i] = d;
    defaultRound[i] = d;
    anyDefault |= d;
  }
  return {
    payments: p,
    equity,
    defaulted,
    defaultRound,
    rounds: anyDefault,
    iterations,
    converged: converged && probe === 0,
    reason: probe !== 0 ? NON_FINITE : converged ? "converged" : "iteration limit",
  };
}
