import type { Command } from "commander";
import {
  catalogue,
  formatQuarter,
  type Lang,
  padEndColumns,
  padStartColumns,
  translator,
} from "../i18n/index.js";
import { explainPath, type PathStory, type StoryEvent } from "../scenario/explain.js";
import { loadScenario } from "../scenario/loader.js";
import { InputError } from "../util/errors.js";
import { intArg, langOption, printJson, resolveLang } from "./shared.js";

interface ExplainCliOptions {
  /** Entity id (required). */
  entity: string;
  /** Path index (default: the first path on which the entity defaults, else 0). */
  path?: number;
  /** Run seed (default 1). */
  seed: number;
  /** Print the story as one JSON object (default false). */
  json?: boolean;
  /** Hold assumptions at their point values, as `simulate --point` (default false). */
  point?: boolean;
  /** Language of the story (default: $WALLCAST_LANG, then en). */
  lang?: Lang;
}

export function register(program: Command): void {
  langOption(program.command("explain"))
    .description(
      "tell one path's story for one entity, quarter by quarter: cash in and out, credit, why it defaults",
    )
    .argument("<scenario>", "library scenario name or YAML file")
    .requiredOption("--entity <id>", "entity id")
    .option(
      "--path <k>",
      "path index (default: the first of 1000 paths on which it defaults, else 0)",
      intArg("--path"),
    )
    .option("--seed <n>", "run seed, as in simulate (default 1)", intArg("--seed"), 1)
    .option("--point", "hold assumptions at their point values, as simulate --point")
    .option("--json", "print the story as one JSON object")
    .action(async (name: string, options: ExplainCliOptions) => {
      const lang = resolveLang(options.lang);
      const scenario = await loadScenario(name);
      if (!scenario.entities.some((e) => e.id === options.entity))
        throw new InputError({
          field: "--entity",
          value: options.entity,
          message: "no such entity in the scenario",
        });
      const story = explainPath(scenario, {
        entity: options.entity,
        path: options.path,
        seed: options.seed,
        uncertainty: options.point ? "point" : "full",
      });
      if (options.json) printJson(story);
      else process.stdout.write(formatStory(story, lang));
    });
}

const usd = (value: number) => value.toFixed(1).padStart(9);

/** One event of entity `entity`'s quarter in words, in `lang`. */
function eventText(event: StoryEvent, entity: string, lang: Lang): string {
  const t = translator(lang);
  const causes: Readonly<Record<string, string>> = catalogue(lang).report.term.cause;
  switch (event.kind) {
    case "notRefinanced":
      return event.reason === "edf"
        ? t("cli.explain.notRefinancedEdf", {
            contract: event.contract,
            principal: event.principalUsdB.toFixed(2),
            edf: event.edf.toFixed(3),
            limit: event.maxEdf.toFixed(3),
          })
        : t("cli.explain.notRefinancedCover", {
            contract: event.contract,
            principal: event.principalUsdB.toFixed(2),
          });
    case "marginCall":
      return t("cli.explain.marginCall", {
        contract: event.contract,
        principal: event.principalUsdB.toFixed(2),
      });
    case "steppedDown":
      return t("cli.explain.steppedDown");
    case "signed":
      return t(event.buyer === entity ? "cli.explain.signed" : "cli.explain.signedSeller", {
        buyer: event.buyer,
        seller: event.seller,
        contract: event.contract,
        commitment: event.commitmentUsdB.toFixed(2),
      });
    case "defaulted":
      return t("cli.explain.defaulted", {
        trigger: event.trigger ?? t("cli.explain.anObligation"),
        cause: event.cause ? (causes[event.cause] ?? event.cause) : t("cli.explain.unrecorded"),
      });
  }
}

/** The story as a table of quarters, each followed by its events in plain words, in `lang`. */
export function formatStory(story: PathStory, lang: Lang = "en"): string {
  const t = translator(lang);
  const causes: Readonly<Record<string, string>> = catalogue(lang).report.term.cause;
  const outcome = story.defaultQuarter
    ? t("cli.explain.outcomeDefault", {
        quarter: formatQuarter(story.defaultQuarter, lang),
        trigger: story.trigger ?? t("cli.explain.anObligation"),
        cause: story.cause ? (causes[story.cause] ?? story.cause) : t("cli.explain.unrecorded"),
      })
    : t("cli.explain.outcomeSurvives", {
        quarter: formatQuarter(story.quarters.at(-1)?.quarter ?? "", lang),
      });
  const head = (
    [
      "cash",
      "revenue",
      "equity",
      "borrowed",
      "contracts",
      "debt",
      "opex",
      "capex",
      "cashEnd",
      "debtEnd",
    ] as const
  ).map((k) => t(`cli.explain.column.${k}`));
  const lines = [
    t("cli.explain.title", {
      entity: story.entity,
      scenario: story.scenario,
      path: story.path,
      seed: story.seed,
      outcome,
    }),
    t("cli.explain.legend"),
    "",
    `${padEndColumns(t("cli.explain.column.quarter"), 8)}${head.map((h) => padStartColumns(h, 10)).join("")}  ${padStartColumns(t("cli.explain.column.edf"), 6)}  ${padEndColumns(t("cli.explain.column.refi"), 4)}  ${t("cli.explain.column.round")}`,
  ];
  for (const q of story.quarters) {
    const cells = [
      q.cashStartUsdB,
      q.revenueUsdB,
      q.equityRaisedUsdB,
      q.borrowedUsdB,
      q.contractPaymentsUsdB,
      q.debtServiceUsdB,
      q.operatingCostsUsdB,
      q.capexUsdB,
      q.cashEndUsdB,
      q.debtEndUsdB,
    ];
    const refi = padEndColumns(t(q.refinanceOpen ? "cli.explain.open" : "cli.explain.shut"), 4);
    lines.push(
      `${q.quarter.padEnd(8)}${cells.map((v) => ` ${usd(v)}`).join("")}  ${q.edf.toFixed(3)}  ${refi}  ${q.roundProbability.toFixed(2)}`,
    );
    for (const event of q.events) lines.push(`          ${eventText(event, story.entity, lang)}`);
  }
  return `${lines.join("\n")}\n`;
}
