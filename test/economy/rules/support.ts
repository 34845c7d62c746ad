import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createAccumulator } from "../../../src/economy/outputs.js";
import { createPathContext, PathWorkspace } from "../../../src/economy/path.js";
import type { PathContext } from "../../../src/economy/rules/index.js";
import { compileScenario } from "../../../src/scenario/compile.js";
import { parseScenario } from "../../../src/scenario/loader.js";
import { type Random, randomStream } from "../../../src/util/random.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/small.yaml", import.meta.url));

/**
 * The small fixture's central parameters, compiled, with a fresh state and every rule begun (path start); every
 * rule draws from `rng`, `onStream` hears which rules asked for a stream, and `edit` may change the fixture's text.
 */
export function startedPath(
  rng: Random = randomStream(1, 0, 0),
  onStream: (rule: string) => void = () => {},
  edit: (yaml: string) => string = (yaml) => yaml,
): { ctx: PathContext; ws: PathWorkspace } {
  const { model, parameters } = compileScenario(parseScenario(edit(readFileSync(FIXTURE, "utf8")), FIXTURE));
  const ws = new PathWorkspace(model);
  const ctx = createPathContext(
    model,
    parameters.central,
    (rule) => {
      onStream(rule);
      return rng;
    },
    ws,
    createAccumulator(model.entities.ids.length, model.quarters),
  );
  for (const rule of ws.rules) rule.begin(ctx);
  return { ctx, ws };
}

/** Index of an entity of the fixture. */
export function entity(ctx: PathContext, id: string): number {
  const i = ctx.model.entities.ids.indexOf(id);
  if (i < 0) throw new RangeError(`invalid id: ${id}`);
  return i;
}

/** The workspace's rule named `name`. */
export function rule(ws: PathWorkspace, name: string) {
  const found = ws.rules.find((r) => r.name === name);
  if (!found) throw new RangeError(`invalid rule: ${name}`);
  return found;
}

/** A stream that always returns `u` (uniform) and `z` (normal): draws become hand-computable. */
export function constantStream(u: number, z = 0): Random {
  return { uniform: () => u, int: (n) => Math.floor(u * n), normal: () => z };
}

/** An `edit` for `startedPath` that sets world numbers of one section of the fixture, each as a test assumption
 * `[value, lo, hi]`. */
export function worldSettings(
  section: string,
  settings: Record<string, [value: number, lo: number, hi: number]>,
): (yaml: string) => string {
  const lines = Object.entries(settings).map(
    ([name, [value, lo, hi]]) =>
      `    ${name}: {value: ${value}, assumption: true, range: [${lo}, ${hi}], reason: "test"}\n`,
  );
  return (yaml) => yaml.replace(`  ${section}:\n`, `  ${section}:\n${lines.join("")}`);
}
