/**
 * The library tables of docs/scenarios.md ("What the library gives"): P(default) by end-2030 / end-2035 with full
 * uncertainty and at point values, and mean losses by holder kind, 1,000 paths, seed 1. Prints the rows
 * (`node --import tsx scripts/scenario-tables.ts`); test/docs/scenarioTables.test.ts holds the document to them.
 */
import { fileURLToPath } from "node:url";
import { resolveScenarios } from "../src/scenario/library.js";
import { loadScenario } from "../src/scenario/loader.js";
import { simulate } from "../src/scenario/simulate.js";

/** Entities of the P(default) tables, in column order. */
const ENTITIES = [
  "openai",
  "anthropic",
  "xai",
  "coreweave",
  "oracle",
  "nebius",
  "vantage",
  "stargate-nm",
  "softbank",
];
/** Holder kinds of the loss table, in column order. */
const HOLDERS = [
  "bank",
  "private-credit",
  "hy-fund",
  "ig-fund",
  "pension",
  "insurer",
  "retail-investor",
  "equity-holder",
];

/** The three tables' rows, as markdown lines, for every scenario `wallcast run` runs. */
export async function scenarioTables(
  paths = 1000,
): Promise<{ full: string[]; point: string[]; losses: string[] }> {
  const full: string[] = [];
  const point: string[] = [];
  const losses: string[] = [];
  for (const { id } of resolveScenarios([])) {
    const scenario = await loadScenario(id);
    for (const uncertainty of ["full", "point"] as const) {
      const r = await simulate(scenario, { paths, seed: 1, uncertainty });
      const p = (e: string, y: string) => (r.entities[e]?.pDefaultByYear[y] ?? 0).toFixed(2);
      (uncertainty === "full" ? full : point).push(
        `| ${id} | ${ENTITIES.map((e) => `${p(e, "2030")} / ${p(e, "2035")}`).join(" | ")} |`,
      );
      if (uncertainty !== "full") continue;
      let markToMarket = 0;
      let clearing = 0;
      for (const l of Object.values(r.losses)) {
        markToMarket += l.markToMarket;
        clearing += l.clearing;
      }
      const total = (k: string) => (r.losses[k]?.total ?? 0).toFixed(1);
      losses.push(
        `| ${id} | ${HOLDERS.map(total).join(" | ")} | ${markToMarket.toFixed(1)} | ${clearing.toFixed(2)} |`,
      );
    }
  }
  return { full, point, losses };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t = await scenarioTables();
  process.stdout.write(`${[...t.full, "", ...t.point, "", ...t.losses].join("\n")}\n`);
}
