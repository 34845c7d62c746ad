import { join } from "node:path";
import { numericColumn, readCsv } from "../../src/data/csv.js";
import type { FitColumns } from "../../src/fit/forms/types.js";
import { DATA } from "../support/cli.js";

/** Epoch's 240 Chinchilla points (case S1): N, D = C/(6N), loss, the 5 highest losses dropped. */
export function chinchillaRows(): FitColumns {
  const table = readCsv(join(DATA, "chinchilla_epoch/svg_extracted_data.csv"));
  const n = numericColumn(table, "Model Size");
  const c = numericColumn(table, "Training FLOP");
  const loss = numericColumn(table, "loss");
  const threshold = Array.from(loss).sort((a, b) => b - a)[4];
  const keep = Array.from(loss.keys()).filter((i) => loss[i] < threshold);
  return {
    n: Float64Array.from(keep, (i) => n[i]),
    d: Float64Array.from(keep, (i) => c[i] / (6 * n[i])),
    y: Float64Array.from(keep, (i) => loss[i]),
  };
}

/** Hoffmann et al. (2022)'s Approach 3 values, rounded as published and unrounded (case S4). */
export const HOFFMANN_ROUNDED = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
export const HOFFMANN_UNROUNDED = { E: 1.69337, A: 406.401, B: 410.723, alpha: 0.33917084, beta: 0.2849083 };

/** Epoch's refit of the Chinchilla points (case S2). */
export const EPOCH_S2 = { E: 1.8169, A: 482.01, B: 2085.43, alpha: 0.34781, beta: 0.36585 };

/** Case S7: the datablations README's published data-constrained fit (a, b, e in log space). */
export const MUENNIGHOFF = {
  E: Math.exp(0.6254804),
  A: Math.exp(6.255414),
  B: Math.exp(7.3049974),
  alpha: 0.3526596,
  beta: 0.3526596,
  RDstar: 15.387756,
  RNstar: 5.309743,
};

/** |got/expected − 1|. */
export const relError = (got: number, expected: number) => Math.abs(got / expected - 1);
