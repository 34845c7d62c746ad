/**
 * Capability from the evidence: an `evidence` curve is `wallcast bend` on a dataset, carried into the paths as its
 * bootstrap replicates — each replicate's gain per OOM relative to its gain at the last point, from there to the
 * horizon — so that the scenario's wall probability is the fit's, uncertainty and model weights included.
 */
import { columnIndex, readCsv } from "../data/csv.js";
import { resolveDataDir } from "../data/dataDir.js";
import { resolveDataRef } from "../data/registry.js";
import { analyseBend } from "../forecast/bend.js";
import { metricCell } from "../forecast/selection.js";
import { InputError } from "../util/errors.js";
import type { EvidenceSource, EvidenceTable } from "./schema.js";

/** Profile points per OOM: the gain is checked on this grid, as `bend` checks it on 100 steps over 2 OOM. */
const STEPS_PER_OOM = 50;

// The same fit is asked for by every load of a scenario (and of those extending it): once per source and file.
const cache = new Map<string, EvidenceTable>();

/** The evidence table of `from`, fitted on its dataset in the data directory (`WALLCAST_DATA`, else the cache). */
export function evidenceFromBend(from: EvidenceSource, dataDir: string = resolveDataDir()): EvidenceTable {
  const file = resolveDataRef(from.dataset, dataDir);
  const key = JSON.stringify([from, file]);
  const known = cache.get(key);
  if (known) return known;
  const table = readCsv(file);
  const xi = columnIndex(table, from.x, "world.capability.from.x");
  const yi = columnIndex(table, from.y, "world.capability.from.y");
  const u: number[] = [];
  const y: number[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const yv = metricCell(table, r, yi);
    const xv = metricCell(table, r, xi) * from.xScale;
    if (Number.isNaN(yv) || !(xv > 0)) continue;
    u.push(Math.log10(xv));
    y.push(yv);
  }
  if (u.length < 10)
    throw new InputError({
      file,
      field: "world.capability.from",
      message: `${u.length} rows with both columns; the fit needs at least 10`,
    });
  let result: ReturnType<typeof analyseBend>;
  try {
    result = analyseBend({
      u,
      y,
      better: from.higherIsBetter ? "higher" : "lower",
      ceiling: from.ceiling ?? 1,
      horizon: from.withinOom,
      bootstrap: from.bootstrap,
      seed: from.seed,
      profileSteps: STEPS_PER_OOM,
    });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new InputError({ file, field: "world.capability.from", message: error.message });
  }
  const profiles = result.profiles!;
  const evidence: EvidenceTable = {
    offsets: profiles.offsets,
    replicates: profiles.replicates.map(({ weight, relativeGain }) => ({ weight, relativeGain })),
  };
  cache.set(key, evidence);
  return evidence;
}
