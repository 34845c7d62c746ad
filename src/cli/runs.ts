import { existsSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { Command } from "commander";
import { formatDate, type Lang, translator } from "../i18n/index.js";
import { diffRuns } from "../run/index.js";
import {
  listRunDirectories,
  listRuns,
  queryRunStore,
  RUN_DATABASE,
  type RunHeader,
  readRunHeader,
} from "../store/index.js";
import { InputError } from "../util/errors.js";
import { langOption, printJson, resolveLang } from "./shared.js";

interface RunsOptions {
  /** Folder of run directories (default ./wallcast-runs). */
  out: string;
  /** Print one JSON object (default false). */
  json?: boolean;
  /** Language of the human-readable output (default: $WALLCAST_LANG, then English). */
  lang?: Lang;
}

/** A run directory from a run id under `out`, or a path to a run directory. */
function runDir(id: string, out: string): string {
  const inOut = join(resolve(out), id);
  if (existsSync(join(inOut, RUN_DATABASE))) return inOut;
  if (existsSync(join(id, RUN_DATABASE))) return resolve(id);
  const known = listRunDirectories(resolve(out)).map((d) => basename(d));
  throw new InputError({
    field: "runId",
    value: id,
    message: `no such run in ${resolve(out)}${known.length ? ` (runs: ${known.join(", ")})` : " (no runs yet)"}`,
  });
}

function num(v: unknown, digits = 3): string {
  return typeof v === "number" ? v.toFixed(digits) : String(v);
}

export function register(program: Command): void {
  const runs = program.command("runs").description("the run store: list, show and compare stored runs");
  const outOption = ["--out <dir>", "folder of run directories", "wallcast-runs"] as const;

  const listCommand = runs
    .command("list")
    .description("list the stored runs")
    .option(...outOption)
    .option("--json", "print one JSON object");
  langOption(listCommand).action(async (options: RunsOptions) => {
    const lang = resolveLang(options.lang);
    const t = translator(lang);
    // A damaged run is listed as such: it never hides (or crashes the listing of) the others.
    const stored = await listRuns(resolve(options.out));
    if (options.json) {
      printJson({ out: resolve(options.out), runs: stored });
      return;
    }
    if (stored.length === 0) {
      process.stdout.write(`${t("cli.runs.none", { out: resolve(options.out) })}\n`);
      return;
    }
    const lines = stored.map((r) =>
      r.status === "damaged"
        ? t("cli.runs.damaged", { runId: r.runId.padEnd(28), reason: r.reason })
        : t("cli.runs.row", {
            runId: r.runId.padEnd(28),
            createdAt: formatDate(r.createdAt, lang),
            seed: String(r.seed).padEnd(6),
            paths: String(r.paths).padEnd(7),
            scenarios: r.scenarios.join(", "),
          }),
    );
    process.stdout.write(`${lines.join("\n")}\n`);
  });

  const showCommand = runs
    .command("show")
    .description("show a stored run: its record, tables and scenario summary")
    .argument("<runId>", "run id (or a run directory)")
    .option(...outOption)
    .option("--json", "print one JSON object");
  langOption(showCommand).action(async (id: string, options: RunsOptions) => {
    const lang = resolveLang(options.lang);
    const t = translator(lang);
    const dir = runDir(id, options.out);
    const shown = await showRun(dir);
    const { tables, summary, reverseStress: stress, report } = shown;
    const head = shown;
    if (options.json) {
      printJson(shown);
      return;
    }
    const lines = [
      t("cli.runs.header", {
        runId: head.runId,
        createdAt: formatDate(head.createdAt, lang),
        version: head.wallcastVersion,
        seed: head.seed,
        paths: head.paths,
      }),
      t("cli.runs.scenarios", { scenarios: head.scenarios.join(", ") }),
      t("cli.runs.tables", { tables: tables.map((table) => `${table.name} (${table.rows})`).join(", ") }),
      "",
      ...summary.map((s) =>
        t("cli.runs.summary", {
          scenario: String(s.scenario).padEnd(20),
          capability: num(s.capability_p50, 2),
          revenue: num(s.revenue_usd_b_per_year, 1),
          expectedDefaults: num(s.expected_defaults, 2),
          lenderLoss: num(s.lender_loss_usd_b, 1),
          entity: String(s.riskiest_entity),
          p: num(s.riskiest_p),
        }),
      ),
      ...stress.map((s) =>
        t("cli.runs.stress", {
          entity: String(s.entity),
          shortfall: num(s.shortfall),
          year: String(s.year),
          threshold: String(s.threshold),
        }),
      ),
      "",
      t("cli.run.report", { path: report }),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  });

  const diffCommand = runs
    .command("diff")
    .description(
      "differences between two runs (B − A): P(default) per scenario × entity × year, losses by kind",
    )
    .argument("<runA>", "run id (or a run directory)")
    .argument("<runB>", "run id (or a run directory)")
    .option(...outOption)
    .option("--json", "print one JSON object");
  langOption(diffCommand).action(async (a: string, b: string, options: RunsOptions) => {
    const t = translator(resolveLang(options.lang));
    const diff = await diffRuns(runDir(a, options.out), runDir(b, options.out), { runA: a, runB: b });
    if (options.json) {
      printJson(diff);
      return;
    }
    type Row = (typeof diff.pDefault)[number];
    const changed = (rows: Row[]) =>
      rows
        .filter((r) => r.delta !== null && r.delta !== 0)
        .sort((x, y) => Math.abs(y.delta ?? 0) - Math.abs(x.delta ?? 0));
    const oneSided = (rows: Row[], side: "a" | "b") => [
      ...new Set(rows.filter((r) => r[side] === null).map((r) => r.scenario)),
    ];
    const p = changed(diff.pDefault);
    const l = changed(diff.losses);
    const both = diff.pDefault.filter((r) => r.delta !== null).length;
    const show = (r: Row) =>
      `  ${r.scenario.padEnd(20)} ${r.key.padEnd(22)} ${r.at.padEnd(13)} ${num(r.a)} → ${num(r.b)}  (${(r.delta ?? 0) > 0 ? "+" : ""}${num(r.delta)})`;
    const onlyA = oneSided([...diff.pDefault, ...diff.losses], "b");
    const onlyB = oneSided([...diff.pDefault, ...diff.losses], "a");
    const lines = [
      t("cli.runs.diff", {
        b,
        a,
        changed: p.length,
        both,
        losses: l.length,
        maxP: num(diff.maxAbsDeltaP),
        maxLoss: num(diff.maxAbsDeltaLossUsdB),
      }),
      ...(onlyA.length ? [t("cli.runs.onlyIn", { run: a, scenarios: onlyA.join(", ") })] : []),
      ...(onlyB.length ? [t("cli.runs.onlyIn", { run: b, scenarios: onlyB.join(", ") })] : []),
      ...(p.length ? [t("cli.runs.pChanges"), ...p.slice(0, 15).map(show)] : []),
      ...(l.length ? [t("cli.runs.lossChanges"), ...l.slice(0, 15).map(show)] : []),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  });
}

/** A stored run as `runs show --json` gives it: its header, directory, report, tables and scenario summary. */
export async function showRun(dir: string): Promise<
  RunHeader & {
    dir: string;
    report: string;
    tables: Array<Record<string, unknown>>;
    summary: Array<Record<string, unknown>>;
    reverseStress: Array<Record<string, unknown>>;
  }
> {
  const head = await readRunHeader(dir);
  const tables = await queryRunStore(
    dir,
    "select table_name as name, estimated_size as rows from duckdb_tables() where table_name <> 'run' order by table_name",
  );
  // A stored sweep (`wallcast sweep`) has its own tables and neither of these.
  const has = (name: string) => tables.some((t) => t.name === name);
  const summary = has("scenario_summary") ? await queryRunStore(dir, "select * from scenario_summary") : [];
  const reverseStress = has("reverse_stress") ? await queryRunStore(dir, "select * from reverse_stress") : [];
  return { ...head, dir, report: join(dir, "report.html"), tables, summary, reverseStress };
}
