import type { Command } from "commander";
import type { PathStress } from "../economy/path.js";
import {
  catalogue,
  displayWidth,
  formatQuarter,
  type Lang,
  padEndColumns,
  padStartColumns,
  translator,
} from "../i18n/index.js";
import { loadScenario } from "../scenario/loader.js";
import type { Scenario } from "../scenario/schema.js";
import { type SimulationResult, simulate } from "../scenario/simulate.js";
import { MAX_PATHS, MAX_SEED, MAX_THREADS } from "../util/limits.js";
import { defaultThreads } from "../util/pool.js";
import { terminalProgress } from "../util/progress.js";
import { intArg, langOption, printJson, resolveLang } from "./shared.js";

interface SimulateCliOptions {
  /** Monte Carlo paths (default 1000). */
  paths: number;
  /** Run seed (default 1). */
  seed: number;
  /** Worker threads (default: the machine's cores). */
  threads?: number;
  /** Keep per-path summaries in the JSON (default false). */
  keepPaths?: boolean;
  /** Print one JSON object (default false). */
  json?: boolean;
  /** Hold assumptions at their point values (default false: drawn across their ranges). */
  point?: boolean;
  /** Language of the tables (default: $WALLCAST_LANG, then English). */
  lang?: Lang;
}

export function register(program: Command): void {
  const command = program
    .command("simulate")
    .description(
      "Monte Carlo of the AI economy in a scenario: defaults, losses by holder, revenue gap, capability fan",
    )
    .argument("<scenario>", "library scenario name or YAML file (docs/scenario.md)");
  monteCarloOptions(command)
    .option("--keep-paths", "include a summary of every path in the JSON")
    .option("--json", "print one JSON object");
  langOption(command).action(async (file: string, options: SimulateCliOptions) => {
    const lang = resolveLang(options.lang);
    const scenario = await loadScenario(file);
    const started = performance.now();
    const result = await simulateWithProgress("simulate", scenario, options, options.keepPaths ?? false);
    const seconds = (performance.now() - started) / 1000;
    if (options.json) printJson(result);
    else process.stdout.write(formatResult(result, seconds, lang));
  });
}

function pct(p: number): string {
  return `${(100 * p).toFixed(1)}%`.padStart(7);
}

/** The human-readable tables of a simulation, in `lang` (entity ids and scenario names as written). */
function formatResult(r: SimulationResult, seconds: number, lang: Lang = "en"): string {
  const t = translator(lang);
  const names = catalogue(lang).report.term;
  const kindName = (kind: string): string =>
    Object.hasOwn(names.kind, kind) ? names.kind[kind as keyof typeof names.kind] : kind;
  const lines: string[] = [];
  lines.push(
    t("cli.simulate.header", {
      scenario: r.scenario,
      paths: r.paths,
      seed: r.seed,
      from: formatQuarter(r.quarters[0], lang),
      to: formatQuarter(r.quarters.at(-1) ?? "", lang),
      seconds: seconds.toFixed(1),
    }),
  );
  const years = Object.keys(Object.values(r.entities)[0]?.pDefaultByYear ?? {});
  // Columns fit their longest label (a Japanese one is wider), never narrower than the English layout's.
  const entities = Object.entries(r.entities);
  const kindWidth = Math.max(20, ...entities.map(([, e]) => displayWidth(kindName(e.kind)) + 1));
  lines.push(
    "",
    t("cli.simulate.pDefault"),
    `${padEndColumns(t("cli.simulate.entity"), 24)}${padEndColumns(t("cli.simulate.kind"), kindWidth)}${years.map((y) => y.padStart(7)).join("")}${padStartColumns(t("cli.simulate.standardError"), 9)}`,
  );
  for (const [id, e] of entities) {
    const p = e.pDefaultByYear[years.at(-1) ?? ""] ?? 0;
    const se = Math.sqrt((p * (1 - p)) / r.paths);
    lines.push(
      `${id.padEnd(24)}${padEndColumns(kindName(e.kind), kindWidth)}${years.map((y) => pct(e.pDefaultByYear[y])).join("")}  ${pct(se)}`,
    );
  }
  const parts = ["direct", "clearing", "default-cost", "fire-sale", "total"] as const;
  const heads = [...parts.map((part) => names.lossPart[part]), t("cli.simulate.p95")];
  const holders = Object.entries(r.losses);
  const holderWidth = Math.max(
    20,
    displayWidth(t("cli.simulate.holderKind")) + 1,
    ...holders.map(([kind]) => displayWidth(kindName(kind)) + 1),
  );
  const valueWidth = Math.max(13, ...heads.map((h) => displayWidth(h) + 1));
  lines.push(
    "",
    t("cli.simulate.losses"),
    `${padEndColumns(t("cli.simulate.holderKind"), holderWidth)}${heads.map((h) => padStartColumns(h, valueWidth)).join("")}`,
  );
  for (const [kind, l] of holders)
    lines.push(
      `${padEndColumns(kindName(kind), holderWidth)}${[l.direct, l.clearing, l.defaultCost, l.fireSale, l.total, l.totalP95].map((v) => v.toFixed(3).padStart(valueWidth)).join("")}`,
    );
  const last = r.quarters.length - 1;
  const row = (label: string, value: string, unit: string) => `  ${padEndColumns(label, 17)}${value} ${unit}`;
  const perQuarter = t("cli.simulate.perQuarter");
  lines.push(
    "",
    t("cli.simulate.lastQuarter", { quarter: formatQuarter(r.quarters[last], lang) }),
    row(t("cli.simulate.revenue"), fan(r.revenue, last), perQuarter),
    row(t("cli.simulate.spend"), fan(r.computeSpend, last), perQuarter),
    row(t("cli.simulate.gap"), fan(r.gap, last), perQuarter),
    row(t("cli.simulate.capability"), fan(r.capability, last), t("cli.simulate.indexPoints")),
    row(t("cli.simulate.power"), fan(r.powerGw, last), "GW"),
    row(t("cli.simulate.stranded"), fan(r.strandedGw, last), "GW"),
    "",
  );
  return lines.join("\n");
}

function fan(s: { p05: number[]; p50: number[]; p95: number[] }, t: number): string {
  return `${s.p50[t].toFixed(2)} [${s.p05[t].toFixed(2)}, ${s.p95[t].toFixed(2)}]`;
}

/** Adds --paths, --seed and --threads, the Monte Carlo flags of every command that simulates. */
export function monteCarloOptions(command: Command): Command {
  return command
    .option("--paths <n>", "Monte Carlo paths", intArg("--paths", 1, MAX_PATHS), 1000)
    .option("--seed <s>", "run seed", intArg("--seed", 0, MAX_SEED), 1)
    .option("--threads <t>", "worker threads (default: cores)", intArg("--threads", 1, MAX_THREADS))
    .option("--point", "hold assumptions at their point values (default: draw each across its stated range)");
}

/** Runs `simulate` with the Monte Carlo flags, showing a progress bar labelled `label` on a terminal. */
export async function simulateWithProgress(
  label: string,
  scenario: Scenario,
  options: {
    paths: number;
    seed: number;
    threads?: number;
    json?: boolean;
    point?: boolean;
    stress?: PathStress;
  },
  keepPaths = false,
): Promise<SimulationResult> {
  const progress = terminalProgress(label, options.paths, options.json);
  let reported = 0;
  try {
    return await runSimulation(scenario, options, keepPaths, (done) => {
      progress.tick(done - reported);
      reported = done;
    });
  } finally {
    progress.stop();
  }
}

/**
 * `simulate` as the CLI calls it (and so `wallcast serve`, whose answer must equal `simulate --json`): threads
 * default to the machine's cores, assumptions are drawn across their ranges unless `point`; `onProgress` is told
 * the paths done so far.
 */
export function runSimulation(
  scenario: Scenario,
  options: { paths: number; seed: number; threads?: number; point?: boolean; stress?: PathStress },
  keepPaths = false,
  onProgress?: (done: number) => void,
): Promise<SimulationResult> {
  return simulate(scenario, {
    stress: options.stress,
    paths: options.paths,
    seed: options.seed,
    threads: options.threads ?? defaultThreads(),
    keepPaths,
    uncertainty: options.point ? "point" : "full",
    onProgress,
  });
}
