/**
 * Book equity of every living entity: cash + GPUs at book (straight-line over the accounting life) + loans
 * receivable − debt + equity stakes, each valued at its issuer's equity of the previous quarter.
 */
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import type { PathContext, Rule } from "./rule.js";

export class Equity implements Rule {
  readonly name = "equity";
  /** Numbers of an equity stake. */
  static readonly contract = {
    fraction: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Equity stake: fraction of the issuer's equity held.",
    },
  } as const satisfies ParameterSpecs;

  begin(ctx: PathContext): void {
    const { model, theta, state: s } = ctx;
    s.equity.fill(0);
    s.lastEquity.fill(0);
    for (let k = 0; k < model.stakes.holder.length; k++)
      s.stakeFraction[k] = theta[model.stakes.fractionSlot[k]];
  }

  quarter(ctx: PathContext, t: number): void {
    const { model, state: s } = ctx;
    const { n, T } = s;
    s.lastEquity.set(s.equity);
    for (let i = 0; i < n; i++) {
      if (!s.alive[i]) {
        s.equity[i] = 0;
        continue;
      }
      let value = s.cash[i];
      const row = i * (T + 1);
      for (let v = 0; v <= t + 1 && v <= T; v++) {
        const cost = s.vintage[row + v];
        if (cost === 0) continue;
        const age = v === 0 ? s.age0[i] + t : t - v + 1;
        value += cost * Math.max(0, 1 - age / s.lifeQ[i]);
      }
      s.equity[i] = value;
    }
    const debt = model.debt;
    for (let c = 0; c < debt.ids.length; c++) {
      if (!s.debtActive[c]) continue;
      if (s.alive[debt.borrower[c]]) s.equity[debt.borrower[c]] -= s.debtOut[c];
      if (s.alive[debt.lender[c]]) s.equity[debt.lender[c]] += s.debtOut[c];
    }
    const stakes = model.stakes;
    for (let k = 0; k < stakes.holder.length; k++) {
      const h = stakes.holder[k];
      if (s.alive[h]) s.equity[h] += s.stakeFraction[k] * Math.max(0, s.lastEquity[stakes.issuer[k]]);
    }
  }
}
