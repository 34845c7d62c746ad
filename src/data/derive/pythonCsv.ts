/** CSV written as Python's `csv.writer` writes it by default, so rebuilt files match the pinned ones byte for byte. */

/** A field as `csv.writer` writes it (QUOTE_MINIMAL): quoted when it holds `,`, `"`, CR or LF. */
export function pythonCsvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV text of rows (the header first), each ended by CRLF. */
export function pythonCsvText(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(pythonCsvField).join(",")}\r\n`).join("");
}
