import { type Command, Option } from "commander";
import {
  type CsvTable,
  columnIndex,
  filterRows,
  numericColumn,
  parseFilter,
  readCsvFile,
} from "../data/csv.js";
import { resolveDataDir } from "../data/dataDir.js";
import { resolveDataRef } from "../data/registry.js";
import { type BootstrapResult, bootstrap } from "../fit/bootstrap.js";
import { type FitOptions, type FitResult, objectiveAt } from "../fit/fit.js";
import { fitParallel } from "../fit/fitParallel.js";
import { FORM_NAMES, getForm } from "../fit/forms/index.js";
import type { FitColumns, Form, InputName } from "../fit/forms/types.js";
import { LOSS_NAMES, type LossName } from "../fit/objectives/index.js";
import { toInternal } from "../fit/problem.js";
import { catalogue, displayWidth, type Lang, padEndColumns, translator } from "../i18n/index.js";
import { InputError } from "../util/errors.js";
import { MAX_BOOTSTRAP, MAX_ROWS, MAX_SEED, MAX_THREADS } from "../util/limits.js";
import { terminalProgress } from "../util/progress.js";
import {
  collect,
  globalOptions,
  intArg,
  langFlag,
  numberArg,
  parseJsonObject,
  parseNumberRecord,
  printJson,
  resolveLang,
  userCall,
  userCallAsync,
} from "./shared.js";

/** The options of `wallcast fit` after commander's defaults (also built by `wallcast serve` from a request). */
export interface FitCliOptions {
  /** Functional form (required). */
  form: string;
  /** Column of the scale variable for one-input forms (default: x, training_dataset_size). */
  x?: string;
  /** Column of the fitted quantity (default: loss, val_loss, test_cross_entropy, y). */
  y?: string;
  /** Column of parameters N (default: Model Size, params_N, N). */
  n?: string;
  /** Column of training tokens D (default: Training Tokens, tokens_D, D). */
  d?: string;
  /** Column of training FLOP C; D = C/(6N) (default when no D column: Training FLOP, C). */
  c?: string;
  /** Column of unique tokens U (default: unique_tokens_U, U). */
  u?: string;
  /** Row filters for the fit, COL=VALUE (default: all rows). */
  where: string[];
  /** Row filters for hold-out scoring, COL=VALUE (default: none). */
  testWhere: string[];
  /** Objective (default huber). */
  loss: LossName;
  /** Huber threshold (default 1e-3). */
  delta: number;
  /** Rows with the highest y dropped before fitting (default 0). */
  dropWorst: number;
  /** BNSL breaks, 1–3 (default 1). */
  breaks: number;
  /** Parameters held fixed, JSON object in reported units. */
  fix?: string;
  /** Single start, JSON object in reported units. */
  init?: string;
  /** Start grid, JSON object of value lists in reported units. */
  grid?: string;
  /** Bootstrap replicates (default: none). */
  bootstrap?: number;
  /** Bootstrap seed (default 1). */
  seed: number;
  /** Worker threads for the start grid and the bootstrap (default: the machine's cores). */
  threads?: number;
  /** Print one JSON object. */
  json?: boolean;
  /** Language of the report (default: $WALLCAST_LANG, then en). */
  lang?: Lang;
}

/** Column names tried, in order, when a column flag is not given. */
const DEFAULT_COLUMNS: Record<InputName | "y" | "c", readonly string[]> = {
  y: ["loss", "val_loss", "test_cross_entropy", "y"],
  x: ["x", "training_dataset_size"],
  n: ["Model Size", "params_N", "N"],
  d: ["Training Tokens", "tokens_D", "D"],
  c: ["Training FLOP", "C"],
  u: ["unique_tokens_U", "U"],
};

/** Hoffmann et al. (2022) Approach 3 as published (rounded) and unrounded (Besiroglu et al. 2024, case S4). */
const HOFFMANN_ROUNDED = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
const HOFFMANN_UNROUNDED = { E: 1.69337, A: 406.401, B: 410.723, alpha: 0.33917084, beta: 0.2849083 };

export function register(program: Command): void {
  program
    .command("fit")
    .description(
      "fit a scaling law to a CSV file or dataset: multi-start L-BFGS, AIC/BIC, hold-out, bootstrap",
    )
    .argument("<data>", "CSV path or dataset-id[:file]")
    .addOption(new Option("--form <form>", "functional form").choices(FORM_NAMES).makeOptionMandatory())
    .option("--x <col>", "scale column for power, bnsl, sigmoid")
    .option("--y <col>", "fitted column (loss, score)")
    .option("--n <col>", "parameters column N")
    .option("--d <col>", "training tokens column D")
    .option("--c <col>", "training FLOP column C; D = C/(6N)")
    .option("--u <col>", "unique tokens column U (data-constrained)")
    .option("--where <COL=VALUE>", "fit only rows where COL equals VALUE (repeatable)", collect, [])
    .option(
      "--test-where <COL=VALUE>",
      "score RMSLE on rows where COL equals VALUE (repeatable)",
      collect,
      [],
    )
    .addOption(new Option("--loss <loss>", "objective").choices(LOSS_NAMES).default("huber"))
    .option("--delta <delta>", "Huber threshold on log residuals", numberArg("--delta"), 1e-3)
    .option(
      "--drop-worst <K>",
      "drop the K rows with the highest y before fitting",
      intArg("--drop-worst", 0, MAX_ROWS),
      0,
    )
    .option("--breaks <K>", "BNSL breaks, 1-3", intArg("--breaks", 1, 3), 1)
    .option("--fix <json>", "hold parameters fixed, e.g. '{\"E\":0}'")
    .option("--init <json>", "start from these parameters instead of the grid")
    .option("--grid <json>", 'start grid, e.g. \'{"alpha":[0.2,0.5],"E":[1,2]}\'')
    .option("--bootstrap <B>", "bootstrap replicates", intArg("--bootstrap", 2, MAX_BOOTSTRAP))
    .option("--seed <S>", "bootstrap seed", intArg("--seed", 0, MAX_SEED), 1)
    .option(
      "--threads <T>",
      "worker threads for the start grid and the bootstrap",
      intArg("--threads", 1, MAX_THREADS),
    )
    .option("--json", "print one JSON object")
    .addOption(langFlag())
    .action(async (ref: string, options: FitCliOptions, command: Command) => {
      const lang = resolveLang(options.lang);
      const dataDir = resolveDataDir(globalOptions(command).data);
      const progress =
        options.bootstrap === undefined
          ? undefined
          : terminalProgress("bootstrap", options.bootstrap, options.json);
      let run: FitRun;
      try {
        run = await runFit(ref, options, dataDir, (k) => progress?.tick(k));
      } finally {
        progress?.stop();
      }
      if (options.json) {
        printJson(fitJson(run.result, run.boot));
        return;
      }
      process.stdout.write(humanReport(run, options.seed, lang));
    });
}

/** A fit as `wallcast fit` computes it: the file, the result, the bootstrap, the rows and the fit's settings. */
export interface FitRun {
  path: string;
  result: FitResult;
  boot?: BootstrapResult;
  train: FitColumns;
  spec: { form: string; breaks: number; loss: LossName; delta: number; fix?: Record<string, number> };
}

/**
 * Fits `ref` (a CSV path or dataset-id[:file] under `dataDir`) as `wallcast fit` does; `onBootstrap` is told of
 * each batch of finished bootstrap replicates. Bad input is an InputError.
 */
export async function runFit(
  ref: string,
  options: FitCliOptions,
  dataDir: string,
  onBootstrap: (replicates: number) => void = () => {},
): Promise<FitRun> {
  if (!(options.delta > 0))
    throw new InputError({
      field: "--delta",
      value: options.delta,
      message: "must be a positive number",
    });
  const path = resolveDataRef(ref, dataDir);
  const table = await readCsvFile(path);
  const form = getForm(options.form, { breaks: options.breaks });
  const fix = options.fix === undefined ? undefined : parseParams(options.fix, "--fix", form);
  const init = options.init === undefined ? undefined : parseParams(options.init, "--init", form);
  const grid = options.grid === undefined ? undefined : parseGrid(options.grid, form);
  const { train, test } = readColumns(table, form, options);
  const spec = {
    form: options.form,
    breaks: options.breaks,
    loss: options.loss,
    delta: options.delta,
    fix,
  };
  const fitOptions: FitOptions = { ...spec, init, grid, test };
  // Every argument of the fit comes from the flags and the file: its "invalid ..." is the user's.
  const result = await userCallAsync({ file: path }, () => fitParallel(train, fitOptions, options.threads));
  let boot: BootstrapResult | undefined;
  if (options.bootstrap !== undefined) {
    const replicates = options.bootstrap;
    boot = await userCallAsync({ file: path, field: "--bootstrap" }, () =>
      bootstrap(train, spec, result, {
        replicates,
        seed: options.seed,
        threads: options.threads,
        onProgress: onBootstrap,
      }),
    );
  }
  return { path, result, boot, train, spec };
}

function parseParams(text: string, flag: string, form: Form): Record<string, number> {
  const record = parseNumberRecord(text, flag);
  for (const [name, value] of Object.entries(record)) checkParam(name, value, flag, form);
  return record;
}

/** InputError unless `name` is a parameter of the form and `value` one it can take. */
function checkParam(name: string, value: number, flag: string, form: Form): void {
  const spec = form.params.find((p) => p.name === name);
  if (!spec) {
    throw new InputError({
      field: flag,
      value: name,
      message: `unknown parameter of ${form.name}; it has ${form.params.map((p) => p.name).join(", ")}`,
    });
  }
  userCall({ field: `${flag} ${name}`, value }, () => toInternal(spec, value));
}

function parseGrid(text: string, form: Form): Record<string, number[]> {
  const value = parseJsonObject(text, "--grid", "a JSON object of number lists");
  const out: Record<string, number[]> = Object.create(null);
  for (const [name, list] of Object.entries(value)) {
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      !list.every((v) => typeof v === "number" && Number.isFinite(v))
    ) {
      throw new InputError({
        field: `--grid ${name}`,
        value: list,
        message: "expected a non-empty list of numbers",
      });
    }
    for (const v of list) checkParam(name, v, "--grid", form);
    out[name] = list;
  }
  return out;
}

/** The column for `role`: the flag's, else the first default name the file has; undefined when none. */
function findColumn(
  table: CsvTable,
  role: InputName | "y" | "c",
  flag: string | undefined,
): string | undefined {
  if (flag !== undefined) {
    columnIndex(table, flag, `--${role}`);
    return flag;
  }
  return DEFAULT_COLUMNS[role].find((name) => table.header.includes(name));
}

function requireColumn(table: CsvTable, form: Form, role: InputName | "y", flag: string | undefined): string {
  const column = findColumn(table, role, flag);
  if (column === undefined) {
    const tried = DEFAULT_COLUMNS[role].map((c) => JSON.stringify(c)).join(", ");
    throw new InputError({
      file: table.file,
      field: `--${role}`,
      message: `form ${form.name} needs a ${role} column: pass --${role} COL (none of ${tried} in the file)`,
    });
  }
  return column;
}

function readRows(table: CsvTable, form: Form, options: FitCliOptions, rows: number[]): FitColumns {
  const read = (column: string) => numericColumn(table, column, { positive: true, rows });
  const columns: FitColumns = { y: read(requireColumn(table, form, "y", options.y)) };
  for (const input of form.inputs) {
    if (input === "d") continue;
    columns[input] = read(requireColumn(table, form, input, options[input]));
  }
  if (form.inputs.includes("d")) {
    if (options.d !== undefined && options.c !== undefined) {
      throw new InputError({ field: "--c", value: options.c, message: "give --d or --c, not both" });
    }
    const d = options.c === undefined ? findColumn(table, "d", options.d) : undefined;
    if (d !== undefined) columns.d = read(d);
    else {
      const c = findColumn(table, "c", options.c);
      if (c === undefined) {
        throw new InputError({
          file: table.file,
          field: "--d",
          message: `form ${form.name} needs training tokens: pass --d COL or --c COL (FLOP, D = C/(6N))`,
        });
      }
      const flop = read(c);
      columns.d = flop.map((v, i) => v / (6 * columns.n![i]));
    }
  }
  return columns;
}

function readColumns(
  table: CsvTable,
  form: Form,
  options: FitCliOptions,
): { train: FitColumns; test?: FitColumns } {
  if (table.rows.length === 0) throw new InputError({ file: table.file, message: "no data rows" });
  let rows = filterRows(
    table,
    options.where.map((w) => parseFilter(w, "--where")),
    "--where",
  );
  if (rows.length === 0) {
    throw new InputError({
      file: table.file,
      field: "--where",
      value: options.where.join(" "),
      message: "no rows match",
    });
  }
  let train = readRows(table, form, options, rows);
  if (options.dropWorst > 0) {
    if (options.dropWorst >= rows.length) {
      throw new InputError({
        field: "--drop-worst",
        value: options.dropWorst,
        message: `only ${rows.length} rows`,
      });
    }
    // Keep y below the K-th highest value (Besiroglu et al.'s rule; ties at the threshold go too).
    const threshold = Array.from(train.y).sort((a, b) => b - a)[options.dropWorst - 1];
    rows = rows.filter((_, i) => train.y[i] < threshold);
    train = readRows(table, form, options, rows);
  }
  if (options.testWhere.length === 0) return { train };
  const testRows = filterRows(
    table,
    options.testWhere.map((w) => parseFilter(w, "--test-where")),
    "--test-where",
  );
  if (testRows.length === 0) {
    throw new InputError({
      file: table.file,
      field: "--test-where",
      value: options.testWhere.join(" "),
      message: "no rows match",
    });
  }
  return { train, test: readRows(table, form, options, testRows) };
}

/** The object `wallcast fit --json` prints: the fit's result with the bootstrap's summary when there is one. */
export function fitJson(result: FitResult, boot: BootstrapResult | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { ...result };
  if (boot) {
    out.bootstrap = {
      B: boot.B,
      se: boot.se,
      ci95: boot.ci95,
      notConverged: boot.notConverged,
      failed: boot.failed,
    };
  }
  return out;
}

function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const a = Math.abs(value);
  return a !== 0 && (a >= 1e6 || a < 1e-3) ? value.toExponential(4) : Number(value.toPrecision(6)).toString();
}

/** The fit, its parameters (with the bootstrap's and Hoffmann et al.'s when there are), and its scores, in `lang`. */
function humanReport({ path, result, boot, train, spec }: FitRun, seed: number, lang: Lang): string {
  const t = translator(lang);
  const reasons: Readonly<Record<string, string>> = catalogue(lang).cliAnalysis.fit.reason;
  const lines: string[] = [];
  const delta = spec.loss === "huber" || spec.loss === "huber-mle" ? ` δ=${spec.delta}` : "";
  lines.push(
    t("cliAnalysis.fit.header", {
      form: result.form,
      path,
      n: result.n,
      loss: spec.loss,
      delta,
      starts: result.starts,
    }),
    t("cliAnalysis.fit.objective", {
      objective: fmt(result.objective),
      status: t(result.converged ? "cliAnalysis.fit.converged" : "cliAnalysis.fit.notConverged"),
      reason: Object.hasOwn(reasons, result.reason) ? reasons[result.reason] : result.reason,
      iterations: result.iterations,
      norm: result.gradientNorm.toExponential(2),
    }),
  );
  const chinchilla = result.form === "chinchilla";
  const header = [t("cliAnalysis.fit.param"), t("cliAnalysis.fit.estimate")];
  if (boot) header.push(t("cliAnalysis.fit.se"), t("cliAnalysis.fit.ci95"));
  if (chinchilla) header.push(t("cliAnalysis.fit.hoffmannRounded"), t("cliAnalysis.fit.hoffmannUnrounded"));
  const rows: string[][] = [header];
  for (const [name, value] of Object.entries(result.params)) {
    const estimate = fmt(value);
    const row = [
      name,
      spec.fix?.[name] === undefined ? estimate : t("cliAnalysis.fit.fixed", { value: estimate }),
    ];
    if (boot) row.push(fmt(boot.se[name]), `[${fmt(boot.ci95[name][0])}, ${fmt(boot.ci95[name][1])}]`);
    if (chinchilla) {
      row.push(
        fmt(HOFFMANN_ROUNDED[name as keyof typeof HOFFMANN_ROUNDED]),
        fmt(HOFFMANN_UNROUNDED[name as keyof typeof HOFFMANN_UNROUNDED]),
      );
    }
    rows.push(row);
  }
  // Terminal columns, not characters: a Japanese header takes two columns a character.
  const widths = header.map((_, j) => Math.max(...rows.map((r) => displayWidth(r[j]))));
  for (const r of rows)
    lines.push(
      r
        .map((cell, j) => padEndColumns(cell, widths[j]))
        .join("  ")
        .trimEnd(),
    );
  if (result.scale !== undefined) lines.push(t("cliAnalysis.fit.noiseScale", { scale: fmt(result.scale) }));
  if (chinchilla && spec.loss !== "huber-mle" && !spec.fix) {
    const at = (params: Record<string, number>) => fmt(objectiveAt(train, spec, params));
    lines.push(
      t("cliAnalysis.fit.hoffmann", { rounded: at(HOFFMANN_ROUNDED), unrounded: at(HOFFMANN_UNROUNDED) }),
    );
  }
  let quality = t("cliAnalysis.fit.quality", {
    aic: fmt(result.aic),
    bic: fmt(result.bic),
    train: fmt(result.train.rmsle),
  });
  if (result.test) quality += t("cliAnalysis.fit.test", { test: fmt(result.test.rmsle), n: result.test.n });
  lines.push(quality);
  if (result.otherMinima.length > 0) {
    lines.push(t("cliAnalysis.fit.otherMinima"));
    for (const other of result.otherMinima) {
      const free = Object.entries(other.params).filter(([name]) => spec.fix?.[name] === undefined);
      lines.push(
        t("cliAnalysis.fit.otherMinimum", {
          params: free
            .map(([name, value]) => t("cliAnalysis.fit.paramValue", { name, value: fmt(value) }))
            .join(t("cliAnalysis.listSeparator")),
          objective: fmt(other.objective),
          gap: (100 * other.relativeGap).toFixed(3),
        }),
      );
    }
  }
  if (boot) {
    lines.push(
      t("cliAnalysis.fit.bootstrap", {
        replicates: boot.B,
        seed,
        notConverged: boot.notConverged
          ? t("cliAnalysis.fit.bootstrapNotConverged", { n: boot.notConverged })
          : "",
        failed: boot.failed ? t("cliAnalysis.fit.bootstrapFailed", { n: boot.failed }) : "",
      }),
    );
  }
  return `${lines.join("\n")}\n`;
}
