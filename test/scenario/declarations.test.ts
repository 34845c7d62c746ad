/**
 * The scenario schema and docs/parameters.md are generated from the rules' parameter declarations: the library
 * uses only declared numbers, the declarations are consistent, and the generated schema and text match them.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  CONTRACT_PARAMETERS,
  ENTITY_PARAMETERS,
  EVENT_PARAMETERS,
  WORLD_PARAMETERS,
} from "../../src/economy/declarations.js";
import { isRequired, type ParameterSpecs } from "../../src/economy/parameters.js";
import { createRules } from "../../src/economy/rules/index.js";
import { CORRELATION_PARAMETERS, declaredDomain } from "../../src/scenario/declared.js";
import { loadScenario } from "../../src/scenario/loader.js";
import { scenarioQuantities } from "../../src/scenario/parameters.js";
import {
  declarationsOf,
  fallbackOf,
  parametersMarkdown,
  type RuleDeclarations,
} from "../../src/scenario/parametersDoc.js";
import { entitySchema, worldSchema } from "../../src/scenario/schema.js";
import { runMain } from "../support/inProcess.js";

const LIBRARY = fileURLToPath(new URL("../../scenarios/", import.meta.url));
const FILES = readdirSync(LIBRARY)
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => join(LIBRARY, f));
const DOC = fileURLToPath(new URL("../../docs/parameters.md", import.meta.url));

/** The fields an entity has besides its numbers. */
const ENTITY_LABELS = ["id", "kind", "name", "bloc", "investors", "acquirers", "trainsOn"];

const ALL: Record<string, ParameterSpecs> = {
  world: WORLD_PARAMETERS,
  entity: ENTITY_PARAMETERS,
  contract: CONTRACT_PARAMETERS,
  event: EVENT_PARAMETERS,
  correlation: CORRELATION_PARAMETERS,
};

describe("the library scenarios", () => {
  it("are the ten scenarios (nine forecasts and the back-cast), each accepted by the generated schema as it is", async () => {
    expect(FILES).toHaveLength(10);
    for (const file of FILES) {
      const scenario = await loadScenario(file);
      expect(scenario.entities.length).toBeGreaterThan(5);
      expect(worldSchema.safeParse(scenario.world).success).toBe(true);
    }
  });

  it("hold only declared world and entity numbers, each checked against its declared domain", async () => {
    for (const file of FILES) {
      const scenario = await loadScenario(file);
      for (const [group, fields] of Object.entries(scenario.world))
        for (const field of Object.keys(fields).filter((f) => f !== "shape"))
          expect(Object.keys(WORLD_PARAMETERS), `${file}: world.${group}.${field}`).toContain(
            `${group}.${field}`,
          );
      for (const entity of scenario.entities)
        for (const field of Object.keys(entity).filter((f) => !ENTITY_LABELS.includes(f)))
          expect(Object.keys(ENTITY_PARAMETERS), `${file}: ${entity.id}.${field}`).toContain(field);
      const bassQ = scenarioQuantities(scenario).find((q) => q.path === "world.revenue.bassQ");
      expect(bassQ?.domain).toEqual({ lo: 0, hi: Number.POSITIVE_INFINITY });
    }
  });
});

describe("the declarations", () => {
  it("give every default inside its domain, an infinite one only at an unbounded end", () => {
    for (const [kind, specs] of Object.entries(ALL))
      for (const [name, { domain, default: value }] of Object.entries(specs)) {
        if (value === undefined) continue;
        const where = `${kind} ${name}: ${value}`;
        if (Number.isFinite(value)) {
          expect(value >= domain.lo && value <= domain.hi, where).toBe(true);
          if (domain.integer) expect(Number.isInteger(value), where).toBe(true);
        } else expect([domain.lo, domain.hi], where).toContain(value);
      }
  });

  it("declare each name once, and gather every rule's tables", () => {
    const kinds = ["world", "entity", "contract", "event"] as const;
    const seen = Object.fromEntries(kinds.map((k) => [k, [] as string[]])) as Record<
      keyof RuleDeclarations,
      string[]
    >;
    for (const rule of createRules()) {
      const tables = declarationsOf(rule);
      for (const kind of kinds) seen[kind].push(...Object.keys(tables[kind] ?? {}));
    }
    for (const kind of kinds) {
      expect(new Set(seen[kind]).size, kind).toBe(seen[kind].length);
      expect([...seen[kind]].sort(), kind).toEqual(Object.keys(ALL[kind]).sort());
    }
    expect(seen.world).toContain("revenue.bassQ");
    expect(seen.event).toContain("fraction");
  });

  it("state the computed fallback of every optional number as its doc's '(default: …)'", () => {
    for (const specs of Object.values(ALL))
      for (const [name, spec] of Object.entries(specs))
        if (spec.optional) expect(fallbackOf(spec), name).toBeDefined();
    expect(fallbackOf(WORLD_PARAMETERS["capability.topYear"])).toBe("start + 10");
  });

  it("look domains up by parameter kind: a world number by group.field, the others by field", () => {
    expect(declaredDomain("world", "revenue.openModelLagQuarters")).toEqual({
      lo: 1,
      hi: Number.POSITIVE_INFINITY,
      integer: true,
    });
    expect(declaredDomain("entity", "servingGrossMargin")).toEqual({ lo: -5, hi: 0.99 });
    expect(declaredDomain("contract", "constructionQuarters").integer).toBe(true);
    expect(declaredDomain("event", "priceCut")).toEqual({ lo: 0, hi: 0.999 });
    expect(declaredDomain("correlation", "rho")).toEqual({ lo: -1, hi: 1 });
    expect(() => declaredDomain("entity", "constructor")).toThrow("undeclared entity parameter: constructor");
  });
});

describe("the generated schema", () => {
  it("has one field per world declaration, required exactly when it has neither default nor fallback", () => {
    const fields: Array<[string, boolean]> = [];
    // The capability curve's shape and its evidence (the fit and its table) are settings, not numbers.
    const settings = ["shape", "from", "evidence"];
    for (const [group, schema] of Object.entries(worldSchema.shape))
      for (const [field, number] of Object.entries(schema.shape))
        if (!settings.includes(field))
          fields.push([`${group}.${field}`, !number.safeParse(undefined).success]);
    expect(fields.map(([name]) => name).sort()).toEqual(Object.keys(WORLD_PARAMETERS).sort());
    for (const [name, required] of fields) expect(required, name).toBe(isRequired(ALL.world[name]));
    expect(fields).toContainEqual(["revenue.bassQ", true]);
    expect(fields).toContainEqual(["capability.topYear", false]);
  });

  it("gives an entity its labels and one optional field per entity declaration but cash", () => {
    const shape = entitySchema.shape;
    expect(Object.keys(shape)).toEqual([...ENTITY_LABELS, ...Object.keys(ENTITY_PARAMETERS)]);
    expect(shape.cash.safeParse(undefined).success).toBe(false);
    expect(shape.gpuUsdB.safeParse(undefined).success).toBe(true);
    expect(shape.cash.description).toBe(ENTITY_PARAMETERS.cash.doc);
  });

  it("refuses a scenario missing a required world number with the one-line message it always gave", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wallcast-declarations-"));
    const bad = join(dir, "bad.yaml");
    const text = readFileSync(join(LIBRARY, "default.yaml"), "utf8");
    const without = text.replace(/^ {4}bassQ: .*\n/m, "");
    expect(without).not.toBe(text);
    writeFileSync(bad, without);
    const { code, stdout, stderr } = await runMain(["simulate", bad, "--paths", "1"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      /^wallcast: \S*bad\.yaml:\d+: world\.revenue\.bassQ: Invalid input: expected object, received undefined\n$/,
    );
  });
});

describe("docs/parameters.md", () => {
  it("is the text the declarations generate (run npm run docs:parameters)", () => {
    expect(readFileSync(DOC, "utf8"), "docs/parameters.md is stale: run npm run docs:parameters").toBe(
      parametersMarkdown(),
    );
  });

  it("has one table per declaring rule in rule order, with unit, domain, default and doc", () => {
    const text = parametersMarkdown();
    const headings = [...text.matchAll(/^## (\S+)/gm)].map((m) => m[1]);
    const declaring = createRules()
      .filter((r) => Object.values(declarationsOf(r)).some((t) => t !== undefined))
      .map((r) => r.name);
    expect(headings).toEqual([...declaring, "correlations"]);
    expect(text).toContain(
      "| `world.revenue.bassQ` | 1/year | [0, ∞) | required | Bass imitation coefficient q. |",
    );
    expect(text).toContain(
      "| `world.capability.slopeAfterPerOom` | index points/OOM | [0, ∞) | the slope before it | broken: slope after the break. |",
    );
    expect(text).toContain(
      "| `entities.<id>.powerGw` | GW | [0, ∞) | unbounded | Cloud: power available at the start. |",
    );
    expect(text).toContain("| `contracts.<id>.termQuarters` | quarters | [1, ∞), whole numbers | required |");
  });
});
