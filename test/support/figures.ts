/** The figures of a CLI table (its decimals, with any exponent), in order; `timed`: without the first line, which
 * carries the run time. Tests compare a table's figures across languages with it. */
export function figures(text: string, timed = false): string[] {
  return (timed ? text.split("\n").slice(1).join("\n") : text).match(/-?\d+\.\d+(e[+-]?\d+)?/g) ?? [];
}
