/** The economy's rules, in the order they run each quarter (docs/economy.md). */
import { BalanceSheets } from "./balanceSheets.js";
import { Capability } from "./capability.js";
import { Capex } from "./capex.js";
import { Clearing } from "./clearing.js";
import { Equity } from "./equity.js";
import { Events } from "./events.js";
import { FundingWindow } from "./funding.js";
import { GpuMarket } from "./gpuMarket.js";
import { Obligations } from "./obligations.js";
import { Operations } from "./operations.js";
import { Outputs } from "./outputs.js";
import { Renewals } from "./renewals.js";
import { Resolution } from "./resolution.js";
import { Revenue } from "./revenue.js";
import type { Rule } from "./rule.js";
import { Sentiment } from "./sentiment.js";
import { Settlement } from "./settlement.js";
import { Technology } from "./technology.js";
import { Vendors } from "./vendors.js";

/**
 * A fresh instance of every rule, in quarter order: balance sheets (set at the start only); the funding window opens from last quarter's sentiment;
 * events; technology; revenue and shares; obligations due; operating flows; roll-over purchases; clearing;
 * settlement; resolution of defaulters; capex; chip vendors; the GPU price; capability; sentiment; equity;
 * outputs.
 */
export function createRules(): Rule[] {
  return [
    new BalanceSheets(),
    new FundingWindow(),
    new Events(),
    new Technology(),
    new Revenue(),
    new Obligations(),
    new Operations(),
    new Renewals(),
    new Clearing(),
    new Settlement(),
    new Resolution(),
    new Capex(),
    new Vendors(),
    new GpuMarket(),
    new Capability(),
    new Sentiment(),
    new Equity(),
    new Outputs(),
  ];
}

export { clearQuarter } from "./clearing.js";
export type { PathContext, Rule } from "./rule.js";
