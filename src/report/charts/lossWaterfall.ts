import * as Plot from "@observablehq/plot";
import { catalogue } from "../../i18n/translate.js";
import type { ChartContext } from "./types.js";

/** The parts losses are split into, in the order they build up. */
export const LOSS_PARTS = ["direct", "clearing", "default-cost", "fire-sale", "mark-to-market"] as const;

/** The waterfall's last bar: the sum of the parts. */
export const LOSS_TOTAL = "total" as const;

export interface LossRow {
  scenario: string;
  /** Holder kind (bank, private-credit, pension, …). */
  holder: string;
  part: (typeof LOSS_PARTS)[number];
  /** Mean loss across paths over the horizon, USD billions. */
  usdBillions: number;
}

/** One floating bar of a waterfall: a part's loss from where the previous parts ended (x1) to x2, or the total. */
export interface WaterfallStep {
  scenario: string;
  step: (typeof LOSS_PARTS)[number] | typeof LOSS_TOTAL;
  /** Cumulative loss before this part, USD billions (0 for the total). */
  x1: number;
  /** Cumulative loss after it, USD billions. */
  x2: number;
  /** The part's own loss (the total's: the sum), USD billions. */
  usdBillions: number;
}

/** The waterfall of each scenario: its holders' losses summed by part, each part stacked on the ones before. */
export function waterfallSteps(rows: readonly LossRow[]): WaterfallStep[] {
  const scenarios = [...new Set(rows.map((r) => r.scenario))];
  return scenarios.flatMap((scenario) => {
    let cumulative = 0;
    const steps: WaterfallStep[] = LOSS_PARTS.map((part) => {
      let loss = 0;
      for (const r of rows) if (r.scenario === scenario && r.part === part) loss += r.usdBillions;
      const step = { scenario, step: part, x1: cumulative, x2: cumulative + loss, usdBillions: loss };
      cumulative += loss;
      return step;
    });
    steps.push({ scenario, step: LOSS_TOTAL, x1: 0, x2: cumulative, usdBillions: cumulative });
    return steps;
  });
}

/**
 * Loss waterfall, one panel per scenario: the mean loss of all holders over the horizon built up part by part —
 * direct losses on fundamental defaulters, then clearing (contagion), default costs, fire sales and the fall of
 * equity stakes' marks — each part a bar floating from where the parts before it ended, then the total.
 */
export function lossWaterfall(rows: LossRow[], context: ChartContext) {
  const steps = waterfallSteps(rows);
  const scenarios = [...new Set(steps.map((s) => s.scenario))];
  const order = [...LOSS_PARTS, LOSS_TOTAL];
  const strings = catalogue(context.lang ?? "en").report;
  const partName = (part: (typeof order)[number]) => strings.term.lossPart[part];
  return Plot.plot({
    document: context.document,
    width: context.width ?? 720,
    height: 50 + 20 * order.length * scenarios.length,
    marginLeft: 110,
    marginRight: 70,
    color: {
      legend: true,
      domain: order,
      range: ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#555555"],
      tickFormat: partName,
    },
    fy: { label: null, domain: scenarios },
    x: { label: strings.chart.lossAxis, grid: true },
    y: { label: null, domain: order, tickFormat: partName },
    marks: [
      Plot.barX(steps, { fy: "scenario", y: "step", x1: "x1", x2: "x2", fill: "step" }),
      Plot.text(steps, {
        fy: "scenario",
        y: "step",
        x: "x2",
        text: (s: WaterfallStep) =>
          s.usdBillions > 0 ? s.usdBillions.toLocaleString("en-US", { maximumSignificantDigits: 3 }) : "",
        dx: 4,
        textAnchor: "start",
        fontSize: 10,
      }),
      Plot.ruleX([0]),
    ],
  });
}
