/** A lab growing faster than the market at the start (docs/economy.md §revenue): its share weight drifts at its
 * growth, faded, and what it gains is new business, not taken from the other labs. On the small fixture. */
import { describe, expect, it } from "vitest";
import type { Scenario } from "../../src/scenario/schema.js";
import { fixed, runCentral, small } from "./centralPath.js";

const GROWTH = 2;
const FADE = 0.5;

/** The small fixture over `quarters`, lab-a's share growing `growth`× a year at the start. */
function drifting(quarters: number, growth?: number): Scenario {
  const [labA, ...rest] = small.entities;
  return {
    ...small,
    horizonQuarters: quarters,
    world: { ...small.world, revenue: { ...small.world.revenue, shareGrowthFadePerYear: fixed(FADE) } },
    entities: [{ ...labA, ...(growth === undefined ? {} : { shareGrowthPerYear: fixed(growth) }) }, ...rest],
  };
}

describe("a lab's share growth", () => {
  it("holds the share in the first quarter and grows it by growth^(1/4) in the second", () => {
    const base = runCentral(drifting(1));
    const grown = runCentral(drifting(1, GROWTH));
    expect(grown.revenue[0]).toBe(base.revenue[0]);
    const base2 = runCentral(drifting(2));
    const grown2 = runCentral(drifting(2, GROWTH));
    expect(grown2.shareWeight[0] / base2.shareWeight[0]).toBeCloseTo(GROWTH ** 0.25, 12);
    expect(grown2.revenue[0] / base2.revenue[0]).toBeCloseTo(GROWTH ** 0.25, 12);
  });

  it("adds to the market rather than taking from the other labs", () => {
    const base = runCentral(drifting(2));
    const grown = runCentral(drifting(2, GROWTH));
    // Same quarter, same capability (bought before the drift began): lab-b's revenue is unchanged.
    expect(grown.revenue[1]).toBeCloseTo(base.revenue[1], 12);
    expect(grown.marketRevenue).toBeGreaterThan(base.marketRevenue);
  });

  it("fades: each quarter keeps (1 - fade)^(1/4) of the last quarter's log growth", () => {
    const kept = (1 - FADE) ** 0.25;
    const base = runCentral(drifting(4));
    const grown = runCentral(drifting(4, GROWTH));
    const logGrowthQ = Math.log(GROWTH) / 4;
    const expected = Math.exp(logGrowthQ * (1 + kept + kept * kept));
    expect(grown.shareWeight[0] / base.shareWeight[0]).toBeCloseTo(expected, 12);
    expect(grown.shareWeight[1]).toBe(base.shareWeight[1]);
  });
});
