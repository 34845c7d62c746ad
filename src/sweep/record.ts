/**
 * Stores a finished sweep as a run: a DuckDB run store with its tables (exported to Parquet and CSV), the report
 * section with its charts as HTML and PNG, written into a staging folder and renamed to `<out>/result` when
 * complete (`wallcast runs show result --out <out>` reads it back).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderReportHtml, svgToPng } from "../report/index.js";
import { jsonSafe } from "../run/execute.js";
import { type ResultTable, stageRun, writeRunStore } from "../store/index.js";
import type { SweepPlan } from "./jobs.js";
import { sweepReport } from "./report.js";
import type { SweepResult } from "./sweep.js";

/** Name of the finished sweep's run directory inside the sweep directory. */
export const SWEEP_RESULT_DIR = "result";

/** The run store tables of a sweep. */
export function sweepTables(
  plan: SweepPlan,
  result: Omit<SweepResult, "timing">,
  values: number[][],
): ResultTable[] {
  const { design } = plan;
  const tables: ResultTable[] = [
    {
      name: "sweep_factors",
      columns: [
        { name: "factor", type: "VARCHAR" },
        { name: "grp", type: "VARCHAR" },
        { name: "low", type: "DOUBLE" },
        { name: "base", type: "DOUBLE" },
        { name: "high", type: "DOUBLE" },
        { name: "source", type: "VARCHAR" },
      ],
      rows: result.factors.map((f) => [f.name, f.group, f.low, f.base, f.high, f.from]),
    },
    {
      name: "sweep_points",
      columns: [
        { name: "point", type: "BIGINT" },
        { name: "factor", type: "VARCHAR" },
        { name: "value", type: "DOUBLE" },
      ],
      rows: design.points.flatMap((p, k) => design.factors.map((f, i) => [k, f.name, p[i]])),
    },
    {
      name: "sweep_outputs",
      columns: [
        { name: "point", type: "BIGINT" },
        { name: "output", type: "VARCHAR" },
        { name: "value", type: "DOUBLE" },
      ],
      rows: values.flatMap((row, k) => row.map((v, j) => [k, plan.spec.outputs[j], v])),
    },
  ];
  const sobol = result.outputs.flatMap((o) =>
    (o.sobol?.indices ?? []).map((s) => [
      o.output,
      s.group,
      s.first,
      s.total,
      s.firstInterval[0],
      s.firstInterval[1],
      s.totalInterval[0],
      s.totalInterval[1],
    ]),
  );
  if (design.kind === "sobol")
    tables.push({
      name: "sweep_sobol",
      columns: [
        { name: "output", type: "VARCHAR" },
        { name: "grp", type: "VARCHAR" },
        { name: "first", type: "DOUBLE" },
        { name: "total", type: "DOUBLE" },
        { name: "first_lo", type: "DOUBLE" },
        { name: "first_hi", type: "DOUBLE" },
        { name: "total_lo", type: "DOUBLE" },
        { name: "total_hi", type: "DOUBLE" },
      ],
      rows: sobol,
    });
  if (design.kind === "morris")
    tables.push({
      name: "sweep_morris",
      columns: [
        { name: "output", type: "VARCHAR" },
        { name: "factor", type: "VARCHAR" },
        { name: "mu", type: "DOUBLE" },
        { name: "mu_star", type: "DOUBLE" },
        { name: "sigma", type: "DOUBLE" },
        { name: "effects", type: "BIGINT" },
      ],
      rows: result.outputs.flatMap((o) =>
        (o.morris ?? []).map((m) => [o.output, m.factor, m.mu, m.muStar, m.sigma, m.effects]),
      ),
    });
  if (design.kind === "lhs" || design.kind === "grid")
    tables.push({
      name: "sweep_correlations",
      columns: [
        { name: "output", type: "VARCHAR" },
        { name: "factor", type: "VARCHAR" },
        { name: "spearman", type: "DOUBLE" },
      ],
      rows: result.outputs.flatMap((o) =>
        (o.correlations ?? []).map((c) => [o.output, c.factor, c.spearman]),
      ),
    });
  return tables;
}

/**
 * Writes the finished sweep into `<out>/result` (replacing an earlier one of the same sweep) and returns that
 * directory. Nothing is left half-written: the folder is staged and renamed into place.
 */
export async function writeSweepResult(
  out: string,
  plan: SweepPlan,
  result: Omit<SweepResult, "timing">,
  values: number[][],
  now = new Date(),
): Promise<string> {
  const runId = SWEEP_RESULT_DIR;
  rmSync(join(out, runId), { recursive: true, force: true });
  const staged = stageRun(out, runId);
  try {
    await writeRunStore(
      staged.stagingDir,
      {
        runId: `sweep-${plan.hash.slice(0, 12)}`,
        createdAt: now.toISOString(),
        wallcastVersion: plan.spec.wallcast,
        seed: plan.spec.seed,
        paths: plan.spec.paths,
        scenarios: [plan.spec.scenario.name],
        parameters: jsonSafe({ hash: plan.hash, ...plan.spec }),
        results: jsonSafe(result),
      },
      sweepTables(plan, result, values),
    );
    const model = sweepReport(plan, result, now);
    writeFileSync(join(staged.stagingDir, "report.html"), renderReportHtml(model));
    mkdirSync(join(staged.stagingDir, "charts"));
    for (const section of model.sections)
      for (const c of section.charts ?? [])
        writeFileSync(join(staged.stagingDir, "charts", `${c.id}.png`), svgToPng(c.markup, 2, c.title));
    staged.commit();
    return staged.finalDir;
  } catch (error) {
    staged.discard();
    throw error;
  }
}
