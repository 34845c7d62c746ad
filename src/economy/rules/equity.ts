/**
 * Book equity of every living entity: cash + GPUs at book (straight-line over the accounting life) + loans
 * receivable − debt + equity stakes, each at its mark of the quarter (market value for valued issuers, book equity
 * of the previous quarter otherwise).
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

  /** Opening equity and stake marks are set by the market rule (`openBooks`), which runs first. */
  begin(): void {}

  quarter(ctx: PathContext, t: number): void {
    const { model, state: s } = ctx;
    s.lastEquity.set(s.equity);
    for (let i = 0; i < s.n; i++) s.equity[i] = s.alive[i] ? s.cash[i] + fleetAtBook(ctx, i, t) : 0;
    const debt = model.debt;
    for (let c = 0; c < debt.ids.length; c++) {
      if (!s.debtActive[c]) continue;
      if (s.alive[debt.borrower[c]]) s.equity[debt.borrower[c]] -= s.debtOut[c];
      if (s.alive[debt.lender[c]]) s.equity[debt.lender[c]] += s.debtOut[c];
    }
    const stakes = model.stakes;
    for (let k = 0; k < stakes.holder.length; k++)
      if (s.alive[stakes.holder[k]]) s.equity[stakes.holder[k]] += s.stakeValue[k];
  }
}

/**
 * An entity's GPUs and sites at book after quarter `t` (straight-line over the accounting life), and the sites it
 * has built ahead at cost (construction in progress is not depreciated), usdB.
 */
export function fleetAtBook(ctx: PathContext, i: number, t: number): number {
  const { vintage, T } = ctx.state;
  const row = i * (T + 1);
  const lifeQ = ctx.state.lifeQ[i];
  // The opening fleet (vintage 0) has its own age; a later vintage v is t − v + 1 quarters old.
  let value = ctx.state.sitesAhead[i];
  const opening = vintage[row];
  if (opening !== 0) value += opening * Math.max(0, 1 - (ctx.state.age0[i] + t) / lifeQ);
  const last = Math.min(t + 1, T);
  for (let v = 1; v <= last; v++) {
    const cost = vintage[row + v];
    if (cost !== 0) value += cost * Math.max(0, 1 - (t - v + 1) / lifeQ);
  }
  return value;
}

/**
 * Book equity of every entity at the start, and its equity stakes' opening marks: cash + fleet at book − debt
 * running at the start, then the stakes (market value for valued issuers, this opening book equity otherwise).
 */
export function openBooks(ctx: PathContext): void {
  const { model, state: s } = ctx;
  for (let i = 0; i < s.n; i++) s.equity[i] = s.cash[i] + fleetAtBook(ctx, i, -1);
  const debt = model.debt;
  for (let c = 0; c < debt.ids.length; c++) {
    if (!s.debtActive[c] || debt.drawnAtStart[c]) continue;
    s.equity[debt.borrower[c]] -= s.debtOut[c];
    s.equity[debt.lender[c]] += s.debtOut[c];
  }
  const stakes = model.stakes;
  for (let k = 0; k < stakes.holder.length; k++) {
    const j = stakes.issuer[k];
    s.stakeValue[k] = s.stakeFraction[k] * (s.valued[j] ? s.marketValue[j] : Math.max(0, s.equity[j]));
  }
  for (let k = 0; k < stakes.holder.length; k++) s.equity[stakes.holder[k]] += s.stakeValue[k];
  s.lastEquity.set(s.equity);
}
