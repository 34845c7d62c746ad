import type { Command } from "commander";
import {
  type ChinchillaParams,
  computeOptimalAllocation,
  type DataConstrainedParams,
  dataConstrainedAllocation,
  inferenceAwareAllocationAtCompute,
} from "../fit/allocation/index.js";
import { displayWidth, type Lang, padEndColumns, translator } from "../i18n/index.js";
import { InputError } from "../util/errors.js";
import { langFlag, numberArg, parseNumberRecord, printJson, resolveLang, userCall } from "./shared.js";

interface OptimalFlags {
  /** chinchilla | data-constrained (required). */
  form?: string;
  /** JSON object of the form's parameters, e.g. the `params` of `wallcast fit --json` (required). */
  params?: string;
  /** Training budget C = 6·N·D, FLOP (required). */
  compute?: number;
  /** Lifetime inference tokens; switches chinchilla to the inference-aware allocation (default: none). */
  inferenceTokens?: number;
  /** Unique tokens available, for --form data-constrained (required there). */
  uniqueTokens?: number;
  /** Print one JSON object (default false). */
  json?: boolean;
  /** Language of the table (default: $WALLCAST_LANG, then en). */
  lang?: Lang;
}

const PARAM_NAMES = {
  chinchilla: ["E", "A", "B", "alpha", "beta"],
  "data-constrained": ["E", "A", "B", "alpha", "beta", "RDstar", "RNstar"],
} as const;

type OptimalForm = keyof typeof PARAM_NAMES;

export function register(program: Command): void {
  program
    .command("optimal")
    .description(
      "compute-optimal N and D for a budget: Chinchilla closed form, inference-aware (Sardana & Frankle 2023) " +
        "or data-constrained (Muennighoff et al. 2023)",
    )
    .option("--form <form>", "chinchilla | data-constrained")
    .option("--params <json>", 'parameters, e.g. \'{"E":1.82,"A":482,"B":2085,"alpha":0.348,"beta":0.366}\'')
    .option("--compute <flop>", "training budget C = 6·N·D, FLOP", numberArg("--compute"))
    .option(
      "--inference-tokens <tokens>",
      "lifetime inference tokens: minimise 6·N·D + 2·N·T at the Chinchilla-optimal loss of --compute",
      numberArg("--inference-tokens"),
    )
    .option(
      "--unique-tokens <tokens>",
      "unique training tokens available (data-constrained)",
      numberArg("--unique-tokens"),
    )
    .option("--json", "print one JSON object")
    .addOption(langFlag())
    .action((flags: OptimalFlags) => {
      const lang = resolveLang(flags.lang);
      const result = runOptimal(flags);
      if (flags.json) printJson(result);
      else process.stdout.write(formatText(result, lang));
      if (result.converged === false) {
        const reason = String(result.reason);
        process.stderr.write(`${translator(lang)("cliMore.optimal.notConverged", { reason })}\n`);
      }
    });
}

/** Validates the flags and computes the allocation the form and flags ask for. */
export function runOptimal(flags: OptimalFlags): Record<string, unknown> {
  const form = parseForm(flags.form);
  if (flags.params === undefined) throw new InputError({ field: "--params", message: "is required" });
  const computeFlop = requirePositive("--compute", flags.compute);
  const params = parseParams(flags.params, form);
  if (form === "chinchilla") {
    if (flags.uniqueTokens !== undefined) {
      throw new InputError({
        field: "--unique-tokens",
        value: flags.uniqueTokens,
        message: "applies only to --form data-constrained",
      });
    }
    if (flags.inferenceTokens === undefined) {
      return {
        form,
        ...userCall({ field: "--compute" }, () => computeOptimalAllocation(params, computeFlop)),
      };
    }
    const inferenceTokens = flags.inferenceTokens;
    if (!(inferenceTokens >= 0)) {
      throw new InputError({ field: "--inference-tokens", value: inferenceTokens, message: "must be ≥ 0" });
    }
    const r = userCall({ field: "--inference-tokens" }, () =>
      inferenceAwareAllocationAtCompute(params, computeFlop, inferenceTokens),
    );
    return {
      form,
      N: r.N,
      D: r.D,
      tokensPerParam: r.tokensPerParam,
      loss: r.loss,
      computeFlop,
      targetLoss: r.targetLoss,
      inferenceTokens,
      trainingFlop: r.trainingFlop,
      inferenceFlop: r.inferenceFlop,
      totalFlop: r.totalFlop,
      chinchilla: {
        N: r.chinchilla.N,
        D: r.chinchilla.D,
        tokensPerParam: r.chinchilla.tokensPerParam,
        trainingFlop: r.chinchilla.computeFlop,
        inferenceFlop: r.chinchilla.inferenceFlop,
        totalFlop: r.chinchilla.totalFlop,
      },
      savedFlop: r.savedFlop,
      converged: r.converged,
      reason: r.reason,
      iterations: r.iterations,
    };
  }
  if (flags.inferenceTokens !== undefined) {
    throw new InputError({
      field: "--inference-tokens",
      value: flags.inferenceTokens,
      message: "applies only to --form chinchilla",
    });
  }
  const uniqueTokens = requirePositive("--unique-tokens", flags.uniqueTokens);
  return {
    form,
    ...userCall({ field: "--unique-tokens" }, () =>
      dataConstrainedAllocation(params as DataConstrainedParams, computeFlop, uniqueTokens),
    ),
  };
}

function parseForm(text: string | undefined): OptimalForm {
  if (text === "chinchilla" || text === "data-constrained") return text;
  throw new InputError({
    field: "--form",
    ...(text === undefined ? {} : { value: text }),
    message:
      text === undefined
        ? "is required (chinchilla | data-constrained)"
        : "expected chinchilla | data-constrained",
  });
}

function requirePositive(flag: string, value: number | undefined): number {
  if (value === undefined) throw new InputError({ field: flag, message: "is required" });
  if (!(value > 0)) throw new InputError({ field: flag, value, message: "must be a positive number" });
  return value;
}

/** The form's parameters from JSON: every name present, no others, each finite and in its domain. */
function parseParams(text: string, form: OptimalForm): ChinchillaParams | DataConstrainedParams {
  const record = parseNumberRecord(text, "--params");
  const names: readonly string[] = PARAM_NAMES[form];
  const issues = [
    ...names
      .filter((name) => !Object.hasOwn(record, name))
      .map((name) => ({
        field: "--params",
        message: `missing parameter "${name}" (form ${form} needs ${names.join(", ")})`,
      })),
    ...Object.keys(record)
      .filter((name) => !names.includes(name))
      .map((name) => ({ field: "--params", value: name, message: `unknown parameter for form ${form}` })),
    ...names
      .filter(
        (name) => Object.hasOwn(record, name) && !(record[name] > 0 || (name === "E" && record[name] === 0)),
      )
      .map((name) => ({
        field: `--params ${name}`,
        value: record[name],
        message: name === "E" ? "must be ≥ 0" : "must be positive",
      })),
  ];
  if (issues.length > 0) throw new InputError(issues);
  return record as unknown as ChinchillaParams | DataConstrainedParams;
}

/** The allocation as labelled lines, in `lang`. */
function formatText(result: Record<string, unknown>, lang: Lang): string {
  const t = translator(lang);
  const rows: Array<[string, unknown, string?]> = [
    [t("cliMore.optimal.parameters"), result.N],
    [t("cliMore.optimal.tokens"), result.D],
    [t("cliMore.optimal.tokensPerParam"), result.tokensPerParam],
    [t("cliMore.optimal.loss"), result.loss, t("cliMore.optimal.lossUnit")],
    [t("cliMore.optimal.epochs"), result.epochs],
    [t("cliMore.optimal.trainingFlop"), result.trainingFlop ?? result.computeFlop],
    [t("cliMore.optimal.inferenceFlop"), result.inferenceFlop],
    [t("cliMore.optimal.totalFlop"), result.totalFlop],
  ];
  const shown = rows.filter(([, value]) => typeof value === "number");
  // At least 18 columns, as the English labels have always had; wider when a Japanese label needs it.
  const width = Math.max(18, ...shown.map(([label]) => displayWidth(label) + 1));
  const lines = shown.map(
    ([label, value, unit = ""]) => `${padEndColumns(label, width)} ${formatNumber(value as number)}${unit}`,
  );
  const chinchilla = result.chinchilla as Record<string, number> | undefined;
  if (chinchilla) {
    lines.push(
      t("cliMore.optimal.chinchilla", {
        n: formatNumber(chinchilla.N),
        d: formatNumber(chinchilla.D),
        total: formatNumber(chinchilla.totalFlop),
        saved: formatNumber(result.savedFlop as number),
      }),
    );
  }
  return `${lines.join("\n")}\n`;
}

function formatNumber(value: number): string {
  return Math.abs(value) >= 1e5 ? value.toExponential(4) : Number(value.toPrecision(6)).toString();
}
