/** Revolving credit facilities drawn for a quarter's shortfall (docs/economy.md §credit). */
import { DEBT_CODES } from "../model.js";
import type { PathContext } from "./rule.js";

/**
 * Entity `i` draws up to `need` from its revolving credit facilities, in the scenario's order, each up to its
 * commitment outstanding and its lender's free cash, while its credit allows (a lender refuses a borrower it would
 * not refinance). The draw joins the facility's pool at its rate (or the risk-free rate plus the borrower's spread).
 */
export function drawRevolvers(ctx: PathContext, i: number, need: number): void {
  const { model, theta, state: s } = ctx;
  const debt = model.debt;
  let left = need;
  for (let c = 0; c < debt.ids.length && left > 1e-12; c++) {
    if (!debt.facility[c] || debt.borrower[c] !== i || debt.type[c] !== DEBT_CODES.revolver) continue;
    const lender = debt.lender[c];
    if (!s.lends[lender] || !s.refinanceOpen[i]) continue;
    const lenderFree = Math.max(0, s.extAssets[lender] - s.owes[lender] - s.extLiab[lender]);
    const draw = Math.min(left, theta[debt.commitmentSlot[c]] - s.debtOut[c], lenderFree);
    if (!(draw > 0)) continue;
    const rate =
      debt.rateSlot[c] < 0 ? ctx.world("credit.riskFreeRate") + s.creditSpread[i] : theta[debt.rateSlot[c]];
    const out = s.debtOut[c];
    s.debtRate[c] = (s.debtRate[c] * out + rate * draw) / (out + draw);
    s.debtOut[c] = out + draw;
    s.drawnTotal[c] += draw;
    s.extAssets[lender] -= draw;
    s.extAssets[i] += draw;
    left -= draw;
  }
}
