import { NON_FINITE } from "../finite.js";
import type { Network } from "../network.js";
import type { ClearingResult } from "./types.js";
import { ClearingWorkspace, inflow, SOLVENCY_TOLERANCE } from "./workspace.js";

/** Options of the Furfine sequential default cascade. */
export interface FurfineOptions {
  /** Fraction of its obligations a defaulter still pays, in [0, 1]; default 0. */
  recovery?: number;
}

/**
 * Furfine's sequential default cascade (Furfine 2003): in round 1 the nodes whose external assets plus claims at
 * face value fall short of their obligations default; a defaulter pays the fraction `recovery` of what it owes;
 * each later round adds the nodes that can no longer pay, until no new default. The payments are not a clearing
 * vector (recovery is exogenous); `iterations` equals `rounds`.
 */
export function furfineCascade(
  net: Network,
  options: FurfineOptions = {},
  workspace: ClearingWorkspace = new ClearingWorkspace(net.n),
): ClearingResult {
  const recovery = options.recovery ?? 0;
  if (!(recovery >= 0 && recovery <= 1)) throw new RangeError(`invalid recovery: ${recovery}`);
  const ws = workspace;
  ws.prepareCreditors(net);
  const { n } = net;
  const e = net.externalAssets;
  const { pbar, payments: p, defaulted, defaultRound, order } = ws;
  p.set(pbar);
  defaulted.fill(0);
  defaultRound.fill(0);
  let count = 0;
  let rounds = 0;
  for (;;) {
    const before = count;
    for (let i = 0; i < n; i++) {
      if (defaulted[i] || pbar[i] === 0) continue;
      if (e[i] + inflow(ws, p, i) < pbar[i] * (1 - SOLVENCY_TOLERANCE)) {
        defaulted[i] = 1;
        defaultRound[i] = rounds + 1;
        order[count++] = i;
      }
    }
    if (count === before) break;
    rounds++;
    // Everyone in a round is judged on the payments of the round before; only then do the new defaulters cut theirs.
    for (let t = before; t < count; t++) p[order[t]] = recovery * pbar[order[t]];
  }
  const equity = ws.equity;
  let probe = 0;
  for (let i = 0; i < n; i++) {
    equity[i] = e[i] + inflow(ws, p, i) - pbar[i];
    probe += equity[i] * 0 + p[i] * 0;
  }
  return {
    payments: p,
    equity,
    defaulted,
    defaultRound,
    rounds,
    iterations: rounds,
    converged: probe === 0,
    reason: probe === 0 ? "converged" : NON_FINITE,
  };
}
