import type { Command } from "commander";
import { Document, isScalar, visit } from "yaml";
import { type Lang, padEndColumns, translator } from "../i18n/index.js";
import { libraryScenarios, scenarioFile } from "../scenario/library.js";
import { readScenarioText, resolveScenario } from "../scenario/loader.js";
import { langFlag, printJson, resolveLang } from "./shared.js";

interface ShowOptions {
  /** Print the scenario with its `extends` chain applied (default: the file as written). */
  resolved?: boolean;
  /** Print one JSON object (default false). */
  json?: boolean;
  /** Language of the header line of --resolved (default: $WALLCAST_LANG, then en). */
  lang?: Lang;
}

/** Keys that mark a mapping as one number (a quantity) or one source: printed on one line, as the library does. */
const ONE_LINE_KEYS = new Set(["value", "dist", "document"]);

/**
 * A resolved scenario as YAML, quantities and sources in flow style, headed by the chain it came from (a comment
 * in `lang`).
 */
export function resolvedYaml(scenario: object, chain: readonly string[], lang: Lang): string {
  const doc = new Document(scenario);
  visit(doc, {
    Map(_, node) {
      if (node.items.some((pair) => isScalar(pair.key) && ONE_LINE_KEYS.has(String(pair.key.value))))
        node.flow = true;
    },
  });
  return `${translator(lang)("cliMore.scenario.resolved", { chain: chain.join(" → ") })}\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}`;
}

export function register(program: Command): void {
  const scenario = program
    .command("scenario")
    .description("the scenario library: list it, show a scenario as written or resolved");

  scenario
    .command("show")
    .description("print a scenario: the file as written, or with --resolved its extends chain applied")
    .argument("<scenario>", "library scenario name or YAML file (docs/scenario.md)")
    .option("--resolved", "apply the extends chain (inherited blocks, overrides and removals)")
    .option("--json", "print one JSON object")
    .addOption(langFlag())
    .action((nameOrPath: string, options: ShowOptions) => {
      const lang = resolveLang(options.lang);
      const file = scenarioFile(nameOrPath);
      const text = readScenarioText(file);
      // Validated either way: show never prints a scenario that would not load.
      const { scenario: resolved, chain, own } = resolveScenario(text, file);
      if (options.json) printJson(options.resolved ? resolved : own);
      else process.stdout.write(options.resolved ? resolvedYaml(resolved, chain, lang) : text);
    });

  scenario
    .command("list")
    .description("list the library: name, parent and description of each scenario")
    .option("--json", "print one JSON object")
    .addOption(langFlag())
    .action((options: { json?: boolean; lang?: Lang }) => {
      const lang = resolveLang(options.lang);
      const entries = scenarioList();
      if (options.json) {
        printJson({ scenarios: entries });
        return;
      }
      const t = translator(lang);
      const width = Math.max(...entries.map((e) => e.name.length)) + 2;
      const lines = entries.map(
        (e) => `${e.name.padEnd(width)}${(e.extends ?? "-").padEnd(10)}${e.description.replace(/\s+/g, " ")}`,
      );
      process.stdout.write(
        `${padEndColumns(t("cliMore.scenario.name"), width)}${padEndColumns(t("cliMore.scenario.extends"), 10)}` +
          `${t("cliMore.scenario.description")}\n${lines.join("\n")}\n`,
      );
    });
}

/** One library scenario as `scenario list --json` gives it. */
export interface ScenarioEntry {
  name: string;
  /** The library scenario or file it extends, null for a root. */
  extends: string | null;
  description: string;
}

/** The library, `default` first: name, parent and description of each scenario (`scenario list --json`). */
export function scenarioList(): ScenarioEntry[] {
  return libraryScenarios().map(({ id, file }) => {
    const { scenario: s, own } = resolveScenario(readScenarioText(file), file);
    const parent = typeof own.extends === "string" ? own.extends : null;
    return { name: id, extends: parent, description: s.description ?? "" };
  });
}
