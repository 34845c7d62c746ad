import type { Command } from "commander";
import { type Catalogue, type Lang, padEndColumns, padStartColumns, translator } from "../i18n/index.js";
import { loadScenario } from "../scenario/loader.js";
import {
  checkOutput,
  defaultFactorFilter,
  type OutputSensitivity,
  parseOutput,
  SENSITIVITY_METHODS,
  type SensitivityMethod,
  type SensitivityResult,
  sensitivity,
} from "../scenario/sensitivity/index.js";
import { InputError } from "../util/errors.js";
import { MAX_PATHS, MAX_ROWS, MAX_SAMPLES, MAX_SEED, MAX_THREADS } from "../util/limits.js";
import { terminalProgress } from "../util/progress.js";
import { collect, intArg, langFlag, printJson, resolveLang } from "./shared.js";

interface SensitivityCliOptions {
  /** Outputs to analyse (repeatable), e.g. pDefault:coreweave:2030. */
  output: string[];
  /** tornado | morris | sobol (default tornado). */
  method: string;
  /** Parameter-path prefixes to vary (repeatable; default: world, events and the named entities' numbers). */
  factor?: string[];
  /** Monte Carlo paths per design point (default 200; sobol 25). */
  paths?: number;
  /** Seed of every design point and of the design (default 1). */
  seed: number;
  /** Worker threads (default: cores). */
  threads?: number;
  /** Morris trajectories (default 10). */
  trajectories: number;
  /** Sobol base samples (default 64). */
  samples: number;
  /** Sobol per group of numbers instead of per number (default false). */
  groups?: boolean;
  /** Bars or factors shown per output in the table (default 12). */
  top: number;
  /** Print one JSON object (default false). */
  json?: boolean;
  /** Language of the tables (default: $WALLCAST_LANG, then en). */
  lang?: Lang;
}

export function register(program: Command): void {
  program
    .command("sensitivity")
    .description("which uncertain numbers of a scenario move chosen outputs: tornado, Morris or Sobol")
    .argument("<scenario>", "library scenario name or YAML file (docs/scenario.md)")
    .requiredOption(
      "--output <spec>",
      "output: pDefault:<entity>:<year>, loss:<kind>, revenue:<year>, gap:<year>, capability:<year> (repeatable)",
      collect,
    )
    .option("--method <m>", `method: ${SENSITIVITY_METHODS.join(" | ")}`, "tornado")
    .option("--factor <prefix>", "vary only parameter paths starting with this (repeatable)", collect)
    .option(
      "--paths <n>",
      "Monte Carlo paths per design point (default: 200; sobol 25, as its points share their paths)",
      intArg("--paths", 1, MAX_PATHS),
    )
    .option("--seed <s>", "seed (the same for every design point)", intArg("--seed", 0, MAX_SEED), 1)
    .option("--threads <t>", "worker threads (default: cores)", intArg("--threads", 1, MAX_THREADS))
    .option("--trajectories <r>", "Morris trajectories", intArg("--trajectories", 1, MAX_SAMPLES), 10)
    .option("--samples <n>", "Sobol base samples", intArg("--samples", 2, MAX_SAMPLES), 64)
    .option(
      "--groups",
      "sobol: indices per group (capability, revenue, costs, contracts, balance sheets, credit, market, events), every uncertain number varied unless --factor",
    )
    .option("--top <n>", "factors shown per output in the table", intArg("--top", 1, MAX_ROWS), 12)
    .option("--json", "print one JSON object")
    .addOption(langFlag())
    .action(async (file: string, options: SensitivityCliOptions) => {
      const lang = resolveLang(options.lang);
      if (!(SENSITIVITY_METHODS as readonly string[]).includes(options.method))
        throw new InputError({
          field: "--method",
          value: options.method,
          message: `expected ${SENSITIVITY_METHODS.join(", ")}`,
        });
      if (options.groups && options.method !== "sobol")
        throw new InputError({ field: "--groups", value: options.method, message: "needs --method sobol" });
      const scenario = await loadScenario(file);
      const outputs = options.output.map((text) => parseOutput(text));
      for (const spec of outputs) checkOutput(scenario, spec);
      const prefixes = options.factor;
      const select = prefixes
        ? (path: string) => prefixes.some((p) => path.startsWith(p))
        : options.groups
          ? () => true
          : defaultFactorFilter(scenario, outputs);
      let progress = terminalProgress("sensitivity", 0, true);
      let reported = 0;
      const started = performance.now();
      let result: SensitivityResult;
      try {
        result = await sensitivity(scenario, {
          outputs,
          method: options.method as SensitivityMethod,
          select,
          paths: options.paths,
          seed: options.seed,
          threads: options.threads,
          trajectories: options.trajectories,
          samples: options.samples,
          grouped: options.groups ?? false,
          onProgress: (done, total) => {
            if (reported === 0) progress = terminalProgress("sensitivity", total, options.json);
            progress.tick(done - reported);
            reported = done;
          },
        });
      } catch (error) {
        if (error instanceof InputError && error.issues[0]?.field === "factors")
          throw new InputError({
            field: "--factor",
            value: prefixes ?? [],
            message: "no uncertain number matches",
          });
        throw error;
      } finally {
        progress.stop();
      }
      if (options.json) printJson(result);
      else
        process.stdout.write(formatResult(result, options.top, (performance.now() - started) / 1000, lang));
    });
}

function num(x: number): string {
  return ` ${(Number.isFinite(x) ? x.toPrecision(4) : String(x)).padStart(10)}`;
}

/** A column of the analysis tables, named in the catalogue's `cliAnalysis.columns`. */
export type Column = keyof Catalogue["cliAnalysis"]["columns"];

/**
 * A table's header in `lang`: two spaces, the name column padded to `nameWidth` terminal columns, then the value
 * columns right-aligned to `width` each.
 */
export function columnHeader(
  lang: Lang,
  name: Column,
  nameWidth: number,
  columns: readonly Column[],
  width: number,
): string {
  const t = translator(lang);
  const cell = (c: Column) => t(`cliAnalysis.columns.${c}`);
  return `  ${padEndColumns(cell(name), nameWidth)}${columns.map((c) => padStartColumns(cell(c), width)).join("")}`;
}

function formatOutput(o: OutputSensitivity, top: number, lang: Lang): string[] {
  const t = translator(lang);
  const lines = ["", t("cliAnalysis.sensitivity.output", { output: o.output, base: o.base.toPrecision(4) })];
  if (o.tornado) {
    lines.push(columnHeader(lang, "factor", 48, ["low", "high", "atLow", "atHigh", "swing"], 11));
    for (const b of o.tornado.slice(0, top))
      lines.push(
        `  ${b.factor.padEnd(48)}${[b.low, b.high, b.outputLow, b.outputHigh, b.swing].map(num).join("")}`,
      );
  }
  if (o.morris) {
    lines.push(columnHeader(lang, "factor", 48, ["muStar", "mu", "sigma"], 11));
    for (const m of o.morris.slice(0, top))
      lines.push(`  ${m.factor.padEnd(48)}${[m.muStar, m.mu, m.sigma].map(num).join("")}`);
  }
  if (o.sobol) {
    lines.push(
      t("cliAnalysis.sensitivity.variance", {
        variance: o.sobol.variance.toPrecision(4),
        rows: o.sobol.rows,
      }),
    );
    lines.push(columnHeader(lang, "factor", 48, ["first", "total", "totalLo", "totalHi"], 11));
    for (const s of o.sobol.indices.slice(0, top))
      lines.push(`  ${s.factor.padEnd(48)}${[s.first, s.total, ...s.totalInterval].map(num).join("")}`);
  }
  return lines;
}

function formatResult(r: SensitivityResult, top: number, seconds: number, lang: Lang): string {
  const t = translator(lang);
  const lines = [
    t("cliAnalysis.sensitivity.header", {
      scenario: r.scenario,
      method: t(`cliAnalysis.sensitivity.method.${r.method}`),
      factors: r.factors.length,
      runs: r.evaluations,
      paths: r.paths,
      seed: r.seed,
      seconds: seconds.toFixed(1),
    }),
  ];
  for (const o of r.outputs) lines.push(...formatOutput(o, top, lang));
  lines.push("");
  return lines.join("\n");
}
