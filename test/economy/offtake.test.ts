/** Contracts signed during the run and power ordered ahead (docs/economy.md §8), on a hand-made power-short cloud
 * and a neocloud. */
import { describe, expect, it } from "vitest";
import type { PathWorkspace } from "../../src/economy/path.js";
import { poolPayment } from "../../src/economy/rules/obligations.js";
import { compileScenario } from "../../src/scenario/compile.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { fixed, runCentral, small } from "./centralPath.js";

const TERM = 8;
const LEAD = 2;
/** Quarterly rent of a dollar of new GPUs: 0.55 a year. */
const RENT_Q = 0.55 / 4;

/**
 * A hyperscaler planning 10 of AI capex a quarter with power for 0.1 GW (3.5 of capacity at 35 a GW), and a
 * neocloud with 1 GW of power and no plan of its own; offtake pools on (term 8, lead 2) unless `offtake` is false.
 */
function powerShort(quarters: number, offtake = true, powerLead?: number): Scenario {
  return {
    ...small,
    horizonQuarters: quarters,
    world: {
      ...small.world,
      market: { ...small.world.market, capexElasticity: fixed(0), noise: fixed(0) },
      compute: {
        ...small.world.compute,
        ...(offtake ? { offtakeTermQuarters: fixed(TERM) } : {}),
      },
      gpu: {
        ...small.world.gpu,
        targetUtilisation: undefined,
        buildLeadQuarters: fixed(LEAD),
        ...(powerLead === undefined ? {} : { powerLeadQuarters: fixed(powerLead) }),
        economicDepreciationPerYear: fixed(0.35),
      },
    },
    entities: [
      { id: "hs", kind: "hyperscaler", cash: fixed(1000), capexUsdBPerYear: fixed(40), powerGw: fixed(0.1) },
      { id: "nc", kind: "neocloud", cash: fixed(0), powerGw: fixed(1) },
    ],
    contracts: [],
    events: [],
    correlations: [],
  };
}

const run = (quarters: number): PathWorkspace => runCentral(powerShort(quarters));

describe("offtake pools", () => {
  it("are made for each own-demand buyer and rental cloud only when the scenario gives their term", () => {
    const on = compileScenario(powerShort(1)).model.takeOrPay;
    expect(on.ids).toEqual(["offtake:hs:nc"]);
    expect([...on.pool]).toEqual([1]);
    expect(compileScenario(powerShort(1, false)).model.takeOrPay.ids).toEqual([]);
  });

  it("lease the AI capex a cloud's power cannot hold, at the rent it earns, for delivery a build lead ahead", () => {
    const ws = run(1);
    // 3.5 of the 10 planned fits the power; the 6.5 left rents for 6.5 × 0.1375 a quarter, signed for 8 quarters.
    const signed = 6.5 * RENT_Q * TERM;
    expect(ws.capexDone[0]).toBeCloseTo(3.5, 12);
    expect(ws.aiShortfall[0]).toBeCloseTo(6.5, 12);
    expect(ws.poolPending[LEAD]).toBeCloseTo(signed, 12);
    expect(ws.poolPendingTotal[0]).toBeCloseTo(signed, 12);
    expect(ws.poolOut[0]).toBe(0);
    // Nothing is due before delivery; then 1/8 of the pool a quarter, running off by 7/8 a quarter.
    expect(poolPayment(ws, 0, 1)).toBe(0);
    expect(poolPayment(ws, 0, LEAD)).toBeCloseTo(signed / TERM, 12);
    expect(poolPayment(ws, 0, LEAD + 1)).toBeCloseTo((signed * 7) / 8 / TERM, 12);
  });

  it("fall due from delivery and hold the rest as backlog", () => {
    const ws = run(LEAD + 1);
    const signed = 6.5 * RENT_Q * TERM;
    // Quarter 2 pays 1/8 of the first signing; the later signings (full shortfalls of 10 once the power is used)
    // are still pending.
    expect(ws.topDue[0]).toBeCloseTo(signed / TERM, 12);
    expect(ws.poolOut[0]).toBeCloseTo((signed * 7) / 8, 12);
    expect(ws.poolPendingTotal[0]).toBeCloseTo(2 * 10 * RENT_Q * TERM, 12);
  });

  it("deliver after compute.offtakeDeliveryQuarters when the scenario gives it, else after the build lead", () => {
    const scenario = powerShort(1);
    scenario.world.compute = { ...scenario.world.compute, offtakeDeliveryQuarters: fixed(1) };
    const ws = runCentral(scenario);
    const signed = 6.5 * RENT_Q * TERM;
    expect(ws.poolPending[1]).toBeCloseTo(signed, 12);
    expect(ws.poolPending[LEAD]).toBe(0);
    expect(poolPayment(ws, 0, 1)).toBeCloseTo(signed / TERM, 12);
  });

  it("lease what a cloud's own AI services lack, net of the leases paying by delivery", () => {
    // A hyperscaler with power to spare and no AI fleet: its services' whole demand is short.
    const servicesShort = (quarters: number): Scenario => {
      const scenario = powerShort(quarters);
      scenario.entities[0] = {
        ...scenario.entities[0],
        powerGw: fixed(100),
        aiCapexShare: fixed(0),
        ownAiServicesComputeRatio: fixed(0.01),
      };
      return scenario;
    };
    const first = runCentral(servicesShort(1));
    const demand0 = 0.01 * first.marketRevenue;
    expect(first.servicesShortfall[0]).toBeCloseTo(demand0, 12);
    expect(first.poolPending[LEAD]).toBeCloseTo(demand0 * TERM, 12);
    // A quarter later the first lease will pay 7/8 of a term's share at the new delivery: only the rest is leased.
    const second = runCentral(servicesShort(2));
    expect(second.servicesShortfall[0]).toBeCloseTo(0.01 * second.marketRevenue - (demand0 * 7) / 8, 12);
  });

  it("sign nothing when the term is 0", () => {
    const scenario = powerShort(2);
    scenario.world.compute = { ...scenario.world.compute, offtakeTermQuarters: fixed(0) };
    const ws = runCentral(scenario);
    expect(ws.poolPendingTotal[0]).toBe(0);
    expect(ws.topDue[0]).toBe(0);
  });
});

describe("power ordered ahead", () => {
  it("arrives after its lead, and the cloud then builds the plan its power held back", () => {
    // Quarter 0 builds 3.5 and orders 2 × 10/35 − 0.1 GW for quarter 2; quarter 1 has no power left (it builds 0)
    // and orders 0.1 more for quarter 3; in quarter 2 the 0.571 GW in service hold the whole plan of 10.
    const ordered = runCentral(powerShort(LEAD + 1, false, LEAD));
    expect(ordered.capexDone[0]).toBeCloseTo(10, 9);
    expect(ordered.aiShortfall[0]).toBe(0);
    const fixedPower = runCentral(powerShort(LEAD + 1, false));
    expect(fixedPower.capexDone[0]).toBe(0);
    expect(fixedPower.aiShortfall[0]).toBeCloseTo(10, 12);
  });
});
