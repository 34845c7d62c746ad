/**
 * One path's story for one entity, quarter by quarter (`wallcast explain`): what came in and went out, the credit
 * the market gave it, what it asked for and was refused, and — when it defaults — the trigger and the cause. The
 * path is the same path `simulate` runs with the same seed (same parameter draw, same shocks).
 */
import { DEFAULT_CAUSES, type DefaultCause } from "../economy/kinds.js";
import { type Accumulator, createAccumulator } from "../economy/outputs.js";
import { createPathContext, PathWorkspace, runPath } from "../economy/path.js";
import { DEBT_CALL } from "../economy/state.js";
import { type CompiledScenario, compileScenario } from "./compile.js";
import { drawPathParameters, pathStreams, withFullUncertainty } from "./parameters.js";
import type { Scenario } from "./schema.js";

/** What happened to the entity in one quarter; money in usdB for the quarter (stocks at its end). */
export interface QuarterStory {
  quarter: string;
  cashStartUsdB: number;
  /** A lab's revenue, a cloud's receipts for compute, a vendor's data-centre sales. */
  revenueUsdB: number;
  /** Equity raised (funding rounds, share issues, tranche investments). */
  equityRaisedUsdB: number;
  /** New borrowing: facility and revolver draws, refinanced principal (debt at the end − at the start + principal
   * repaid). */
  borrowedUsdB: number;
  /** Take-or-pay payments due as a buyer. */
  contractPaymentsUsdB: number;
  /** Interest and principal due. */
  debtServiceUsdB: number;
  /** Spot compute, power, staff and other operating costs. */
  operatingCostsUsdB: number;
  capexUsdB: number;
  /** Cash at the quarter's end (for a defaulter, after the clearing, before its assets are sold). */
  cashEndUsdB: number;
  debtEndUsdB: number;
  /** One-year expected default frequency at the quarter's start. */
  edf: number;
  /** Whether a maturing bond could be refinanced this quarter. */
  refinanceOpen: boolean;
  /** Odds that a funding round closes this quarter. */
  roundProbability: number;
  /** What happened beyond the flows, in order: maturities refused, margin calls, step-downs, contracts signed,
   * the default (the CLI words them in the reader's language). */
  events: StoryEvent[];
}

/** One thing that happened to the entity in a quarter. */
export type StoryEvent =
  | {
      /** A bond matured and was not refinanced: its issuer's EDF was over the market's limit, or its operating
       * cash flow did not cover its interest. */
      kind: "notRefinanced";
      contract: string;
      principalUsdB: number;
      edf: number;
      maxEdf: number;
      reason: "edf" | "interestCover";
    }
  | {
      /** A loan was called down to its loan-to-value limit. */
      kind: "marginCall";
      contract: string;
      principalUsdB: number;
    }
  | {
      /** Short of cash, it had its compute contracts stepped down by their sellers. */
      kind: "steppedDown";
    }
  | {
      /** A take-or-pay contract signed during the run (an offtake pool): the entity is its buyer or its seller;
       * `commitmentUsdB` is what was signed this quarter. */
      kind: "signed";
      contract: string;
      buyer: string;
      seller: string;
      commitmentUsdB: number;
    }
  | {
      /** It defaulted: the obligation it left most unpaid, and why. */
      kind: "defaulted";
      trigger: string | null;
      cause: DefaultCause | null;
    };

/** One entity's story on one path: its default (if any) and its quarters. */
export interface PathStory {
  scenario: string;
  entity: string;
  path: number;
  seed: number;
  /** Quarter of its default, null when it survives the horizon. */
  defaultQuarter: string | null;
  /** The obligation it left most unpaid (a contract id, `operatingCosts` or `lossesOverCapital`). */
  trigger: string | null;
  cause: DefaultCause | null;
  quarters: QuarterStory[];
}

/** Which entity and path `explainPath` tells. */
export interface ExplainOptions {
  /** Entity id. */
  entity: string;
  /** Path index (default: the first of `searchPaths` on which the entity defaults, else 0). */
  path?: number;
  /** Run seed (default 1). */
  seed?: number;
  /** Paths searched for a default when no path is given (default 1000). */
  searchPaths?: number;
  /** As in `simulate`: "full" (default) draws every assumption across its range, "point" holds it. */
  uncertainty?: "full" | "point";
}

/** Path `path`'s parameters and streams, as `simulate` draws them. */
function pathSetup(compiled: CompiledScenario, seed: number, path: number) {
  const { parameters } = compiled;
  const theta = new Float64Array(parameters.paths.length);
  drawPathParameters(parameters, seed, path, theta, new Float64Array(2 * parameters.random.length));
  return { theta, streams: pathStreams(seed, path) };
}

function freshAccumulator(compiled: CompiledScenario): Accumulator {
  const { model } = compiled;
  return createAccumulator(
    model.entities.ids.length,
    model.quarters,
    model.startQuarterOfYear,
    model.takeOrPay.ids.length + model.debt.ids.length,
  );
}

/** The first of `searchPaths` paths on which entity `i` defaults, or undefined. */
function firstDefaultPath(compiled: CompiledScenario, i: number, seed: number, searchPaths: number) {
  const ws = new PathWorkspace(compiled.model);
  const acc = freshAccumulator(compiled);
  for (let path = 0; path < searchPaths; path++) {
    const { theta, streams } = pathSetup(compiled, seed, path);
    runPath(compiled.model, theta, streams, ws, acc);
    if (ws.defaultQuarter[i] >= 0) return path;
  }
  return undefined;
}

/** Tells entity `options.entity`'s story on one path of `scenario`. */
export function explainPath(scenario: Scenario, options: ExplainOptions): PathStory {
  const compiled = compileScenario(
    options.uncertainty === "point" ? scenario : withFullUncertainty(scenario),
  );
  const { model } = compiled;
  const i = model.entities.ids.indexOf(options.entity);
  if (i < 0) throw new RangeError(`invalid entity: ${options.entity}`);
  const seed = options.seed ?? 1;
  const path = options.path ?? firstDefaultPath(compiled, i, seed, options.searchPaths ?? 1000) ?? 0;
  const { theta, streams } = pathSetup(compiled, seed, path);
  const ws = new PathWorkspace(model);
  const acc = freshAccumulator(compiled);
  const ctx = createPathContext(model, theta, streams, ws, acc);
  const top = model.takeOrPay;
  const debt = model.debt;
  const names = [...top.ids, ...debt.ids, "operatingCosts", "lossesOverCapital"];
  const m = acc.obligations;
  const K = DEFAULT_CAUSES.length;
  const maxEdf = ctx.world("credit.maxRefinancingEdf");
  const debtOf = () => {
    let total = 0;
    for (let c = 0; c < debt.ids.length; c++)
      if (debt.borrower[c] === i && ws.debtActive[c] && ws.debtOut[c] > 0) total += ws.debtOut[c];
    return total;
  };
  const quarters: QuarterStory[] = [];
  let trigger: string | null = null;
  let cause: DefaultCause | null = null;
  /** Offtake pools' signings before this quarter's, to tell what the quarter signed. */
  const signedBefore = new Float64Array(top.ids.length);
  for (const rule of ws.rules) rule.begin(ctx);
  for (let t = 0; t < ws.T && ws.alive[i]; t++) {
    const story: QuarterStory = {
      quarter: model.quarterLabels[t],
      cashStartUsdB: ws.cash[i],
      revenueUsdB: 0,
      equityRaisedUsdB: 0,
      borrowedUsdB: 0,
      contractPaymentsUsdB: 0,
      debtServiceUsdB: 0,
      operatingCostsUsdB: 0,
      capexUsdB: 0,
      cashEndUsdB: 0,
      debtEndUsdB: 0,
      edf: 0,
      refinanceOpen: false,
      roundProbability: 0,
      events: [],
    };
    const debtStart = debtOf();
    const raisedStart = ws.raised[i];
    const triggersStart = acc.defaultTrigger.slice(i * (m + 2), (i + 1) * (m + 2));
    const causesStart = acc.defaultCause.slice(i * K, (i + 1) * K);
    let principalDue = 0;
    let amended = 0;
    for (const rule of ws.rules) {
      if (rule.name === "offtake") signedBefore.set(ws.poolPendingTotal);
      if (rule.name === "operations") for (let c = 0; c < top.ids.length; c++) amended += ws.topAmended[c];
      rule.quarter(ctx, t);
      if (rule.name === "credit") {
        story.edf = ws.edf[i];
        story.refinanceOpen = ws.refinanceOpen[i] === 1;
        story.roundProbability = ws.roundProbability[i];
      } else if (rule.name === "obligations") {
        for (let c = 0; c < top.ids.length; c++)
          if (top.buyer[c] === i) story.contractPaymentsUsdB += ws.topDue[c];
        for (let c = 0; c < debt.ids.length; c++) {
          if (debt.borrower[c] !== i || !(ws.debtDue[c] > 0)) continue;
          story.debtServiceUsdB += ws.debtDue[c];
          principalDue += ws.debtPrincipalDue[c];
          const due = ws.debtPrincipalDue[c];
          if (ws.debtCall[c] === DEBT_CALL.maturity && due >= 0.005)
            story.events.push({
              kind: "notRefinanced",
              contract: debt.ids[c],
              principalUsdB: due,
              edf: ws.edf[i],
              maxEdf,
              reason: ws.edf[i] > maxEdf ? "edf" : "interestCover",
            });
          else if (ws.debtCall[c] === DEBT_CALL.marginCall)
            story.events.push({ kind: "marginCall", contract: debt.ids[c], principalUsdB: due });
        }
      } else if (rule.name === "operations") {
        let after = 0;
        for (let c = 0; c < top.ids.length; c++) after += ws.topAmended[c];
        if (after > amended) story.events.push({ kind: "steppedDown" });
      } else if (rule.name === "settlement") {
        story.operatingCostsUsdB = ws.extLiab[i];
        story.cashEndUsdB = ws.cash[i];
      } else if (rule.name === "capex") story.capexUsdB = ws.capexDone[i];
      else if (rule.name === "offtake")
        for (let c = 0; c < top.ids.length; c++) {
          const signed = ws.poolPendingTotal[c] - signedBefore[c];
          if (top.pool[c] && signed > 0 && (top.buyer[c] === i || ws.topSeller[c] === i))
            story.events.push({
              kind: "signed",
              contract: top.ids[c],
              buyer: model.entities.ids[top.buyer[c]],
              seller: model.entities.ids[ws.topSeller[c]],
              commitmentUsdB: signed,
            });
        }
    }
    if (ws.alive[i]) story.cashEndUsdB = ws.cash[i];
    story.revenueUsdB = ws.revenue[i];
    story.equityRaisedUsdB = ws.raised[i] - raisedStart;
    story.debtEndUsdB = ws.alive[i] ? debtOf() : 0;
    story.borrowedUsdB = Math.max(0, story.debtEndUsdB - debtStart + principalDue);
    if (!ws.alive[i]) {
      story.borrowedUsdB = 0;
      const triggers = acc.defaultTrigger.subarray(i * (m + 2), (i + 1) * (m + 2));
      const k = triggers.findIndex((count, c) => count > triggersStart[c]);
      trigger = k >= 0 ? names[k] : null;
      const causes = acc.defaultCause.subarray(i * K, (i + 1) * K);
      const j = causes.findIndex((count, c) => count > causesStart[c]);
      cause = j >= 0 ? DEFAULT_CAUSES[j] : null;
      story.events.push({ kind: "defaulted", trigger, cause });
    }
    quarters.push(story);
  }
  const q = ws.defaultQuarter[i];
  return {
    scenario: scenario.name,
    entity: options.entity,
    path,
    seed,
    defaultQuarter: q >= 0 ? model.quarterLabels[q] : null,
    trigger,
    cause,
    quarters,
  };
}
