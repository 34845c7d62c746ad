import type { Network } from "../network.js";
import { settled } from "./options.js";
import type { ClearingWorkspace } from "./workspace.js";

/** Defaulter sets up to this size are solved directly (dense LU), larger ones by Gauss–Seidel. */
export const DENSE_LIMIT = 160;

/** Outcome of one linear solve. */
export interface DefaulterSolve {
  /** Gauss–Seidel sweeps (a direct solve counts as one). */
  iterations: number;
  converged: boolean;
}

/**
 * Solves p_i = α e_i + β Σ_j Π[j][i] p_j for the `count` nodes listed in `ws.order`, in place in `ws.payments`,
 * every other node paying in full. It reads the liabilities by debtor only, so its cost is the defaulters'
 * claims, not the network's: the receipts of defaulter i from solvent debtors are its claims at face value minus
 * its face claims on defaulters. Small sets by Gaussian elimination with partial pivoting (exact to rounding);
 * larger or singular ones (a cashless cycle among the defaulters) by Gauss–Seidel from the current payments,
 * which stays on the side of the solution it starts from because the iteration is monotone.
 */
export function solveDefaulters(
  ws: ClearingWorkspace,
  net: Network,
  alpha: number,
  beta: number,
  count: number,
  tolerance: number,
  maxSweeps: number,
): DefaulterSolve {
  if (count === 0) return { iterations: 0, converged: true };
  const m = count;
  const e = net.externalAssets;
  const { start, creditor, amount } = net.liabilities;
  const { order, slot, pbar, owedTo, payments: p, subStart, base, x } = ws;
  // Defaulter-to-defaulter claims, found in one pass over the debtors' rows and kept as (creditor position,
  // debtor position, weight) triplets, then placed into a CSR by creditor position by a counting sort of the
  // triplets alone: a second pass over the rows would miss the cache once more per claim.
  let claims = 0;
  for (let t = 0; t < m; t++) {
    const i = order[t];
    slot[i] = t;
    base[t] = owedTo[i];
    claims += start[i + 1] - start[i];
  }
  ws.reservePairs(claims);
  const { pairRow, pairColumn, pairWeight, subColumn, subWeight } = ws;
  subStart.fill(0, 0, m + 1);
  let pairs = 0;
  for (let s = 0; s < m; s++) {
    const j = order[s];
    const share = beta / pbar[j];
    for (let k = start[j]; k < start[j + 1]; k++) {
      const c = slot[creditor[k]];
      if (c >= 0) {
        pairRow[pairs] = c;
        pairColumn[pairs] = s;
        pairWeight[pairs++] = share * amount[k];
        subStart[c + 1]++;
        base[c] -= amount[k];
      }
    }
  }
  for (let t = 0; t < m; t++) subStart[t + 1] += subStart[t];
  const cursor = ws.cursor;
  cursor.set(subStart.subarray(0, m));
  // Stable: within a row, debtors by position, as two passes over the rows would place them.
  for (let q = 0; q < pairs; q++) {
    const at = cursor[pairRow[q]]++;
    subColumn[at] = pairColumn[q];
    subWeight[at] = pairWeight[q];
  }
  for (let t = 0; t < m; t++) {
    const i = order[t];
    // Receipts from solvent debtors = face claims − face claims on defaulters; clamp the rounding below zero.
    base[t] = alpha * e[i] + beta * Math.max(0, base[t]);
    x[t] = p[i];
  }
  for (let t = 0; t < m; t++) slot[order[t]] = -1;

  let result: DefaulterSolve | undefined;
  if (m <= DENSE_LIMIT && solveDense(ws, m)) result = { iterations: 1, converged: true };
  else result = gaussSeidel(ws, m, tolerance, maxSweeps);
  for (let t = 0; t < m; t++) p[order[t]] = Math.min(pbar[order[t]], Math.max(0, x[t]));
  return result;
}

/** Gauss–Seidel on x = base + W x, from the current x; stops when the estimated error is below tolerance. */
function gaussSeidel(ws: ClearingWorkspace, m: number, tolerance: number, maxSweeps: number): DefaulterSolve {
  const { order, pbar, subStart, subColumn, subWeight, base, x } = ws;
  let previous = Number.POSITIVE_INFINITY;
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    let delta = 0;
    for (let t = 0; t < m; t++) {
      let value = base[t];
      for (let k = subStart[t]; k < subStart[t + 1]; k++) value += subWeight[k] * x[subColumn[k]];
      const change = Math.abs(x[t] - value) / pbar[order[t]];
      if (change > delta) delta = change;
      x[t] = value;
    }
    if (settled(delta, previous, tolerance)) return { iterations: sweep, converged: true };
    previous = delta;
  }
  return { iterations: maxSweeps, converged: false };
}

/** (I − W) x = base by elimination with partial pivoting; false (x untouched) when singular. */
function solveDense(ws: ClearingWorkspace, m: number): boolean {
  if (ws.matrix.length < m * m) {
    ws.matrix = new Float64Array(m * m);
    ws.rhs = new Float64Array(m);
  }
  const { matrix: a, rhs: b, subStart, subColumn, subWeight, base, x } = ws;
  a.fill(0, 0, m * m);
  for (let r = 0; r < m; r++) {
    a[r * m + r] = 1;
    for (let k = subStart[r]; k < subStart[r + 1]; k++) a[r * m + subColumn[k]] -= subWeight[k];
    b[r] = base[r];
  }
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(a[r * m + col]) > Math.abs(a[pivot * m + col])) pivot = r;
    // Diagonal entries start at 1 and the matrix is an M-matrix: a tiny pivot means a cashless cycle.
    if (Math.abs(a[pivot * m + col]) < 1e-12) return false;
    if (pivot !== col) {
      for (let c = col; c < m; c++) {
        const tmp = a[col * m + c];
        a[col * m + c] = a[pivot * m + c];
        a[pivot * m + c] = tmp;
      }
      const tmp = b[col];
      b[col] = b[pivot];
      b[pivot] = tmp;
    }
    const d = a[col * m + col];
    for (let r = col + 1; r < m; r++) {
      const f = a[r * m + col] / d;
      if (f === 0) continue;
      for (let c = col; c < m; c++) a[r * m + c] -= f * a[col * m + c];
      b[r] -= f * b[col];
    }
  }
  for (let r = m - 1; r >= 0; r--) {
    let s = b[r];
    for (let c = r + 1; c < m; c++) s -= a[r * m + c] * b[c];
    b[r] = s / a[r * m + r];
  }
  x.set(b.subarray(0, m));
  return true;
}
