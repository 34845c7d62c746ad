/**
 * The run store: one embedded DuckDB database per run directory, holding the run's record (scenario set,
 * resolved parameters, seed, wallcast version, the full result as JSON) and its result tables, with Parquet and
 * CSV exports beside it.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { InputError } from "../util/errors.js";
import { type ResultTable, validateTable } from "./table.js";

/** What identifies a stored run and lets it be reproduced. */
export interface RunRecord {
  runId: string;
  /** ISO timestamp of the run's start. */
  createdAt: string;
  wallcastVersion: string;
  seed: number;
  paths: number;
  /** Scenario ids in the run, in order. */
  scenarios: string[];
  /** The resolved parameters of every scenario (JSON-serialisable). */
  parameters: unknown;
  /** The full result object (JSON-serialisable); compared byte for byte on a re-run. */
  results: unknown;
}

export const RUN_DATABASE = "run.duckdb";

const RUN_TABLE = `create table if not exists run (
  run_id VARCHAR, created_at VARCHAR, wallcast_version VARCHAR, seed BIGINT, paths BIGINT,
  scenarios VARCHAR, parameters_json VARCHAR, results_json VARCHAR)`;

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

async function appendTable(connection: DuckDBConnection, table: ResultTable): Promise<void> {
  validateTable(table);
  const columns = table.columns.map((c) => `${c.name} ${c.type}`).join(", ");
  await connection.run(`create table ${table.name} (${columns})`);
  const appender = await connection.createAppender(table.name);
  for (const row of table.rows) {
    table.columns.forEach((column, j) => {
      const value = row[j];
      if (value === null || value === undefined) appender.appendNull();
      else if (column.type === "DOUBLE") appender.appendDouble(Number(value));
      else if (column.type === "BIGINT") appender.appendBigInt(BigInt(value as number));
      else if (column.type === "BOOLEAN") appender.appendBoolean(Boolean(value));
      else appender.appendVarchar(String(value));
    });
    appender.endRow();
  }
  appender.closeSync();
}

/**
 * Writes a run into `<dir>/run.duckdb` with its tables, and exports every table to `<dir>/parquet/<name>.parquet`
 * and `<dir>/csv/<name>.csv`. `dir` should be a fresh (temporary) directory: the caller renames it into place
 * once everything is written, so an interrupted run leaves nothing half-written.
 */
export async function writeRunStore(
  dir: string,
  record: RunRecord,
  tables: readonly ResultTable[],
): Promise<void> {
  mkdirSync(join(dir, "parquet"), { recursive: true });
  mkdirSync(join(dir, "csv"), { recursive: true });
  const instance = await DuckDBInstance.create(join(dir, RUN_DATABASE));
  const connection = await instance.connect();
  try {
    await connection.run(RUN_TABLE);
    const insert = await connection.prepare("insert into run values ($1, $2, $3, $4, $5, $6, $7, $8)");
    insert.bindVarchar(1, record.runId);
    insert.bindVarchar(2, record.createdAt);
    insert.bindVarchar(3, record.wallcastVersion);
    insert.bindBigInt(4, BigInt(record.seed));
    insert.bindBigInt(5, BigInt(record.paths));
    insert.bindVarchar(6, JSON.stringify(record.scenarios));
    insert.bindVarchar(7, JSON.stringify(record.parameters));
    insert.bindVarchar(8, JSON.stringify(record.results));
    await insert.run();
    for (const table of tables) {
      await appendTable(connection, table);
      await connection.run(
        `copy ${table.name} to ${quote(join(dir, "parquet", `${table.name}.parquet`))} (format parquet)`,
      );
      await connection.run(
        `copy ${table.name} to ${quote(join(dir, "csv", `${table.name}.csv`))} (header, delimiter ',')`,
      );
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A run read back from its database. */
export interface StoredRun extends RunRecord {
  /** Names of the result tables stored with it. */
  tables: string[];
}

/**
 * A run whose database cannot be read back (not a DuckDB file, a checksum error, truncated, no run record):
 * bad input naming the run's database, `damaged run store: <reason>`.
 */
export class DamagedRunError extends InputError {
  /** One line saying what is wrong. */
  readonly reason: string;
  constructor(dir: string, reason: string) {
    super({ file: join(dir, RUN_DATABASE), message: `damaged run store: ${reason}` });
    this.reason = reason;
  }
}

// DuckDB's message, on one line, with the database's full path shortened to its name and at most ~100 chars.
function damageReason(dir: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = (message.split("\n")[0] ?? "").replaceAll(join(dir, RUN_DATABASE), RUN_DATABASE).trim();
  return line.length > 100 ? `${line.slice(0, 99)}…` : line || "unreadable";
}

async function readRows(dir: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const instance = await DuckDBInstance.create(join(dir, RUN_DATABASE), { access_mode: "READ_ONLY" });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    // BIGINT comes back as bigint; counts and years fit in a double.
    return reader
      .getRowObjectsJS()
      .map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])),
      );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * Runs a read-only SQL query on a run's database and returns the rows as objects. Any DuckDB failure (a damaged
 * file, or a table the run does not have) is a DamagedRunError: the store's boundary, so callers never see
 * DuckDB's own exceptions.
 */
export async function queryRunStore(dir: string, sql: string): Promise<Array<Record<string, unknown>>> {
  try {
    return await readRows(dir, sql);
  } catch (error) {
    throw new DamagedRunError(dir, damageReason(dir, error));
  }
}

/** A run's identifying fields, without its parameters and results. */
export type RunHeader = Omit<RunRecord, "parameters" | "results">;

async function readRunRow(dir: string, columns: string): Promise<Record<string, unknown>> {
  const [row] = await queryRunStore(dir, `select ${columns} from run`);
  if (!row) throw new DamagedRunError(dir, "no run record");
  return row;
}

// A stored JSON column; text that does not parse means the record was damaged.
function parseStored(dir: string, column: string, text: unknown): unknown {
  try {
    return JSON.parse(String(text));
  } catch {
    throw new DamagedRunError(dir, `column ${column} of the run record is not JSON`);
  }
}

function runHeader(dir: string, row: Record<string, unknown>): RunHeader {
  const scenarios = parseStored(dir, "scenarios", row.scenarios);
  if (!Array.isArray(scenarios))
    throw new DamagedRunError(dir, "column scenarios of the run record is not a list");
  return {
    runId: String(row.run_id),
    createdAt: String(row.created_at),
    wallcastVersion: String(row.wallcast_version),
    seed: Number(row.seed),
    paths: Number(row.paths),
    scenarios: scenarios.map(String),
  };
}

/** Reads a run's header only (cheap: leaves the stored parameters and results unread). */
export async function readRunHeader(dir: string): Promise<RunHeader> {
  return runHeader(
    dir,
    await readRunRow(dir, "run_id, created_at, wallcast_version, seed, paths, scenarios"),
  );
}

/** Reads a run's record and the names of its tables. */
export async function readRunStore(dir: string): Promise<StoredRun> {
  const row = await readRunRow(dir, "*");
  const tables = await queryRunStore(
    dir,
    "select table_name from information_schema.tables where table_name <> 'run' order by table_name",
  );
  return {
    ...runHeader(dir, row),
    parameters: parseStored(dir, "parameters_json", row.parameters_json),
    results: parseStored(dir, "results_json", row.results_json),
    tables: tables.map((t) => String(t.table_name)),
  };
}
