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
 * every other node paying in full. The first `before` of them were passed to the call before, in the same
 * clearing (0 starts one): the defaulters' subsystem is kept between calls and grows by the new defaulters'
 * claims, so each defaulter's claims are read once per clearing rather than once per round. A claim on a node
 * still paying in full waits in that creditor's list until it defaults. The receipts of defaulter i from solvent
 * debtors are its claims at face value minus its face claims on defaulters. Small sets are solved by Gaussian
 * elimination with partial pivoting (exact to rounding); larger or singular ones (a cashless cycle among the
 * defaulters) by Gauss–Seidel from the current payments, which stays on the side of the solution it starts from
 * because the iteration is monotone.
 */
export function solveDefaulters(
  ws: ClearingWorkspace,
  net: Network,
  alpha: number,
  beta: number,
  before: number,
  count: number,
  tolerance: number,
  maxSweeps: number,
): DefaulterSolve {
  if (count === 0) return { iterations: 0, converged: true };
  const m = count;
  const e = net.externalAssets;
  const { start, creditor, amount } = net.liabilities;
  const list = ws.order;
  if (before === 0) {
    ws.waiting.fill(-1);
    ws.waitingCount = 0;
  }
  let claims = 0;
  for (let t = before; t < m; t++) claims += start[list[t] + 1] - start[list[t]];
  // New triplets: the waiting claims on new defaulters, and the new defaulters' claims on defaulters; what waits
  // afterwards: what waited, and the new defaulters' claims on solvent nodes. Both at most this many.
  ws.reserveClaims(ws.waitingCount + claims);
  const { slot, pbar, owedTo, payments: p, outside, x, base } = ws;
  const { pairRow, pairColumn, pairWeight, waiting, waitingLast, waitNext, waitDebtor, waitClaim } = ws;
  for (let t = 0; t < m; t++) slot[list[t]] = t;
  // New defaulter-to-defaulter claims as (creditor position, debtor position, weight) triplets, in the order a
  // pass over every defaulter's row by position would meet them: first the earlier defaulters' claims on each
  // new one (its waiting list, kept in that order), then the new defaulters' rows.
  let pairs = 0;
  for (let t = before; t < m; t++) {
    const i = list[t];
    let rest = owedTo[i];
    for (let q = waiting[i]; q >= 0; q = waitNext[q]) {
      const s = waitDebtor[q];
      const k = waitClaim[q];
      pairRow[pairs] = t;
      pairColumn[pairs] = s;
      pairWeight[pairs++] = (beta / pbar[list[s]]) * amount[k];
      rest -= amount[k];
    }
    outside[t] = rest;
  }
  let waited = ws.waitingCount;
  for (let s = before; s < m; s++) {
    const j = list[s];
    const share = beta / pbar[j];
    for (let k = start[j], end = start[j + 1]; k < end; k++) {
      const to = creditor[k];
      const c = slot[to];
      if (c >= 0) {
        pairRow[pairs] = c;
        pairColumn[pairs] = s;
        pairWeight[pairs++] = share * amount[k];
        outside[c] -= amount[k];
      } else {
        waitDebtor[waited] = s;
        waitClaim[waited] = k;
        waitNext[waited] = -1;
        if (waiting[to] < 0) waiting[to] = waited;
        else waitNext[waitingLast[to]] = waited;
        waitingLast[to] = waited++;
      }
    }
  }
  ws.waitingCount = waited;
  appendRows(ws, before, m, pairs);
  for (let t = 0; t < m; t++) {
    const i = list[t];
    // Receipts from solvent debtors = face claims − face claims on defaulters; clamp the rounding below zero.
    base[t] = alpha * e[i] + beta * Math.max(0, outside[t]);
    x[t] = p[i];
  }
  for (let t = 0; t < m; t++) slot[list[t]] = -1;

  let result: DefaulterSolve | undefined;
  if (m <= DENSE_LIMIT && solveDense(ws, m)) result = { iterations: 1, converged: true };
  else result = gaussSeidel(ws, m, tolerance, maxSweeps);
  for (let t = 0; t < m; t++) p[list[t]] = Math.min(pbar[list[t]], Math.max(0, x[t]));
  return result;
}

/**
 * The subsystem's CSR (rows = creditor positions) with `pairs` new triplets added: rows before `before` keep their
 * entries and get the new ones after them, rows from `before` to `m` are new. Written into the spare CSR, which
 * then becomes the current one; within a row, entries stay in the order found (by debtor position).
 */
function appendRows(ws: ClearingWorkspace, before: number, m: number, pairs: number): void {
  const { subStart, subColumn, subWeight, spareStart, cursor, pairRow, pairColumn, pairWeight } = ws;
  for (let t = 0; t < m; t++) cursor[t] = t < before ? subStart[t + 1] - subStart[t] : 0;
  for (let q = 0; q < pairs; q++) cursor[pairRow[q]]++;
  spareStart[0] = 0;
  for (let t = 0; t < m; t++) spareStart[t + 1] = spareStart[t] + cursor[t];
  ws.reserveSpare(spareStart[m]);
  const { spareColumn, spareWeight } = ws;
  for (let t = 0; t < m; t++) {
    let at = spareStart[t];
    if (t < before)
      for (let k = subStart[t], end = subStart[t + 1]; k < end; k++, at++) {
        spareColumn[at] = subColumn[k];
        spareWeight[at] = subWeight[k];
      }
    cursor[t] = at;
  }
  for (let q = 0; q < pairs; q++) {
    const at = cursor[pairRow[q]]++;
    spareColumn[at] = pairColumn[q];
    spareWeight[at] = pairWeight[q];
  }
  ws.swapSubsystem();
}

/** Gauss–Seidel on x = base + W x, from the current x; stops when the estimated error is below tolerance. */
function gaussSeidel(ws: ClearingWorkspace, m: number, tolerance: number, maxSweeps: number): DefaulterSolve {
  const { order, pbar, subStart, subColumn, subWeight, base, x, owes } = ws;
  // Each defaulter's obligations by position, read in order rather than through `order` every sweep.
  for (let t = 0; t < m; t++) owes[t] = pbar[order[t]];
  let previous = Number.POSITIVE_INFINITY;
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    let delta = 0;
    for (let t = 0; t < m; t++) {
      let value = base[t];
      for (let k = subStart[t], end = subStart[t + 1]; k < end; k++) value += subWeight[k] * x[subColumn[k]];
      const change = Math.abs(x[t] - value) / owes[t];
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
