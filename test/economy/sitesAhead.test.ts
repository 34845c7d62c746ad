/** Sites and power built ahead of their GPUs (docs/economy.md §capex), on the small fixture's hyperscaler. */
import { describe, expect, it } from "vitest";
import { leadMean, siteBuildFactor } from "../../src/economy/rules/capex.js";
import { fleetAtBook } from "../../src/economy/rules/equity.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { fixed, runCentral, small } from "./centralPath.js";

const LEAD = 4;
const SITE_SHARE = 0.45;
const HYPER = small.entities.findIndex((e) => e.id === "hyper");
const NEO = small.entities.findIndex((e) => e.id === "neo");

/** The small fixture with a build lead, growth re-rating on, no noise, and the start's expected growth `expected`. */
function withLead(quarters: number, expected: number): Scenario {
  return {
    ...small,
    horizonQuarters: quarters,
    world: {
      ...small.world,
      market: { ...small.world.market, noise: fixed(0), growthHalfLifeQuarters: fixed(1) },
      revenue: { ...small.world.revenue, expectedGrowthPerYear: fixed(expected) },
      gpu: { ...small.world.gpu, buildLeadQuarters: fixed(LEAD) },
    },
  };
}

describe("leadMean", () => {
  it("is the mean of e^{g·k} over the lead's quarters", () => {
    expect(leadMean(Math.log(2), 2)).toBeCloseTo((2 + 4) / 2, 14);
    expect(leadMean(0, 8)).toBe(1);
  });

  it("is 1 without a lead", () => {
    expect(leadMean(0.5, 0)).toBe(1);
  });
});

describe("siteBuildFactor", () => {
  it("is 1 at the start's expected growth", () => {
    expect(siteBuildFactor(SITE_SHARE, 3, 3)).toBe(1);
  });

  it("scales only the sites' share of the capacity by the lead's growth", () => {
    // (0.55 + 0.45 × 3) ÷ (0.55 + 0.45 × 1.5) = 1.9 ÷ 1.225.
    expect(siteBuildFactor(SITE_SHARE, 3, 1.5)).toBeCloseTo(1.9 / 1.225, 14);
    expect(siteBuildFactor(0, 3, 1.5)).toBe(1);
  });
});

describe("a cloud that owns its sites", () => {
  // Lab revenue grows ~2× a year against 1.1× priced at the start: the growth the market expects rises.
  const before = runCentral(withLead(5, 1.1));
  const after = runCentral(withLead(6, 1.1));

  it("builds sites ahead, beyond its plan, when the market expects faster growth than at the start", () => {
    const newVintage = after.vintage[HYPER * (after.T + 1) + 6];
    const factor = siteBuildFactor(
      SITE_SHARE,
      leadMean(before.expectedGrowthQ, LEAD),
      leadMean(Math.log(1.1) / 4, LEAD),
    );
    expect(factor).toBeGreaterThan(1.05);
    expect(after.sitesAhead[HYPER] - before.sitesAhead[HYPER]).toBeCloseTo(newVintage * (factor - 1), 10);
    // Reported capex is the plan's GPUs and sites plus the sites built ahead (the hyperscaler's capex is all AI).
    expect(after.capexDone[HYPER]).toBeCloseTo(newVintage * factor, 10);
  });

  it("carries them at cost in its book equity and its fleet's value", () => {
    expect(after.sitesAhead[HYPER]).toBeGreaterThan(0);
    const ctx = { state: after } as unknown as Parameters<typeof fleetAtBook>[0];
    const atBook = fleetAtBook(ctx, HYPER, 5);
    after.sitesAhead[HYPER] = 0;
    const without = fleetAtBook(ctx, HYPER, 5);
    expect(atBook - without).toBeGreaterThan(0);
  });

  it("is not a rental cloud, which leases its data centres", () => {
    expect(after.sitesAhead[NEO]).toBe(0);
  });

  it("spends its plan when growth is below the start's and it has built nothing ahead", () => {
    const slow = runCentral(withLead(6, 6));
    expect(slow.sitesAhead[HYPER]).toBe(0);
    expect(slow.capexDone[HYPER]).toBeCloseTo(slow.vintage[HYPER * (slow.T + 1) + 6], 10);
  });
});
