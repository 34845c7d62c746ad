/** Shared helpers of the engine's hand-computed tests: fixed test numbers, the small fixture, one central path. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createAccumulator } from "../../src/economy/outputs.js";
import { type PathStress, PathWorkspace, runPath } from "../../src/economy/path.js";
import { compileScenario } from "../../src/scenario/compile.js";
import { parseScenario } from "../../src/scenario/loader.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { randomStream, streamKey } from "../../src/util/random.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/small.yaml", import.meta.url));

/** The small fixture scenario (two labs, a hyperscaler, a neocloud, a chip vendor and five holders). */
export const small: Scenario = parseScenario(readFileSync(FIXTURE, "utf8"), FIXTURE);

/** A fixed test number (an assumption whose range is the value itself, so it is never drawn). */
export const fixed = (value: number) => ({
  value,
  assumption: true as const,
  range: [value, value] as [number, number],
  reason: "test",
});

/**
 * Simulates one path of `scenario` at its central parameters (seed `seed`, every rule on its own substream) and
 * returns the workspace, whose state after the last quarter the tests read.
 */
export function runCentral(scenario: Scenario, stress: PathStress = {}, seed = 7): PathWorkspace {
  const { model, parameters } = compileScenario(scenario);
  const ws = new PathWorkspace(model);
  runPath(
    model,
    parameters.central,
    (rule) => randomStream(seed, 0, 0, streamKey(rule)),
    ws,
    createAccumulator(model.entities.ids.length, model.quarters),
    stress,
  );
  return ws;
}
