import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LEVER_COUNT, type LeversFile, rankLevers } from "../../scripts/app-levers.js";
import { translator } from "../../src/i18n/index.js";
import { loadScenario } from "../../src/scenario/loader.js";

const file: LeversFile = JSON.parse(readFileSync(new URL("../../app/levers.json", import.meta.url), "utf8"));
/** Candidates just below the chosen levers that the re-derivation checks the weakest lever still outranks. */
const RUNNERS_UP = 2;

describe("the web app's sliders (app/levers.json)", () => {
  it("are the top world assumptions of the stored ranking, each labelled and explained in every language", () => {
    expect(file.levers).toEqual(file.ranking.slice(0, LEVER_COUNT).map((r) => r.path));
    for (const lang of ["en", "ja"] as const) {
      const t = translator(lang);
      for (const path of file.levers) {
        const key = path.replace(/^world\./, "").replace(".", "_");
        expect(t(`app.levers.${key}.label` as never), `${lang} ${path}`).not.toBe("");
        expect(t(`app.levers.${key}.doc` as never), `${lang} ${path}`).not.toBe("");
      }
    }
  });

  // The cut is what matters: the weakest chosen lever against the first ones left out (6 runs of 100 paths).
  it("the weakest still outranks the next assumptions when their ranking is re-run (else: npm run app:levers)", async () => {
    const entities = file.outputs.map((o) => o.split(":")[1]);
    const checked = new Set(file.ranking.slice(LEVER_COUNT - 1, LEVER_COUNT + RUNNERS_UP).map((r) => r.path));
    const ranking = await rankLevers(await loadScenario(file.scenario), entities, (p) => checked.has(p));
    const score = new Map(ranking.map((r) => [r.path, r.score]));
    const weakestLever = score.get(file.levers[LEVER_COUNT - 1]) as number;
    const runnersUp = [...checked].filter((p) => !file.levers.includes(p)).map((p) => score.get(p) as number);
    expect(weakestLever).toBeGreaterThanOrEqual(Math.max(...runnersUp));
  }, 120_000);
});
