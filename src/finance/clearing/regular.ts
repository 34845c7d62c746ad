import type { Network } from "../network.js";

/**
 * Whether the Eisenberg–Noe clearing vector is unique for a structural reason, checked in O(n + m): every node
 * reaches, along what it owes, a node with external assets, an outside creditor, or a node that owes nothing.
 *
 * Why this suffices (Eisenberg and Noe 2001, Theorem 2, with outside creditors): if the greatest and least
 * vectors differ, the nodes D where they differ default under the least one, and summing the clearing equations
 * over D shows that D owes nothing outside D, has no outside creditors and no external assets. A node that
 * reaches one of the three kinds of node above therefore lies outside every such D. Not necessary: a network
 * that fails the test may still have a unique vector (then `clear` finds out by computing the least one).
 * For Eisenberg–Noe only: Rogers–Veraart default costs break uniqueness without any cashless cycle.
 */
export function isRegular(net: Network): boolean {
  const { n } = net;
  const { start, creditor } = net.liabilities;
  const m = start[n];
  const safe = new Uint8Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) {
    if (net.externalAssets[i] > 0 || net.externalLiabilities[i] > 0 || start[i + 1] === start[i]) {
      safe[i] = 1;
      queue[tail++] = i;
    }
  }
  // Every node safe by itself (every bank has outside creditors, say): nothing to walk.
  if (tail === n) return true;
  // Debtors of each creditor (the reverse of the debtor-major CSR), to walk backwards from the safe nodes.
  const inStart = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) inStart[creditor[k] + 1]++;
  for (let i = 0; i < n; i++) inStart[i + 1] += inStart[i];
  const cursor = inStart.slice(0, n);
  const debtor = new Int32Array(m);
  for (let j = 0; j < n; j++) for (let k = start[j]; k < start[j + 1]; k++) debtor[cursor[creditor[k]]++] = j;

  for (let head = 0; head < tail; head++) {
    const i = queue[head];
    for (let k = inStart[i]; k < inStart[i + 1]; k++) {
      const j = debtor[k];
      if (safe[j] === 0) {
        safe[j] = 1;
        queue[tail++] = j;
      }
    }
  }
  return tail === n;
}
