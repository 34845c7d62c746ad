/**
 * Groups of a scenario's numbers for grouped sensitivity indices: what a reader asks "which part of the model
 * drives this?" about — capability, revenue, costs, contracts, balance sheets, credit, market, events.
 */

export const FACTOR_GROUPS = [
  "capability",
  "revenue",
  "costs",
  "contracts",
  "balance sheets",
  "credit",
  "market",
  "events",
] as const;
export type FactorGroup = (typeof FACTOR_GROUPS)[number];

/** World groups by the part of the model they belong to. */
const WORLD: Readonly<Record<string, FactorGroup>> = {
  capability: "capability",
  efficiency: "capability",
  revenue: "revenue",
  compute: "costs",
  gpu: "costs",
  market: "market",
  credit: "credit",
  clearing: "credit",
};

/** Entity fields by the part of the model they belong to; any other is a balance-sheet number. */
const ENTITY: Readonly<Record<string, FactorGroup>> = {
  share: "revenue",
  ownAiServicesComputeRatio: "revenue",
  marketShare: "revenue",
  trainingShare: "costs",
  servingGrossMargin: "costs",
  otherCostUsdBPerYear: "costs",
  otherCostGrowthPerYear: "costs",
  operatingCostShare: "costs",
  accountingLifeYears: "costs",
  capexUsdBPerYear: "costs",
  aiCapexShare: "costs",
  capexGrowthPerYear: "costs",
  siteShare: "costs",
  powerBuildGwPerYear: "costs",
  grossMargin: "costs",
  assetVolatility: "credit",
  marketValueUsdB: "market",
  aiValueShare: "market",
  fundingRoundUsdB: "market",
};

/** The group of the number at parameter path `path` (`world.<group>.<field>`, `entities.<id>.<field>`, …). */
export function factorGroup(path: string): FactorGroup {
  const [section, owner] = path.split(".", 2);
  const field = path.slice(path.lastIndexOf(".") + 1);
  if (section === "world") {
    const group = WORLD[owner];
    if (group === undefined) throw new RangeError(`invalid parameter path: ${path}`);
    return group;
  }
  if (section === "contracts") return "contracts";
  if (section === "events") return "events";
  return ENTITY[field] ?? "balance sheets";
}
