import * as Plot from "@observablehq/plot";
import type { ChartContext } from "./types.js";

/** The parts losses are split into, in the order they build up. */
export const LOSS_PARTS = ["direct", "clearing", "default-cost", "fire-sale", "mark-to-market"] as const;

export interface LossRow {
  scenario: string;
  /** Holder kind (bank, private-credit, pension, …). */
  holder: string;
  part: (typeof LOSS_PARTS)[number];
  /** Mean loss across paths over the horizon, USD billions. */
  usdBillions: number;
}

/**
 * Loss waterfall by holder kind: each holder's bar builds up from direct losses through clearing, default
 * costs and fire sales, one panel per scenario.
 */
export function lossWaterfall(rows: LossRow[], context: ChartContext) {
  return Plot.plot({
    document: context.document,
    width: context.width ?? 720,
    height: 60 + 22 * new Set(rows.map((r) => r.holder)).size * new Set(rows.map((r) => r.scenario)).size,
    marginLeft: 120,
    marginRight: 90,
    color: { legend: true, domain: [...LOSS_PARTS], scheme: "tableau10" },
    fy: { label: null, domain: [...new Set(rows.map((r) => r.scenario))] },
    x: { label: "USD bn (mean over paths)", grid: true },
    y: { label: null },
    marks: [
      Plot.barX(
        rows,
        Plot.stackX({ fy: "scenario", y: "holder", x: "usdBillions", fill: "part", order: [...LOSS_PARTS] }),
      ),
      Plot.ruleX([0]),
    ],
  });
}
