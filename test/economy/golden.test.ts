/**
 * The golden test: pins what `wallcast simulate --json` prints for every library scenario, bit for bit, as the
 * sha256 of each part of the JSON (each top-level key, and each entity apart). A refactor of the economy that
 * must not change a number keeps this green; a deliberate model change re-pins it in the same commit
 * (`npx vitest run test/economy/golden.test.ts -u`) and says why. The per-part hashes show where a change landed.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { libraryScenarios } from "../../src/scenario/library.js";
import { loadScenario } from "../../src/scenario/loader.js";
import { simulate } from "../../src/scenario/simulate.js";

/** The same text `printJson` writes: non-finite numbers as strings, typed arrays as arrays. */
function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "number" && !Number.isFinite(v)) return String(v);
    if (v instanceof Float64Array) return Array.from(v);
    return v;
  });
}

const sha = (value: unknown) => createHash("sha256").update(jsonText(value)).digest("hex").slice(0, 16);

/** sha256 (16 hex digits) of the whole result, of each top-level key, and of each entity. */
function digest(result: object): Record<string, string> {
  const out: Record<string, string> = { "*": sha(result) };
  for (const [key, value] of Object.entries(result)) {
    if (key === "entities") {
      for (const [id, entity] of Object.entries(value as Record<string, unknown>))
        out[`entities.${id}`] = sha(entity);
    } else out[key] = sha(value);
  }
  return out;
}

describe("the library's simulate --json output", () => {
  it("is unchanged, bit for bit, at 60 paths and seed 1 for every library scenario", async () => {
    const digests: Record<string, Record<string, string>> = {};
    for (const { id, file } of libraryScenarios()) {
      const result = await simulate(await loadScenario(file), { paths: 60, seed: 1, threads: 1 });
      digests[id] = digest(result);
    }
    expect(Object.keys(digests).length).toBeGreaterThanOrEqual(6);
    await expect(`${JSON.stringify(digests, null, 2)}\n`).toMatchFileSnapshot("golden/library.json");
  });
});
