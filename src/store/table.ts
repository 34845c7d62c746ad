/** A column type the run store knows: numbers are stored as DOUBLE, text as VARCHAR. */
export type ColumnType = "DOUBLE" | "BIGINT" | "VARCHAR" | "BOOLEAN";

export interface ColumnSpec {
  /** Column name: lower-case letters, digits and `_`, starting with a letter. */
  name: string;
  type: ColumnType;
}

/** A table of results as plain rows, the unit the run store writes and exports. */
export interface ResultTable {
  /** Table name: lower-case letters, digits and `_`, starting with a letter. */
  name: string;
  columns: ColumnSpec[];
  /** Row-major values; `null` (or NaN for DOUBLE) where a value is absent. */
  rows: Array<Array<number | string | boolean | null>>;
}

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

/** Checks a table's names and row widths; throws RangeError("invalid …") on a malformed table. */
export function validateTable(table: ResultTable): void {
  if (!IDENTIFIER.test(table.name)) throw new RangeError(`invalid table name: ${table.name}`);
  const seen = new Set<string>();
  for (const column of table.columns) {
    if (!IDENTIFIER.test(column.name) || seen.has(column.name))
      throw new RangeError(`invalid column name in ${table.name}: ${column.name}`);
    seen.add(column.name);
  }
  table.rows.forEach((row, i) => {
    if (row.length !== table.columns.length)
      throw new RangeError(
        `invalid row ${i} of ${table.name}: ${row.length} values for ${table.columns.length} columns`,
      );
  });
}
