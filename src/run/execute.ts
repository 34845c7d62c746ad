/**
 * A run from start to finish: stage a run directory, run the main job, write the run store, the report and its
 * PNG charts, then commit. Anything that stops it early (an error, Ctrl-C, SIGTERM) leaves no run behind.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Lang } from "../i18n/lang.js";
import { renderReportHtml, svgToPng } from "../report/index.js";
import { buildReport, reportCharts } from "../report/runReport.js";
import {
  checkRunId,
  newRunId,
  prepareOutDir,
  type RunRecord,
  stageRun,
  writeRunStore,
} from "../store/index.js";
import { VERSION } from "../version.js";
import { type RunOptions, type RunOutput, runMainJob } from "./pipeline.js";
import { runTables } from "./tables.js";

/** Options of `executeRun`: the main job's options plus the output folder, the run id and the start time. */
export interface ExecuteOptions extends RunOptions {
  /** Folder holding the run directories; created if missing, refused (InputError) if it cannot hold runs. */
  outDir: string;
  /** Run id (letters, digits, `.`, `_`, `-`); default from the start time, the seed and a random suffix. */
  runId?: string;
  /** Start time; default now. */
  now?: Date;
  /** Language of the report; default English. */
  lang?: Lang;
}

/** What `executeRun` committed: id, directory, report path, output, stored record, table names, chart ids. */
export interface ExecutedRun {
  runId: string;
  dir: string;
  reportPath: string;
  output: RunOutput;
  record: RunRecord;
  tables: string[];
  charts: string[];
}

/** JSON cannot hold ±Infinity or NaN: store them as strings, so the stored results say what they were. */
export function jsonSafe(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, jsonSafe);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  return value;
}

/** Runs and stores one run; see ExecuteOptions. */
export async function executeRun(options: ExecuteOptions): Promise<ExecutedRun> {
  const now = options.now ?? new Date();
  // Everything the user named is checked before any work: a bad --out or --id fails at once.
  const runId = options.runId === undefined ? newRunId(now, options.seed) : checkRunId(options.runId);
  prepareOutDir(options.outDir);
  const staged = stageRun(options.outDir, runId);
  try {
    const output = await runMainJob(options);
    const record: RunRecord = {
      runId,
      createdAt: now.toISOString(),
      wallcastVersion: VERSION,
      seed: options.seed,
      paths: options.paths,
      scenarios: output.results.scenarios.map((s) => s.id),
      parameters: jsonSafe(output.parameters),
      results: jsonSafe(output.results),
    };
    const tables = runTables(output);
    await writeRunStore(staged.stagingDir, record, tables);
    const model = buildReport(
      output,
      {
        runId,
        createdAt: record.createdAt,
        wallcastVersion: VERSION,
        seed: options.seed,
        paths: options.paths,
      },
      { lang: options.lang },
    );
    writeFileSync(join(staged.stagingDir, "report.html"), renderReportHtml(model));
    const charts = reportCharts(model);
    mkdirSync(join(staged.stagingDir, "charts"));
    for (const c of charts)
      writeFileSync(join(staged.stagingDir, "charts", `${c.id}.png`), svgToPng(c.markup, 2, c.title));
    staged.commit();
    return {
      runId,
      dir: staged.finalDir,
      reportPath: join(staged.finalDir, "report.html"),
      output,
      record,
      tables: tables.map((t) => t.name),
      charts: charts.map((c) => c.id),
    };
  } catch (error) {
    staged.discard();
    throw error;
  }
}
