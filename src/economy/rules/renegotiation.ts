/**
 * Renegotiation of a distressed lab's compute contracts (docs/economy.md §3): a lab that cannot pay this quarter's
 * obligations out of its cash, revenue and funding asks its take-or-pay sellers for a step-down. Every contract it
 * has not yet amended is cut by one share k of its remaining payments, this quarter's included, sized to make the
 * lab cash-flow neutral this quarter (at least to close its shortfall); the sellers accept while k stays within
 * `credit.maxStepDown` (Operations declares it), less than they would lose in its default. A contract is amended
 * once; a lab whose shortfall needs a larger cut defaults as before. A seller left short by the cut draws its
 * revolvers.
 */
import { scalePool } from "./obligations.js";
import { drawRevolvers } from "./revolvers.js";
import type { PathContext } from "./rule.js";

/** Steps down the un-amended take-or-pay contracts of distressed lab `i`; returns the cut in this quarter's
 * payments (usdB, 0 when no step-down closes its shortfall). */
export function stepDown(ctx: PathContext, i: number, maxStepDown: number): number {
  const { model, state: s } = ctx;
  const top = model.takeOrPay;
  const shortfall = s.owes[i] + s.extLiab[i] - s.extAssets[i] - s.owed[i];
  if (!(shortfall > 0) || !(maxStepDown > 0)) return 0;
  let amendable = 0;
  for (let c = 0; c < top.ids.length; c++)
    if (top.buyer[c] === i && !s.topAmended[c] && s.topDue[c] > 0) amendable += s.topDue[c];
  // Cash-flow neutral this quarter: the cut covers what the lab spends beyond what it takes in, its cash apart.
  const k = Math.min(maxStepDown, (shortfall + Math.max(0, s.cash[i])) / amendable);
  if (!(amendable > 0) || shortfall > k * amendable * (1 + 1e-12)) return 0;
  let total = 0;
  for (let c = 0; c < top.ids.length; c++) {
    if (top.buyer[c] !== i || s.topAmended[c] || !(s.topDue[c] > 0)) continue;
    const seller = s.topSeller[c];
    const cut = k * s.topDue[c];
    s.topDue[c] -= cut;
    s.topScale[c] *= 1 - k;
    if (top.pool[c]) scalePool(s, c, 1 - k);
    s.topAmended[c] = 1;
    s.owes[i] -= cut;
    s.contractDue[i] -= cut;
    s.owed[seller] -= cut;
    total += cut;
    const sellerShort = s.owes[seller] + s.extLiab[seller] - s.extAssets[seller] - s.owed[seller];
    if (sellerShort > 0) drawRevolvers(ctx, seller, sellerShort);
  }
  if (!s.renegotiated[i]) {
    s.renegotiated[i] = 1;
    ctx.acc.renegotiated[i]++;
  }
  return total;
}
