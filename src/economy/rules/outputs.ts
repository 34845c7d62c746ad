/**
 * Records the quarter: each entity's cash, equity, revenue, capex, debt outstanding and market value
 * (ENTITY_SERIES), its default, the world series (GLOBAL_SERIES; `sentiment` is the log of the market's valuation
 * factor, `startGpuRent` the GPU price index times what a GPU of the start keeps of its value), and at each
 * calendar year's end (or the horizon's) the year's revenue, capex, burn (cash consumed before financing: the fall
 * in cash plus equity raised plus net new debt, while alive) and a lab's compute bought, and its closing debt,
 * market value, backlog and run-rate (ANNUAL_SERIES).
 */
import { log, pow } from "../../util/portable/index.js";
import {
  ANNUAL_SERIES,
  type AnnualSeries,
  entitySeriesIndex,
  globalSeriesIndex,
  record,
  recordAnnualEntities,
  recordEntities,
} from "../outputs.js";
import { scheduledPayment } from "./obligations.js";
import type { PathContext, Rule } from "./rule.js";

/** Each annual series' number (ANNUAL_SERIES order), looked up once. */
const ANNUAL = Object.fromEntries(ANNUAL_SERIES.map((name, k) => [name, k])) as Record<AnnualSeries, number>;

export class Outputs implements Rule {
  readonly name = "outputs";
  /** Debt outstanding of each entity at the quarter's end, usdB (scratch). */
  private debt = new Float64Array(0);
  /** Cash, equity raised and debt at the end of the last quarter (the start before the first). */
  private lastCash = new Float64Array(0);
  private lastRaised = new Float64Array(0);
  private lastDebt = new Float64Array(0);
  /** Backlog of each seller at the quarter's end (scratch). */
  private backlog = new Float64Array(0);
  /** Cash of the living (0 after default) and the revenue run-rate, per entity (scratch). */
  private liveCash = new Float64Array(0);
  private runRate = new Float64Array(0);
  /** What a GPU of the start keeps of its value each quarter (economic depreciation). */
  private decayQ = 1;

  begin(ctx: PathContext): void {
    const s = ctx.state;
    this.decayQ = pow(1 - ctx.world("gpu.economicDepreciationPerYear"), 0.25);
    if (this.debt.length !== s.n) {
      this.debt = new Float64Array(s.n);
      this.lastCash = new Float64Array(s.n);
      this.lastRaised = new Float64Array(s.n);
      this.lastDebt = new Float64Array(s.n);
      this.backlog = new Float64Array(s.n);
      this.liveCash = new Float64Array(s.n);
      this.runRate = new Float64Array(s.n);
    }
    s.yearRevenue.fill(0);
    s.yearCapex.fill(0);
    s.yearBurn.fill(0);
    s.yearCompute.fill(0);
    s.computeToDate.fill(0);
    this.lastCash.set(s.cash);
    this.lastRaised.set(s.raised);
    this.debtOutstanding(ctx, this.lastDebt, -1);
  }

  /** Each living entity's debt outstanding at the end of quarter `t` (−1: at the start) into `out`, usdB; a loan
   * with a later start is not outstanding before it is drawn. */
  private debtOutstanding(ctx: PathContext, out: Float64Array, t: number): void {
    const { state: s, model } = ctx;
    const { debt } = model;
    out.fill(0);
    for (let c = 0; c < debt.ids.length; c++)
      if (s.debtActive[c] && s.alive[debt.borrower[c]] && (!debt.drawnAtStart[c] || t >= debt.start[c]))
        out[debt.borrower[c]] += s.debtOut[c];
  }

  quarter(ctx: PathContext, t: number): void {
    const { state: s, acc } = ctx;
    const { n, T } = s;
    const debt = this.debt;
    this.debtOutstanding(ctx, debt, t);
    const liveCash = this.liveCash;
    for (let i = 0; i < n; i++) liveCash[i] = s.alive[i] ? s.cash[i] : 0;
    recordEntities(acc, entitySeriesIndex("cash", n, 0), t, liveCash);
    recordEntities(acc, entitySeriesIndex("equity", n, 0), t, s.equity);
    recordEntities(acc, entitySeriesIndex("revenue", n, 0), t, s.revenue);
    recordEntities(acc, entitySeriesIndex("capex", n, 0), t, s.capexDone);
    recordEntities(acc, entitySeriesIndex("debt", n, 0), t, debt);
    recordEntities(acc, entitySeriesIndex("marketValue", n, 0), t, s.marketValue);
    for (let i = 0; i < n; i++) {
      if (!s.alive[i]) acc.deadBy[i * T + t]++;
      s.yearRevenue[i] += s.revenue[i];
      s.yearCapex[i] += s.capexDone[i];
      s.yearCompute[i] += s.computeBought[i];
      s.computeToDate[i] += s.computeBought[i];
      if (s.alive[i])
        s.yearBurn[i] +=
          this.lastCash[i] - s.cash[i] + (s.raised[i] - this.lastRaised[i]) + (debt[i] - this.lastDebt[i]);
      this.lastCash[i] = s.cash[i];
      this.lastRaised[i] = s.raised[i];
      this.lastDebt[i] = debt[i];
    }
    // The world series follow in GLOBAL_SERIES order.
    const world = globalSeriesIndex("revenue", n);
    record(acc, world, t, s.labRevenue);
    record(acc, world + 1, t, s.computeSpend);
    record(acc, world + 2, t, s.computeSpend - s.labRevenue);
    record(acc, world + 3, t, s.strandedGw);
    record(acc, world + 4, t, s.powerGw);
    record(acc, world + 5, t, s.capability);
    record(acc, world + 6, t, log(s.valuation));
    record(acc, world + 7, t, s.gpuPrice);
    // The rent of a GPU bought at the start, relative to its rent then: what a quoted price of one GPU model
    // (an H100 hour) measures.
    record(acc, world + 8, t, s.gpuPrice * pow(this.decayQ, t + 1));
    const place = acc.startQuarterOfYear + t;
    if (place % 4 === 3 || t === T - 1) {
      const year = Math.floor(place / 4);
      this.backlogAfter(ctx, t);
      for (let i = 0; i < n; i++) this.runRate[i] = 4 * s.revenue[i];
      recordAnnualEntities(acc, ANNUAL.revenue, year, s.yearRevenue);
      recordAnnualEntities(acc, ANNUAL.capex, year, s.yearCapex);
      recordAnnualEntities(acc, ANNUAL.debt, year, debt);
      recordAnnualEntities(acc, ANNUAL.marketValue, year, s.marketValue);
      recordAnnualEntities(acc, ANNUAL.burn, year, s.yearBurn);
      recordAnnualEntities(acc, ANNUAL.compute, year, s.yearCompute);
      recordAnnualEntities(acc, ANNUAL.computeToDate, year, s.computeToDate);
      recordAnnualEntities(acc, ANNUAL.backlog, year, this.backlog);
      recordAnnualEntities(acc, ANNUAL.runRate, year, this.runRate);
      // A new year starts: the sums start again (a partial last year's stay for whoever reads the state).
      if (place % 4 === 3) {
        s.yearRevenue.fill(0);
        s.yearCapex.fill(0);
        s.yearBurn.fill(0);
        s.yearCompute.fill(0);
      }
    }
  }

  /** Each living seller's take-or-pay payments due after quarter `t` from buyers alive, usdB, into `backlog`: the
   * remaining performance obligations a cloud reports. */
  private backlogAfter(ctx: PathContext, t: number): void {
    const { state: s, model } = ctx;
    const top = model.takeOrPay;
    const out = this.backlog;
    out.fill(0);
    for (let c = 0; c < top.ids.length; c++) {
      const seller = s.topSeller[c];
      if (!s.topActive[c] || !s.alive[seller] || !s.alive[top.buyer[c]]) continue;
      if (top.pool[c]) {
        out[seller] += s.poolOut[c] + s.poolPendingTotal[c];
        continue;
      }
      const end = top.start[c] + s.topTerm[c];
      for (let q = Math.max(t + 1, top.start[c]); q < end; q++) out[seller] += scheduledPayment(ctx, c, q);
    }
  }
}
