/**
 * Principal components of a benchmark table, as Ruan et al. (2024, "Observational Scaling Laws and the
 * Predictability of Language Model Performance", arXiv 2405.10938) extract them: sklearn-style PCA on the raw
 * 0–1 scores, centred but not standardised (their `perform_pca` default, `standardize: False`, in
 * ryoungj/ObsScaling utils/constants.py DEFAULT_PCA_PREPROCESS_KWARGS).
 */
import { Matrix, SVD } from "ml-matrix";

/** Options of `pca`: whether to standardise the columns as well as centre them. */
export interface PcaOptions {
  /** Divide each column by its standard deviation first (a correlation PCA); default false (Ruan et al.). */
  standardize?: boolean;
}

export interface PcaResult {
  /** Rows (models) and columns (benchmarks) analysed. */
  rows: number;
  columns: number;
  /** Share of the total variance per component, largest first; sums to 1. */
  explainedVarianceRatio: number[];
  /** Loadings: component k's weight on column j at [k][j], unit length, sign fixed so the largest is > 0. */
  loadings: number[][];
  /** Each row's score on each component: [row][k]. */
  scores: number[][];
  /** Column means removed. */
  means: number[];
}

/** PCA of `table` (rows × columns, every value finite); needs at least 2 rows and 1 column. */
export function pca(table: readonly (readonly number[])[], options: PcaOptions = {}): PcaResult {
  const rows = table.length;
  if (rows < 2) throw new RangeError(`invalid table: ${rows} rows, need at least 2`);
  const columns = table[0].length;
  if (columns < 1) throw new RangeError("invalid table: no columns");
  for (let i = 0; i < rows; i++) {
    if (table[i].length !== columns)
      throw new RangeError(`invalid table: row ${i} has ${table[i].length} values`);
    for (let j = 0; j < columns; j++)
      if (!Number.isFinite(table[i][j])) throw new RangeError(`invalid table[${i}][${j}]: ${table[i][j]}`);
  }
  const means = new Array<number>(columns).fill(0);
  for (const row of table) for (let j = 0; j < columns; j++) means[j] += row[j] / rows;
  const centred = new Matrix(rows, columns);
  for (let i = 0; i < rows; i++) for (let j = 0; j < columns; j++) centred.set(i, j, table[i][j] - means[j]);
  if (options.standardize) {
    for (let j = 0; j < columns; j++) {
      let ss = 0;
      for (let i = 0; i < rows; i++) ss += centred.get(i, j) ** 2;
      const sd = Math.sqrt(ss / rows);
      if (!(sd > 0)) throw new RangeError(`invalid table: column ${j} is constant`);
      for (let i = 0; i < rows; i++) centred.set(i, j, centred.get(i, j) / sd);
    }
  }
  const svd = new SVD(centred, { autoTranspose: true });
  const singular = svd.diagonal;
  const total = singular.reduce((s, v) => s + v * v, 0);
  const k = Math.min(rows, columns);
  const v = svd.rightSingularVectors;
  const loadings: number[][] = [];
  for (let c = 0; c < k; c++) {
    const load = Array.from({ length: columns }, (_, j) => v.get(j, c));
    const biggest = load.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
    loadings.push(biggest < 0 ? load.map((x) => -x) : load);
  }
  const scores = Array.from({ length: rows }, (_, i) =>
    loadings.map((load) => load.reduce((s, w, j) => s + w * centred.get(i, j), 0)),
  );
  return {
    rows,
    columns,
    explainedVarianceRatio: Array.from({ length: k }, (_, c) =>
      total > 0 ? singular[c] ** 2 / total : Number.NaN,
    ),
    loadings,
    scores,
    means,
  };
}
