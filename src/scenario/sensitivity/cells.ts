/**
 * The few cells of a Monte Carlo accumulator that sensitivity outputs read. A design point's outputs come from
 * them without summarising the whole run; a sweep's job returns, for each chunk of paths, only those cells, and
 * the coordinator adds the chunks up in path order, exactly as `mergeInto` adds whole accumulators. Each output
 * takes `summariseRun`'s own arithmetic, so it is bit-identical to `evaluateOutput(summariseRun(…))` of the same
 * paths, while a chunk's result is a few numbers, not megabytes.
 */

import { LOSS_KINDS, LOSS_PARTS } from "../../economy/kinds.js";
import { type Accumulator, globalSeriesIndex } from "../../economy/outputs.js";
import { quarterIndex, quarterLabel } from "../../util/quarter.js";
import type { Scenario } from "../schema.js";
import type { OutputSpec } from "./outputs.js";

/** One cell of an accumulator's array. */
export interface AccumulatorCell {
  /** The array: defaults by quarter, sums of a series, or sums of losses. */
  field: "deadBy" | "sum" | "lossSum";
  /** Index in that array. */
  index: number;
}

/** How each output is read from the cell vector. */
type Reader =
  | { kind: "ratio"; cell: number; scale: number }
  | { kind: "loss"; cells: number[][] }
  | { kind: "absent" };

/** The cells the outputs of a scenario read, and how to turn their sums into the outputs. */
export interface CellPlan {
  /** The cells, in the order of a chunk's vector. */
  cells: AccumulatorCell[];
  /** One reader per output, in output order. */
  readers: Reader[];
}

// Index of the last quarter of `year` among the scenario's quarters (summariseRun keeps the last one).
function lastQuarter(scenario: Scenario, year: string): number {
  const start = quarterIndex(scenario.start);
  for (let t = scenario.horizonQuarters - 1; t >= 0; t--)
    if (quarterLabel(start + t).startsWith(year)) return t;
  throw new RangeError(`invalid year: ${year}`);
}

/**
 * The cell plan of `outputs` for a scenario (its entities, start and horizon: the same for every point of a
 * sweep). Throws RangeError for an output that names an unknown entity or a year outside the horizon.
 */
export function cellPlan(scenario: Scenario, outputs: readonly OutputSpec[]): CellPlan {
  const T = scenario.horizonQuarters;
  const n = scenario.entities.length;
  const cells: AccumulatorCell[] = [];
  const at = new Map<string, number>();
  const cell = (field: AccumulatorCell["field"], index: number): number => {
    const key = `${field}:${index}`;
    let k = at.get(key);
    if (k === undefined) {
      k = cells.length;
      cells.push({ field, index });
      at.set(key, k);
    }
    return k;
  };
  const present = new Set<string>([...scenario.entities.map((e) => e.kind), "external"]);
  const readers = outputs.map((spec): Reader => {
    switch (spec.kind) {
      case "pDefault": {
        const i = scenario.entities.findIndex((e) => e.id === spec.entity);
        if (i < 0) throw new RangeError(`invalid entity: ${spec.entity}`);
        return { kind: "ratio", cell: cell("deadBy", i * T + lastQuarter(scenario, spec.year)), scale: 1 };
      }
      case "loss": {
        const k = (LOSS_KINDS as readonly string[]).indexOf(spec.lossKind);
        if (k < 0 || !present.has(spec.lossKind)) return { kind: "absent" };
        const P = LOSS_PARTS.length;
        return {
          kind: "loss",
          cells: LOSS_PARTS.map((_, p) =>
            Array.from({ length: T }, (_, t) => cell("lossSum", (k * P + p) * T + t)),
          ),
        };
      }
      default: {
        const s = globalSeriesIndex(spec.kind, n);
        const t = lastQuarter(scenario, spec.year);
        return { kind: "ratio", cell: cell("sum", s * T + t), scale: spec.kind === "capability" ? 1 : 4 };
      }
    }
  });
  return { cells, readers };
}

/** The plan's cells of an accumulator, as one vector. */
export function extractCells(plan: CellPlan, acc: Accumulator): Float64Array {
  const out = new Float64Array(plan.cells.length);
  plan.cells.forEach((c, k) => {
    out[k] = acc[c.field][c.index];
  });
  return out;
}

/**
 * The outputs from cell sums over `paths` paths, with `summariseRun`'s and `evaluateOutput`'s arithmetic: a
 * ratio `scale · (sum / paths)`; a loss as the sum of its parts, each `max(0, Σ_t cell / paths)`.
 */
export function outputsFromCells(plan: CellPlan, sums: ArrayLike<number>, paths: number): number[] {
  return plan.readers.map((r) => {
    if (r.kind === "absent") return 0;
    if (r.kind === "ratio") return r.scale === 1 ? sums[r.cell] / paths : r.scale * (sums[r.cell] / paths);
    const parts = r.cells.map((row) => {
      let sum = 0;
      for (const c of row) sum += sums[c];
      return Math.max(0, sum / paths);
    });
    return parts[0] + parts[1] + parts[2] + parts[3] + parts[4];
  });
}
