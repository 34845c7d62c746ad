import { type CsvTable, columnIndex, type RowFilter } from "../data/csv.js";
import { InputError } from "../util/errors.js";
import { dateCell, isoDateOfYear } from "./dates.js";

/** The metrics a trend can follow, with the Epoch columns that hold them. */
export const TREND_METRICS = {
  compute: { columns: ["Training compute (FLOP)"], label: "training compute (FLOP)" },
  params: { columns: ["Parameters"], label: "parameters" },
  data: { columns: ["Training dataset size (datapoints)"], label: "training dataset size (datapoints)" },
  cost: {
    columns: ["Training compute cost (2023 USD)", "Training compute cost (2023 US$)", "Cost (2023 USD)"],
    label: "training compute cost (2023 USD)",
  },
} as const;

/** Name of a trend metric: a key of `TREND_METRICS`. */
export type TrendMetric = keyof typeof TREND_METRICS;

/** Columns every Epoch models file names the same way (first alias found wins). */
const DATE_COLUMNS = ["Publication date", "Publication Date"];
const NOTABILITY_COLUMNS = ["Notability criteria"];
const MODEL_COLUMNS = ["Model", "System"];

/** Which models a trend uses. */
export type FrontierRule = { kind: "top"; k: number } | { kind: "within"; oom: number };

/** Options of `selectTrendPoints`: the metric to follow and the filters that pick the models. */
export interface SelectionOptions {
  metric: TrendMetric;
  /** Keep rows with a non-empty `Notability criteria`. Default false. */
  notable?: boolean;
  /**
   * Frontier by training compute, judged at each model's release against every model (after `where` and
   * `notable`) released on or before that day, including those before `since`: `top` keeps the K largest,
   * `within` those within `oom` orders of magnitude of the running maximum.
   */
  frontier?: FrontierRule;
  /** First and last publication dates kept, as decimal years (inclusive). */
  since?: number;
  until?: number;
  /** `COL=VALUE` filters; a cell matches when it equals VALUE or one of its comma-separated items does. */
  where?: readonly RowFilter[];
}

/** One model in a trend: its date and metric value. */
export interface TrendPoint {
  /** Model name (or `line N` when the file has no model column). */
  model: string;
  /** Publication date `YYYY-MM-DD`. */
  date: string;
  /** Publication date as a decimal year. */
  year: number;
  /** Metric value in its own units (FLOP, parameters, datapoints, 2023 USD). */
  value: number;
  log10: number;
  /** File line of the row. */
  line: number;
}

/** Rows left after each step of the selection, so an empty result can say which step emptied it. */
export interface SelectionCounts {
  rows: number;
  where: number;
  notable: number;
  dated: number;
  frontier: number;
  /** Rows with a positive metric value (zero or negative values cannot be put on a log scale). */
  metric: number;
  /** Rows whose metric value was zero or negative and so were dropped. */
  nonPositive: number;
  dates: number;
}

/** What `selectTrendPoints` returns: the models picked, by date, and the rows left after each step. */
export interface TrendSelection {
  metric: TrendMetric;
  /** Column the metric was read from. */
  column: string;
  points: TrendPoint[];
  counts: SelectionCounts;
}

/** The first of `names` the table has; undefined when none. */
function findColumn(table: CsvTable, names: readonly string[]): number | undefined {
  for (const name of names) {
    const index = table.header.indexOf(name);
    if (index >= 0) return index;
  }
  return undefined;
}

function requireColumn(table: CsvTable, names: readonly string[], flag: string): number {
  return findColumn(table, names) ?? columnIndex(table, names[0], flag);
}

/**
 * A metric cell as a number: empty is NaN (missing); `$` signs and thousands separators are dropped
 * (Epoch's cost column reads `$6770000.00`); anything else that is not a finite number is an InputError.
 */
export function metricCell(table: CsvTable, row: number, column: number): number {
  const raw = table.rows[row][column];
  const text = raw.trim().replace(/^\$/, "").replaceAll(",", "");
  if (text === "") return Number.NaN;
  const value = Number(text);
  if (!Number.isFinite(value)) {
    throw new InputError({
      file: table.file,
      line: table.lines[row],
      field: table.header[column],
      value: raw,
      message: "not a finite number",
    });
  }
  return value;
}

function matchesFilter(cell: string, value: string): boolean {
  const text = cell.trim();
  return text === value || text.split(",").some((item) => item.trim() === value);
}

/** Parses `top:K` (K ≥ 1 integer) or `within:OOM` (OOM ≥ 0); anything else is an InputError. */
export function parseFrontierRule(text: string): FrontierRule {
  const match = /^(top|within):(.+)$/.exec(text.trim());
  const amount = match ? Number(match[2]) : Number.NaN;
  if (match?.[1] === "top" && Number.isSafeInteger(amount) && amount >= 1) return { kind: "top", k: amount };
  if (match?.[1] === "within" && Number.isFinite(amount) && amount >= 0)
    return { kind: "within", oom: amount };
  throw new InputError({
    field: "--frontier",
    value: text,
    message: "expected top:K (K a whole number ≥ 1) or within:OOM (OOM ≥ 0)",
  });
}

/** Indices (into `dated`) of the models on the running compute frontier. */
function frontierRows(dates: Float64Array, log10Compute: Float64Array, rule: FrontierRule): boolean[] {
  const n = dates.length;
  const keep = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(log10Compute[i])) continue;
    let larger = 0;
    let runningMax = log10Compute[i];
    for (let j = 0; j < n; j++) {
      if (!(dates[j] <= dates[i]) || !Number.isFinite(log10Compute[j])) continue;
      if (log10Compute[j] > log10Compute[i]) larger++;
      if (log10Compute[j] > runningMax) runningMax = log10Compute[j];
    }
    keep[i] = rule.kind === "top" ? larger < rule.k : log10Compute[i] >= runningMax - rule.oom;
  }
  return keep;
}

/**
 * Selects the models of a trend from an Epoch models table (the training-cost-trends "All ML Systems" view or
 * the notable/large-scale downloads). Steps, in order: `where`, `notable`, a publication date, frontier,
 * a positive metric value, `since`/`until`. Unknown columns and unreadable cells are InputErrors.
 */
export function selectTrendPoints(table: CsvTable, options: SelectionOptions): TrendSelection {
  const spec = TREND_METRICS[options.metric];
  if (!spec) throw new InputError({ field: "--metric", value: options.metric, message: "unknown metric" });
  const metricColumn = requireColumn(table, spec.columns, "--metric");
  const dateColumn = requireColumn(table, DATE_COLUMNS, "date column");
  const modelColumn = findColumn(table, MODEL_COLUMNS);
  const filters = (options.where ?? []).map((f) => ({
    index: columnIndex(table, f.column, "--where"),
    value: f.value,
  }));
  const notabilityColumn = options.notable ? requireColumn(table, NOTABILITY_COLUMNS, "--notable") : -1;
  const computeColumn = options.frontier
    ? requireColumn(table, TREND_METRICS.compute.columns, "--frontier")
    : -1;
  const counts: SelectionCounts = {
    rows: table.rows.length,
    where: 0,
    notable: 0,
    dated: 0,
    frontier: 0,
    metric: 0,
    nonPositive: 0,
    dates: 0,
  };
  const rows: number[] = [];
  const years: number[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const cells = table.rows[r];
    if (!filters.every((f) => matchesFilter(cells[f.index], f.value))) continue;
    counts.where++;
    if (notabilityColumn >= 0 && cells[notabilityColumn].trim() === "") continue;
    counts.notable++;
    const year = dateCell(table, r, dateColumn);
    if (Number.isNaN(year)) continue;
    counts.dated++;
    rows.push(r);
    years.push(year);
  }
  let onFrontier: boolean[] | undefined;
  if (options.frontier) {
    const log10Compute = Float64Array.from(rows, (r) => {
      const c = metricCell(table, r, computeColumn);
      return c > 0 ? Math.log10(c) : Number.NaN;
    });
    onFrontier = frontierRows(Float64Array.from(years), log10Compute, options.frontier);
  }
  const points: TrendPoint[] = [];
  for (let k = 0; k < rows.length; k++) {
    if (onFrontier && !onFrontier[k]) continue;
    counts.frontier++;
    const r = rows[k];
    const value = metricCell(table, r, metricColumn);
    if (Number.isNaN(value)) continue;
    if (!(value > 0)) {
      counts.nonPositive++;
      continue;
    }
    counts.metric++;
    const year = years[k];
    if (options.since !== undefined && year < options.since) continue;
    if (options.until !== undefined && year > options.until) continue;
    counts.dates++;
    points.push({
      model: modelColumn === undefined ? `line ${table.lines[r]}` : table.rows[r][modelColumn].trim(),
      date: table.rows[r][dateColumn].trim().slice(0, 10) || isoDateOfYear(year),
      year,
      value,
      log10: Math.log10(value),
      line: table.lines[r],
    });
  }
  points.sort((a, b) => a.year - b.year || a.line - b.line);
  return { metric: options.metric, column: table.header[metricColumn], points, counts };
}

/** Throws an InputError when a selection has fewer than `needed` points, naming the counts at each step. */
export function requirePoints(selection: TrendSelection, needed: number, file: string): void {
  const have = selection.points.length;
  if (have >= needed) return;
  const c = selection.counts;
  throw new InputError({
    file,
    field: "selection",
    value: have,
    message:
      `the selection leaves ${have} rows with a ${selection.column}, the fit needs at least ${needed} ` +
      `(rows ${c.rows} → where ${c.where} → notable ${c.notable} → dated ${c.dated} → frontier ${c.frontier} ` +
      `→ with metric ${c.metric} → in dates ${c.dates})`,
  });
}
