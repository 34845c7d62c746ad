/**
 * The sliders: the world assumptions app/levers.json names (chosen by scripts/app-levers.ts from a tornado
 * sensitivity analysis), each with its range in the chosen scenario and its declaration's domain and unit.
 */
import { declaredParameter } from "../../src/scenario/declared.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { scenarioFactors } from "../../src/scenario/sensitivity/factors.js";
import leversFile from "../levers.json" with { type: "json" };

/** One slider. */
export interface Lever {
  /** Parameter path, `world.<group>.<field>`. */
  path: string;
  /** Catalogue key of its label and doc under `app.levers`: `<group>_<field>`. */
  key: string;
  /** The scenario's stated range (an assumption's range, or a distribution's 5–95% quantiles), rounded inwards
   * onto the step's grid, and its value. */
  low: number;
  base: number;
  high: number;
  /** The declared unit. */
  unit: string;
  /** Slider step: 1 for whole-number fields, else a power of ten about a hundredth of the range. */
  step: number;
}

/** The chosen parameter paths, most influential first. */
export const LEVER_PATHS: readonly string[] = leversFile.levers;

/** The catalogue key of a lever's label and doc. */
export function leverKey(path: string): string {
  return path.replace(/^world\./, "").replace(".", "_");
}

/** The sliders of a scenario, in LEVER_PATHS order (a lever the scenario does not leave uncertain is left out). */
export function scenarioLevers(scenario: Scenario): Lever[] {
  const factors = scenarioFactors(scenario, (path) => LEVER_PATHS.includes(path));
  return LEVER_PATHS.flatMap((path) => {
    const factor = factors.find((f) => f.name === path);
    if (factor === undefined) return [];
    const spec = declaredParameter("world", path.replace(/^world\./, ""));
    // A power of ten about a hundredth of the range, and the ends rounded inwards onto its grid, so that the
    // slider's values are round numbers and a value from a URL sits on the grid.
    const step =
      spec?.domain.integer === true ? 1 : 10 ** Math.floor(Math.log10((factor.high - factor.low) / 100));
    const low = Math.ceil(factor.low / step - 1e-9) * step;
    const high = Math.floor(factor.high / step + 1e-9) * step;
    return [
      {
        path,
        key: leverKey(path),
        low: round(low, step),
        base: round(Math.min(high, Math.max(low, factor.base)), step),
        high: round(high, step),
        unit: spec?.unit ?? "",
        step,
      },
    ];
  });
}

/** `x` to the nearest multiple of `step`, without the binary noise of the multiplication. */
function round(x: number, step: number): number {
  return Number((Math.round(x / step) * step).toPrecision(12));
}
