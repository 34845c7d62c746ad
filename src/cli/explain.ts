import type { Command } from "commander";
import { explainPath, type PathStory } from "../scenario/explain.js";
import { loadScenario } from "../scenario/loader.js";
import { InputError } from "../util/errors.js";
import { intArg, printJson } from "./shared.js";

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
}

export function register(program: Command): void {
  program
    .command("explain")
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
      else process.stdout.write(formatStory(story));
    });
}

const usd = (value: number) => value.toFixed(1).padStart(9);

/** The story as a table of quarters, each followed by its notes in plain words. */
export function formatStory(story: PathStory): string {
  const outcome = story.defaultQuarter
    ? `defaults in ${story.defaultQuarter}: left ${story.trigger} most unpaid (cause: ${story.cause})`
    : `survives to ${story.quarters.at(-1)?.quarter ?? "the end"}`;
  const head = [
    "quarter",
    "cash",
    "revenue",
    "equity",
    "borrowed",
    "contracts",
    "debt",
    "opex",
    "capex",
    "cash end",
    "debt end",
  ];
  const lines = [
    `${story.entity} in ${story.scenario}, path ${story.path} (seed ${story.seed}): ${outcome}`,
    "usdB per quarter; cash and debt at the quarter's start and end; EDF one-year; refinancing open or shut",
    "",
    `${head[0].padEnd(8)}${head
      .slice(1)
      .map((h) => h.padStart(10))
      .join("")}     EDF  refi  round odds`,
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
    lines.push(
      `${q.quarter.padEnd(8)}${cells.map((v) => ` ${usd(v)}`).join("")}  ${q.edf.toFixed(3)}  ${(q.refinanceOpen ? "open" : "shut").padEnd(4)}  ${q.roundProbability.toFixed(2)}`,
    );
    for (const note of q.notes) lines.push(`          ${note}`);
  }
  return `${lines.join("\n")}\n`;
}
