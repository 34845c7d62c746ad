/** The economy's rules, in the order they run each quarter (docs/economy.md). */
import { BalanceSheets } from "./balanceSheets.js";
import { Capability } from "./capability.js";
import { Capex } from "./capex.js";
import { Clearing } from "./clearing.js";
import { Credit } from "./credit.js";
import { Equity } from "./equity.js";
import { Events } from "./events.js";
import { GpuMarket } from "./gpuMarket.js";
import { Investments } from "./investments.js";
import { Market } from "./market.js";
import { Obligations } from "./obligations.js";
import { Offtake } from "./offtake.js";
import { Operations } from "./operations.js";
import { Outputs } from "./outputs.js";
import { Renewals } from "./renewals.js";
import { Resolution } from "./resolution.js";
import { Revenue } from "./revenue.js";
import type { Rule } from "./rule.js";
import { Settlement } from "./settlement.js";
import { Technology } from "./technology.js";
import { Vendors } from "./vendors.js";

/**
 * A fresh instance of every rule, in quarter order: balance sheets (set at the start only); credit (each issuer's
 * EDF, spread and refinancing, funding rounds' odds, from last quarter's market values); events; technology;
 * revenue and shares; obligations due; operating flows; tranche investments; roll-over purchases; clearing; settlement; resolution of
 * defaulters; capex; contracts signed during the run (offtake); chip vendors; the GPU price; capability; the market's valuation; equity; outputs.
 */
export function createRules(): Rule[] {
  return [
    new BalanceSheets(),
    new Credit(),
    new Events(),
    new Technology(),
    new Revenue(),
    new Obligations(),
    new Operations(),
    new Investments(),
    new Renewals(),
    new Clearing(),
    new Settlement(),
    new Resolution(),
    new Capex(),
    new Offtake(),
    new Vendors(),
    new GpuMarket(),
    new Capability(),
    new Market(),
    new Equity(),
    new Outputs(),
  ];
}

export { clearQuarter } from "./clearing.js";
export type { PathContext, Rule } from "./rule.js";
