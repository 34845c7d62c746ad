import { notebookCellOutput } from "./notebook.js";
import { pythonCsvText } from "./pythonCsv.js";
import { pythonFloatRepr } from "./pythonFloat.js";
import type { Recipe, UpstreamFile } from "./recipe.js";

/** The datablations notebook whose cells 2 and 26 print every run as `name N D U loss`. */
const NOTEBOOK: UpstreamFile = {
  repo: "huggingface/datablations",
  commit: "13701315b163f1c54642b94ad237b2699187c3ee",
  path: "utils/parametric_fit.ipynb",
  bytes: 3679052,
  sha256: "6c65d270e70c944a9ac90f5f1213a4584e1ff9d6d2781cd86900663f4ab17db9",
};

const HEADER = ["run_name", "params_N", "tokens_D", "unique_tokens_U", "val_loss"];
/** Cell 26: the 182 points of the published fit, N, D and U printed in billions. */
const FIT_CELL = 26;
/** Cell 2: all 296 points before outlier removal, N, D and U printed in raw units. */
const ALL_CELL = 2;

/** One printed point: run name, N, D, U and validation loss, as the notebook printed them. */
type PrintedPoint = [string, string, string, string, string];

/**
 * The `name N D U loss` lines of a cell's output. Cell 2 also prints the unique-token suffix of run 2b855b1b25
 * alone on a line (a debug print in get_unique_tokens); such one-word lines are not points and are dropped.
 */
export function printedPoints(output: string, cell: number): PrintedPoint[] {
  const points: PrintedPoint[] = [];
  for (const [i, line] of output.split("\n").entries()) {
    const fields = line.split(" ");
    if (line === "" || fields.length === 1) continue;
    if (fields.length !== 5 || !fields.slice(1).every((f) => Number.isFinite(Number(f)))) {
      throw new Error(`cell ${cell}, output line ${i + 1}: not 'name N D U loss': ${line.slice(0, 80)}`);
    }
    points.push(fields as PrintedPoint);
  }
  return points;
}

/** Cell 26's points as CSV, N, D and U multiplied by 1e9 and written as Python writes floats. */
export function fitPointsCsv(notebook: Buffer): string {
  const rows = printedPoints(notebookCellOutput(notebook, FIT_CELL), FIT_CELL).map(
    ([name, n, d, u, loss]) => [
      name,
      ...[n, d, u].map((billions) => pythonFloatRepr(Number(billions) * 1e9)),
      loss,
    ],
  );
  return pythonCsvText([HEADER, ...rows]);
}

/** Cell 2's points as CSV, every field verbatim. */
export function allPointsCsv(notebook: Buffer): string {
  return pythonCsvText([HEADER, ...printedPoints(notebookCellOutput(notebook, ALL_CELL), ALL_CELL)]);
}

/** Rebuilds both muennighoff2023 CSVs from the printed outputs of the datablations notebook. */
export const muennighoff2023Recipe: Recipe = {
  dataset: "muennighoff2023",
  summary: "printed outputs of cells 26 and 2 of utils/parametric_fit.ipynb; cell 26's billions times 1e9",
  upstream: [NOTEBOOK],
  async build(inputs) {
    const notebook = inputs.upstream(NOTEBOOK.path);
    return new Map([
      ["DERIVED_datablations_fit_points_182.csv", Buffer.from(fitPointsCsv(notebook), "utf8")],
      ["DERIVED_datablations_all_points_cell2.csv", Buffer.from(allPointsCsv(notebook), "utf8")],
    ]);
  },
};
