/** A Jupyter notebook cell, as much of it as the recipes read. */
interface NotebookCell {
  outputs?: Array<{ output_type?: string; text?: string | string[] }>;
}

/**
 * The printed (stream) output of the cell at 0-based position `index` in the notebook's `cells`, every stream
 * output joined in order. A notebook stores text as one string or as a list of lines; both are accepted.
 */
export function notebookCellOutput(notebook: Buffer, index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`invalid index: ${index}`);
  const parsed = JSON.parse(notebook.toString("utf8")) as { cells?: NotebookCell[] };
  const cell = parsed.cells?.[index];
  if (!cell) throw new Error(`the notebook has no cell ${index}`);
  const text = (cell.outputs ?? [])
    .filter((o) => o.output_type === "stream")
    .map((o) => (Array.isArray(o.text) ? o.text.join("") : (o.text ?? "")))
    .join("");
  if (text === "") throw new Error(`cell ${index} of the notebook printed nothing`);
  return text;
}
