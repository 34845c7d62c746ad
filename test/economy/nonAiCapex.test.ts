/** Capex outside AI around its trend (docs/economy.md §8), on the small fixture's hyperscaler. */
import { describe, expect, it } from "vitest";
import type { Scenario } from "../../src/scenario/schema.js";
import { randomStream, streamKey } from "../../src/util/random.js";
import { fixed, runCentral, small } from "./centralPath.js";

const SEED = 7;
const AI_SHARE = 0.5;
const HYPER = small.entities.findIndex((e) => e.id === "hyper");

/** The small fixture, `quarters` long, its hyperscaler half AI, with capex outside AI moving by `volatility`. */
function withVolatility(quarters: number, volatility: number): Scenario {
  return {
    ...small,
    horizonQuarters: quarters,
    world: {
      ...small.world,
      market: { ...small.world.market, nonAiCapexVolatility: fixed(volatility) },
    },
    entities: small.entities.map((e) => (e.id === "hyper" ? { ...e, aiCapexShare: fixed(AI_SHARE) } : e)),
  };
}

/** The hyperscaler's planned capex on its trend in quarter `t`: 40 a year growing 1.1× a year. */
const trend = (t: number) => (40 / 4) * 1.1 ** (t / 4);

describe("capex outside AI", () => {
  it("stays on its trend at volatility 0", () => {
    const calm = runCentral(withVolatility(1, 0), {}, SEED);
    expect(calm.capexDone[HYPER] - calm.vintage[HYPER * (calm.T + 1) + 1]).toBeCloseTo(
      trend(0) * (1 - AI_SHARE),
      12,
    );
  });

  it("takes a yearly log shock of the given sd from the capex stream, held through the year, leaving the AI part", () => {
    // The clouds draw in entity order each plan year: the hyperscaler first.
    const z = randomStream(SEED, 0, 0, streamKey("capex")).normal();
    const sd = 0.3;
    for (const quarters of [1, 2]) {
      const t = quarters - 1;
      const calm = runCentral(withVolatility(quarters, 0), {}, SEED);
      const moved = runCentral(withVolatility(quarters, sd), {}, SEED);
      const outsideAi = trend(t) * (1 - AI_SHARE);
      expect(moved.capexDone[HYPER] - calm.capexDone[HYPER]).toBeCloseTo(
        outsideAi * (Math.exp(sd * z) - 1),
        10,
      );
      // Only AI capex buys GPUs: the new vintage is the same.
      expect(moved.vintage[HYPER * (moved.T + 1) + quarters]).toBe(
        calm.vintage[HYPER * (calm.T + 1) + quarters],
      );
    }
  });
});
