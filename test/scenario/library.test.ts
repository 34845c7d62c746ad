import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BACKCAST_SCENARIOS } from "../../src/scenario/library.js";
import { loadScenario, visitQuantities } from "../../src/scenario/loader.js";
import { parameterPaths, scenarioQuantities } from "../../src/scenario/parameters.js";
import { ENTITY_KINDS, type Quantity } from "../../src/scenario/schema.js";
import { simulate } from "../../src/scenario/simulate.js";

const DIR = fileURLToPath(new URL("../../scenarios/", import.meta.url));
const NAMES = [
  "default",
  "scaling-continues",
  "ceiling",
  "s-curve-tops",
  "efficiency-shock",
  "export-controls",
  "new-architectures",
  "us-lead",
  "china-catch-up",
];
const load = (name: string) => loadScenario(name);

/**
 * What a derived scenario's file changes, named as its header must name it: top-level keys, `world.group.field`,
 * `sources.key`, `entities.id` (and contracts, events), and each name under `remove:` as `kind.name`.
 */
function overrides(raw: Record<string, unknown>): string[] {
  const out: string[] = [];
  const record = (value: unknown) => Object.entries(value as Record<string, unknown>);
  for (const [key, value] of record(raw)) {
    if (key === "extends") continue;
    if (key === "remove")
      for (const [kind, names] of record(value)) for (const n of names as string[]) out.push(`${kind}.${n}`);
    else if (key === "world")
      for (const [group, fields] of record(value))
        for (const [field] of record(fields)) out.push(`world.${group}.${field}`);
    else if (key === "sources") for (const [source] of record(value)) out.push(`sources.${source}`);
    else if (["entities", "contracts", "events"].includes(key) && Array.isArray(value) && value.length > 0)
      for (const entry of value as Array<{ id: string }>) out.push(`${key}.${entry.id}`);
    else out.push(key);
  }
  return out;
}

describe("scenario library", () => {
  it("holds the default, the five scenarios of issue 6, new-architectures, the decoupling paths and the back-cast, one file each, loaded by the name of the file", async () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => f.slice(0, -5));
    expect(files.sort()).toEqual([...NAMES, ...BACKCAST_SCENARIOS].sort());
    for (const name of [...NAMES, ...BACKCAST_SCENARIOS]) expect((await load(name)).name).toBe(name);
  });

  it("gives every number a source {document, locator, date} or an assumption flag with a range around it and a reason", async () => {
    for (const name of [...NAMES, ...BACKCAST_SCENARIOS]) {
      const scenario = await load(name);
      let sourced = 0;
      let assumed = 0;
      visitQuantities(scenario, (q: Quantity, path) => {
        const where = `${name}: ${path.join(".")}`;
        if (q.source !== undefined) {
          const source = typeof q.source === "string" ? scenario.sources[q.source] : q.source;
          expect(source, where).toBeDefined();
          for (const field of ["document", "locator", "date"] as const)
            expect(source[field].length, where).toBeGreaterThan(0);
          sourced++;
        } else {
          expect(q.assumption, where).toBe(true);
          expect(q.reason?.length, where).toBeGreaterThan(5);
          const [lo, hi] = q.range ?? [Number.NaN, Number.NaN];
          expect(lo, where).toBeLessThanOrEqual(hi);
          const central = q.value ?? (q.dist?.kind === "uniform" ? (q.dist.lo + q.dist.hi) / 2 : undefined);
          if (central !== undefined) {
            expect(central, where).toBeGreaterThanOrEqual(lo);
            expect(central, where).toBeLessThanOrEqual(hi);
          }
          assumed++;
        }
      });
      // The back-cast's world of 2023 is mostly assumptions: few documents of early 2023 give the numbers.
      expect(sourced, name).toBeGreaterThanOrEqual(BACKCAST_SCENARIOS.includes(name) ? 15 : 40);
      expect(sourced + assumed, name).toBe(
        scenarioQuantities(scenario).length + scenario.correlations.length,
      );
    }
  });

  it("names at least 30 players in the default, every entity kind among them", async () => {
    const scenario = await load("default");
    expect(scenario.entities.length).toBeGreaterThanOrEqual(30);
    const kinds = new Set(scenario.entities.map((e) => e.kind));
    for (const kind of ENTITY_KINDS) expect(kinds.has(kind), kind).toBe(true);
    const ids = new Set(scenario.entities.map((e) => e.id));
    for (const id of [
      "openai",
      "anthropic",
      "google-deepmind",
      "meta-ai",
      "xai",
      "deepseek",
      "microsoft",
      "amazon",
      "alphabet",
      "oracle",
      "coreweave",
      "nebius",
      "nvidia",
      "softbank",
      "blue-owl",
      "gpif",
      "mufg",
      "us-life-insurers",
      "jp-retail",
      "arm",
    ])
      expect(ids.has(id), id).toBe(true);
  });

  it("carries the published deal sizes and CoreWeave's debt stack from docs/sources.md", async () => {
    const scenario = await load("default");
    const value = (path: string): number => {
      const q = scenarioQuantities(scenario).find((x) => x.path === path);
      if (q?.quantity.value === undefined) throw new Error(`no fixed value at ${path}`);
      return q.quantity.value;
    };
    expect(value("contracts.openai-oracle.totalUsdB")).toBe(300);
    expect(value("contracts.openai-oracle.termQuarters")).toBe(20);
    expect(value("contracts.openai-azure.totalUsdB")).toBe(250);
    expect(value("contracts.openai-aws.totalUsdB")).toBe(38);
    expect(value("contracts.openai-aws.termQuarters")).toBe(28);
    expect(value("contracts.openai-coreweave.totalUsdB")).toBe(22.4);
    // OpenAI's four cloud deals ≈ the ~$600B compute target through 2030 (docs/sources.md#openai-reset).
    const openai = ["oracle", "azure", "aws", "coreweave"].reduce(
      (s, c) => s + value(`contracts.openai-${c}.totalUsdB`),
      0,
    );
    expect(openai).toBeCloseTo(610.4, 9);
    // CoreWeave debt principal at 30 Jun 2025: $11.17B (10-Q).
    const stack = ["ddtl1", "ddtl2", "notes-2030", "oem", "revolver", "magnetar"].reduce(
      (s, c) => s + value(`contracts.cw-${c}.principalUsdB`),
      0,
    );
    expect(stack).toBeCloseTo(11.17, 9);
    expect(value("contracts.vantage-tx.principalUsdB") + value("contracts.vantage-wi.principalUsdB")).toBe(
      38,
    );
    expect(
      value("contracts.hyperion-pimco.principalUsdB") + value("contracts.hyperion-other.principalUsdB"),
    ).toBe(27);
    expect(value("contracts.blue-owl-hyperion.fraction")).toBe(0.8);
    expect(value("contracts.hyperion-pimco.rateAnnual")).toBe(0.0658);
    // Oracle's Sep 2025 notes, $18B in six series (10-Q, 30 Nov 2025).
    const oracle = ["2030", "2032", "2035", "2045-65"].reduce(
      (s, c) => s + value(`contracts.oracle-notes-${c}.principalUsdB`),
      0,
    );
    expect(oracle).toBe(18);
    expect(value("contracts.oracle-notes-2030.rateAnnual")).toBe(0.0445);
    // Nebius' 2025 convertibles: $1B in June, $2.75B in September.
    const nebius = ["2029", "2030", "2031", "2032"].reduce(
      (s, c) => s + value(`contracts.nebius-converts-${c}.principalUsdB`),
      0,
    );
    expect(nebius).toBeCloseTo(3.75, 12);
    // Market values at the start: Microsoft's market capitalisation, OpenAI's last valuation.
    expect(value("entities.microsoft.marketValueUsdB")).toBe(3594);
    expect(value("entities.openai.marketValueUsdB")).toBe(500);
    expect(value("entities.coreweave.powerGw")).toBe(0.85);
    expect(value("entities.microsoft.accountingLifeYears")).toBe(6);
    expect(value("entities.nebius.accountingLifeYears")).toBe(4);
  });

  it("writes each derived scenario as extends: default in under 80 lines, overriding only what its header says", () => {
    for (const name of NAMES.filter((n) => n !== "default")) {
      const text = readFileSync(`${DIR}${name}.yaml`, "utf8");
      const lines = text.trimEnd().split("\n");
      expect(lines.length, name).toBeLessThan(80);
      const header = lines
        .slice(
          0,
          lines.findIndex((l) => !l.startsWith("#")),
        )
        .join(" ");
      const words = new Set(header.split(/[\s,;:()]+/).map((w) => w.replace(/\.$/, "")));
      const raw = parse(text) as Record<string, unknown>;
      expect(raw.extends, name).toBe("default");
      expect(overrides(raw).length, name).toBeGreaterThan(2);
      for (const item of overrides(raw))
        expect(words.has(item), `${name}: ${item} not in the header`).toBe(true);
    }
  });

  it("runs every scenario (a few paths) with probabilities in [0, 1], and the ceiling below continued scaling", async () => {
    const capability2026: Record<string, number> = {};
    for (const name of NAMES) {
      const scenario = await load(name);
      expect(parameterPaths(scenario).length).toBeGreaterThan(200);
      const r = await simulate(scenario, { paths: 8, seed: 3, threads: 1 });
      expect(r.paths).toBe(8);
      expect(r.quarters).toHaveLength(40);
      for (const e of Object.values(r.entities))
        for (const p of Object.values(e.pDefaultByYear)) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
      for (const l of Object.values(r.losses)) expect(Number.isFinite(l.total) && l.total >= 0).toBe(true);
      capability2026[name] = r.capability.mean[3];
    }
    // By end-2026 (before any lab can have failed) the ceiling has bent the curve below continued scaling.
    expect(capability2026["scaling-continues"]).toBeGreaterThan(capability2026.ceiling);
  });
});

describe("the defaults of the default and ceiling scenarios", () => {
  it("never hang mostly (> 50%) on one assumed lump sum: each dominant trigger is sourced or a financing pool", async () => {
    let checked = 0;
    for (const name of ["default", "ceiling"]) {
      const scenario = await load(name);
      const r = await simulate(scenario, { paths: 200, seed: 1 });
      const contracts = new Map(scenario.contracts.map((c) => [c.id, c]));
      for (const [id, e] of Object.entries(r.entities)) {
        if ((Object.values(e.pDefaultByYear).at(-1) ?? 0) < 0.05 || !e.defaultTriggers) continue;
        const [trigger, share] = Object.entries(e.defaultTriggers).sort((a, b) => b[1] - a[1])[0];
        checked++;
        if (share <= 0.5 || trigger === "operatingCosts") continue;
        const c = contracts.get(trigger);
        const amount =
          c?.type === "take-or-pay" ? c.totalUsdB : c && "principalUsdB" in c ? c.principalUsdB : undefined;
        // A facility is a pool of many draws, not a lump sum; any other dominant trigger must have a sourced size.
        expect(
          c?.type === "facility" || amount?.source !== undefined,
          `${name} ${id}: ${trigger} (${share})`,
        ).toBe(true);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});
