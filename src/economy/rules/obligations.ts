/**
 * Obligations due this quarter (docs/economy.md §contracts): take-or-pay payments (flat or ramped over the
 * term) and debt service — bonds, either a bullet or a ladder of equal slices maturing every quarter of the term
 * (refinanced while the issuer's credit allows, at the risk-free rate plus its spread), amortising loans, and
 * project loans (interest only while under construction, then level payments). A loan with a `start` is drawn
 * in that quarter; a facility's pool (drawn by capex) amortises or matures a slice of itself every quarter.
 */

import { pow } from "../../util/portable/index.js";
import { DEBT_CODES, param } from "../model.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import { DEBT_CALL, type PathState, POOL_DECAY_SPAN } from "../state.js";
import type { PathContext, Rule } from "./rule.js";

export class Obligations implements Rule {
  readonly name = "obligations";
  static readonly world = {
    "credit.riskFreeRate": {
      domain: DOMAINS.fraction,
      unit: "1/year",
      doc: "Risk-free rate to which a refinanced bond's coupon adds the issuer's credit spread.",
      default: 0.04,
    },
  } as const satisfies ParameterSpecs;
  private riskFree = 0;
  /** Numbers of a contract (take-or-pay, loans, bonds, project loans). */
  static readonly contract = {
    totalUsdB: {
      domain: DOMAINS.nonNegative,
      unit: "usdB",
      doc: "Take-or-pay: total payments over the term (what remains, for a contract already running).",
    },
    termQuarters: {
      domain: DOMAINS.positiveInt,
      unit: "quarters",
      doc: "Term remaining at the contract's start.",
    },
    principalUsdB: {
      domain: DOMAINS.nonNegative,
      unit: "usdB",
      doc: "Debt: principal outstanding at its start.",
    },
    rateAnnual: {
      domain: DOMAINS.fraction,
      unit: "1/year",
      doc: "Debt: interest rate per year (0.1 = 10%).",
    },
    constructionQuarters: {
      domain: DOMAINS.nonNegativeInt,
      unit: "quarters",
      doc: "Project loan: interest-only quarters before it converts to an amortising term loan.",
    },
    breakQuarters: {
      domain: DOMAINS.positiveInt,
      unit: "quarters",
      doc: "Take-or-pay: the buyer may end the contract every this many quarters (a lease's renewal points) (default: never).",
      optional: true,
    },
    breakFeeShare: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Take-or-pay: share of the remaining payments the buyer pays when it ends the contract at a break (a termination fee or residual-value guarantee) (default: 0).",
      optional: true,
    },
    maxLoanToValue: {
      domain: { lo: Number.MIN_VALUE, hi: 1 },
      unit: "fraction",
      doc: "Largest loan ÷ collateral value before a margin call — a pledged stake, or for a GPU-secured loan its share of the borrower's fleet at market (default: no margin calls).",
      optional: true,
    },
  } as const satisfies ParameterSpecs;

  begin(ctx: PathContext): void {
    this.riskFree = ctx.world("credit.riskFreeRate");
    const { model, theta, state: s } = ctx;
    const top = model.takeOrPay;
    s.topSeller.set(top.seller);
    for (let c = 0; c < top.ids.length; c++) {
      s.topActive[c] = 1;
      s.topTerm[c] = Math.max(1, Math.round(theta[top.termSlot[c]]));
    }
    const debt = model.debt;
    for (let c = 0; c < debt.ids.length; c++) {
      s.debtOut[c] = param(theta, debt.principalSlot[c], 0);
      s.debtRate[c] = param(theta, debt.rateSlot[c], 0);
      s.debtTerm[c] = Math.max(1, Math.round(theta[debt.termSlot[c]]));
      s.debtLeft[c] = s.debtTerm[c];
      s.debtConstruction[c] = Math.round(param(theta, debt.constructionSlot[c], 0));
      s.debtActive[c] = 1;
    }
  }

  quarter(ctx: PathContext, t: number): void {
    const { model, state: s } = ctx;
    const { alive, extAssets, extLiab, owes, owed, contractDue } = s;
    for (let i = 0; i < s.n; i++) {
      extAssets[i] = alive[i] ? s.cash[i] : 0;
      extLiab[i] = 0;
      owes[i] = 0;
      owed[i] = 0;
      contractDue[i] = 0;
      s.revenue[i] = 0;
      s.newDefault[i] = 0;
      s.round[i] = 0;
      s.capexDone[i] = 0;
    }
    const top = model.takeOrPay;
    for (let c = 0; c < top.ids.length; c++) {
      const b = top.buyer[c];
      const seller = s.topSeller[c];
      let due = 0;
      if (top.pool[c]) due = s.topActive[c] && alive[b] && alive[seller] ? runPool(s, c, t) : 0;
      else if (alive[b] && alive[seller]) due = scheduledPayment(ctx, c, t);
      if (due > 0 && top.breakSlot[c] >= 0) due += this.breakPayment(ctx, c, t);
      s.topDue[c] = due;
      contractDue[b] += due;
      owes[b] += due;
      owed[seller] += due;
    }
    const debt = model.debt;
    for (let c = 0; c < debt.ids.length; c++) {
      s.debtDue[c] = 0;
      s.debtPrincipalDue[c] = 0;
      s.debtCall[c] = DEBT_CALL.scheduled;
      const b = debt.borrower[c];
      if (t === debt.start[c] && debt.drawnAtStart[c]) drawLoan(s, debt.lender[c], b, c);
      if (!s.debtActive[c] || t < debt.start[c] || !alive[b] || s.debtOut[c] <= 0) continue;
      // A facility's pool keeps a constant maturity: its draws are staggered over the term.
      if (debt.facility[c]) s.debtLeft[c] = s.debtTerm[c];
      const out = s.debtOut[c];
      const bond = debt.type[c] === DEBT_CODES.bond;
      let principal: number;
      if (bond && debt.ladder[c]) principal = out / Math.max(1, s.debtLeft[c]);
      else if (bond) principal = s.debtLeft[c] <= 1 ? out : 0;
      else if (debt.type[c] !== DEBT_CODES["project-loan"]) principal = out / Math.max(1, s.debtLeft[c]);
      else if (s.debtConstruction[c] > 0) {
        // Construction: interest only.
        principal = 0;
        s.debtConstruction[c]--;
      } else {
        // Converted term loan: level payments (an annuity) that repay it over the quarters left.
        const left = Math.max(1, s.debtLeft[c]);
        const rateQ = s.debtRate[c] / 4;
        principal = rateQ > 0 ? (out * rateQ) / (pow(1 + rateQ, left) - 1) : out / left;
      }
      // Margin call: a loan whose collateral has lost value is due down to its loan-to-value limit, and a lender
      // calling margin does not refinance.
      let marginCall = false;
      const k = debt.collateral[c];
      if (debt.maxLtvSlot[c] >= 0) {
        // The collateral: a pledged stake, or the loan's share of the borrower's fleet (GPU-secured loans).
        const value = k >= 0 ? s.stakeValue[k] : (s.fleetValue[b] * out) / securedDebt(ctx, b);
        const limit = ctx.theta[debt.maxLtvSlot[c]] * value;
        if (out - principal > limit) {
          principal = out - limit;
          marginCall = true;
        }
      }
      if (bond && principal > 0 && s.refinanceOpen[b] && !marginCall) {
        // Refinanced at the issuer's spread: a bullet rolls for its original term; a ladder's maturing slice is
        // replaced by a new one at the long end, so the ladder keeps its length and blends in the new coupon.
        const coupon = this.riskFree + s.creditSpread[b];
        if (debt.ladder[c]) {
          s.debtRate[c] += ((coupon - s.debtRate[c]) * principal) / out;
          s.debtLeft[c]++;
        } else {
          s.debtLeft[c] = s.debtTerm[c] + 1;
          s.debtRate[c] = coupon;
        }
        principal = 0;
      }
      s.debtPrincipalDue[c] = principal;
      s.debtCall[c] = marginCall
        ? DEBT_CALL.marginCall
        : bond && principal > 0
          ? DEBT_CALL.maturity
          : DEBT_CALL.scheduled;
      s.debtDue[c] = principal + (out * s.debtRate[c]) / 4;
      owes[b] += s.debtDue[c];
      owed[debt.lender[c]] += s.debtDue[c];
    }
  }

  /**
   * At a break of take-or-pay contract `c` (every `breakQuarters` from its start), the buyer ends it when renting
   * the same capacity in the market would cost less than the contract even after the fee — the GPU price index has
   * fallen below 1 − `breakFeeShare` — and pays the fee on the remaining payments now; the contract ends this
   * quarter. Returns that fee, usdB (0 when it is not ended).
   */
  private breakPayment(ctx: PathContext, c: number, t: number): number {
    const { model, theta, state: s } = ctx;
    const top = model.takeOrPay;
    const k = t - top.start[c];
    const every = Math.round(theta[top.breakSlot[c]]);
    const term = s.topTerm[c];
    if (k <= 0 || k % every !== 0 || k >= term - 1) return 0;
    const fee = param(theta, top.breakFeeSlot[c], 0);
    if (s.gpuPrice >= 1 - fee) return 0;
    let remaining = 0;
    for (let j = t + 1; j < top.start[c] + term; j++) remaining += scheduledPayment(ctx, c, j);
    s.topTerm[c] = k + 1;
    return fee * remaining;
  }
}

/**
 * A loan with a `start` is drawn in that quarter: the lender pays the principal to the borrower (at
 * most the lender's cash). It is not made if the borrower has defaulted or the lender has stopped lending.
 */
export function drawLoan(s: PathState, lender: number, borrower: number, c: number): void {
  const draw = s.lends[lender] && s.alive[borrower] ? Math.min(s.debtOut[c], Math.max(0, s.cash[lender])) : 0;
  s.cash[lender] -= draw;
  s.extAssets[lender] -= draw;
  s.cash[borrower] += draw;
  s.extAssets[borrower] += draw;
  s.debtOut[c] = draw;
  if (draw <= 0) s.debtActive[c] = 0;
}

/** Outstanding GPU- and site-secured debt of entity `i`, usdB (at least the smallest positive number). */
function securedDebt(ctx: PathContext, i: number): number {
  const { model, state: s } = ctx;
  const debt = model.debt;
  let total = Number.MIN_VALUE;
  for (let c = 0; c < debt.ids.length; c++)
    if (
      debt.borrower[c] === i &&
      s.debtActive[c] &&
      debt.collateral[c] < 0 &&
      (debt.type[c] === DEBT_CODES["gpu-loan"] || debt.type[c] === DEBT_CODES["project-loan"])
    )
      total += s.debtOut[c];
  return total;
}

/** Lists each seller's take-or-pay contracts in contract order (`soldFirst`, `soldNext`), so that a rule going
 * through the entities reads each one's own contracts rather than all of them. */
export function indexSales(s: PathState): void {
  const { soldFirst, soldNext, topSeller } = s;
  soldFirst.fill(-1);
  for (let c = topSeller.length - 1; c >= 0; c--) {
    soldNext[c] = soldFirst[topSeller[c]];
    soldFirst[topSeller[c]] = c;
  }
}

/** Payment of take-or-pay contract `c` scheduled for quarter `t` (flat, or the k-th ∝ k of a ramp, times any
 * step-down; an offtake pool's 1/term of itself, as signed so far), usdB; 0 once it has ended. */
export function scheduledPayment(ctx: PathContext, c: number, t: number): number {
  const top = ctx.model.takeOrPay;
  const s = ctx.state;
  if (top.pool[c]) return s.topActive[c] ? poolPayment(s, c, t) : 0;
  const k = t - top.start[c];
  const term = s.topTerm[c];
  if (!s.topActive[c] || k < 0 || k >= term) return 0;
  const total = ctx.theta[top.totalSlot[c]] * s.topScale[c];
  return top.ramp[c] ? (total * (k + 1)) / ((term * (term + 1)) / 2) : total / term;
}

/**
 * Payment of offtake pool `c` in quarter `t` as signed so far: 1/term of what it holds then — its outstanding
 * commitment run off by (1 − 1/term) a quarter since its next payment, plus each signing delivered by `t`, run off
 * since its delivery — usdB (0 before its next payment).
 */
export function poolPayment(s: PathState, c: number, t: number): number {
  const from = s.poolFrom[c];
  if (t < from || !s.poolSigned[c]) return 0;
  const term = s.topTerm[c];
  const decay = decayRow(s, c, term);
  const table = s.poolDecay;
  let held =
    s.poolOut[c] * (t - from < POOL_DECAY_SPAN ? table[decay + t - from] : pow(1 - 1 / term, t - from));
  const row = c * s.poolQuarters;
  for (let q = from; q <= Math.min(t, s.poolQuarters - 1); q++)
    held +=
      s.poolPending[row + q] * (t - q < POOL_DECAY_SPAN ? table[decay + t - q] : pow(1 - 1 / term, t - q));
  return held / term;
}

/** Offset of pool `c`'s row of (1 − 1/term)^k in `poolDecay`, filled for `term` if it was not. */
function decayRow(s: PathState, c: number, term: number): number {
  const row = c * POOL_DECAY_SPAN;
  if (s.poolDecayTerm[c] !== term) {
    const keep = 1 - 1 / term;
    for (let k = 0; k < POOL_DECAY_SPAN; k++) s.poolDecay[row + k] = pow(keep, k);
    s.poolDecayTerm[c] = term;
  }
  return row;
}

/** Scales offtake pool `c`'s commitments, delivered or not, by `factor` (a step-down). */
export function scalePool(s: PathState, c: number, factor: number): void {
  s.poolOut[c] *= factor;
  s.poolPendingTotal[c] *= factor;
  const row = c * s.poolQuarters;
  for (let q = s.poolFrom[c]; q < s.poolQuarters; q++) s.poolPending[row + q] *= factor;
}

/** Pays offtake pool `c`'s quarter `t`: the signing delivered now joins the outstanding commitment, of which
 * 1/term is due (returned, usdB) and leaves it. */
function runPool(s: PathState, c: number, t: number): number {
  const row = c * s.poolQuarters;
  const delivered = s.poolPending[row + t];
  s.poolPending[row + t] = 0;
  s.poolPendingTotal[c] = Math.max(0, s.poolPendingTotal[c] - delivered);
  s.poolOut[c] += delivered;
  const due = s.poolOut[c] / s.topTerm[c];
  s.poolOut[c] -= due;
  s.poolFrom[c] = t + 1;
  return due;
}
