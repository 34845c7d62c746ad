import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MAX_EXTENDS_DEPTH } from "../../src/scenario/extends.js";
import { libraryFile } from "../../src/scenario/library.js";
import { loadScenario, parseScenario } from "../../src/scenario/loader.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { InputError } from "../../src/util/errors.js";
import { runMain } from "../support/inProcess.js";

const SMALL = readFileSync(fileURLToPath(new URL("../economy/fixtures/small.yaml", import.meta.url)), "utf8");
const dir = mkdtempSync(join(tmpdir(), "wallcast-extends-"));
const BASE = join(dir, "base.yaml");
writeFileSync(BASE, SMALL);

/** Writes `name` into the test folder and returns its path. */
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A child of the small fixture: `extends: ./base.yaml` and then `body`. */
function child(name: string, body: string): string {
  return file(name, `extends: ./base.yaml\nname: ${name.replace(".yaml", "")}\n${body}`);
}

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`${needle} not in text`);
  return index + 1;
}

/** The issues of the InputError `load` throws, as `file:line: field: message`. */
async function issuesOf(path: string): Promise<string[]> {
  try {
    await loadScenario(path);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues.map((i) => `${i.file}:${i.line}: ${i.field}: ${i.message}`);
  }
  throw new Error("expected an InputError");
}

const base = parseScenario(SMALL, BASE);

describe("extends: merge rules", () => {
  it("a world field given replaces the parent's whole quantity; the group's other fields are inherited", async () => {
    const path = child(
      "faster.yaml",
      "world:\n  capability:\n    trendOomPerYear: {value: 1.3, source: ho2024}\n",
    );
    const s = await loadScenario(path);
    expect(s.name).toBe("faster");
    expect(s.world.capability.trendOomPerYear).toEqual({ value: 1.3, source: "ho2024" });
    expect(s.world.capability.slopePerOom).toEqual(base.world.capability.slopePerOom);
    expect({ ...s.world, capability: null }).toEqual({ ...base.world, capability: null });
    expect(s.entities).toEqual(base.entities);
  });

  it("an entity with the parent's id replaces it whole, in place; a new contract is appended", async () => {
    const path = child(
      "swap.yaml",
      [
        "entities:",
        "  - id: lab-b",
        "    kind: lab",
        '    cash: {value: 25, assumption: true, range: [10, 30], reason: "test"}',
        '    share: {value: 0.4, assumption: true, range: [0.3, 0.6], reason: "test"}',
        '    trainingShare: {value: 0.6, assumption: true, range: [0.4, 0.7], reason: "test"}',
        '    servingGrossMargin: {value: 0.5, assumption: true, range: [0.3, 0.7], reason: "test"}',
        '    otherCostUsdBPerYear: {value: 4, assumption: true, range: [2, 6], reason: "test"}',
        "contracts:",
        "  - {id: b-neo, type: take-or-pay, buyer: lab-b, seller: neo,",
        '     totalUsdB: {value: 12, assumption: true, range: [5, 20], reason: "test"},',
        '     termQuarters: {value: 8, assumption: true, range: [4, 12], reason: "test"}}',
        "",
      ].join("\n"),
    );
    const s = await loadScenario(path);
    expect(s.entities.map((e) => e.id)).toEqual(base.entities.map((e) => e.id));
    const labB = s.entities[1] as Record<string, unknown>;
    expect(labB.cash).toEqual({ value: 25, assumption: true, range: [10, 30], reason: "test" });
    // Whole: the parent's lab-b had a funding round, the replacement has none.
    expect(labB.fundingRoundUsdB).toBeUndefined();
    expect(s.contracts.map((c) => c.id)).toEqual([...base.contracts.map((c) => c.id), "b-neo"]);
  });

  it("remove: deletes an event and a contract of the parent", async () => {
    const path = child("calm.yaml", "remove:\n  events: [deepseek]\n  contracts: [chip-in-neo]\n");
    const s = await loadScenario(path);
    expect(s.events).toEqual([]);
    expect(s.contracts.map((c) => c.id)).toEqual(
      base.contracts.map((c) => c.id).filter((id) => id !== "chip-in-neo"),
    );
  });

  it("remove: deletes a world field of the parent, the rest of its group kept", async () => {
    const path = file(
      "unbounded.yaml",
      "extends: default\nremove:\n  world: [revenue.wageBillUsdBPerYear]\n",
    );
    const [s, def] = [await loadScenario(path), await loadScenario("default")];
    expect(def.world.revenue.wageBillUsdBPerYear?.value).toBe(61000);
    const { wageBillUsdBPerYear, ...rest } = def.world.revenue;
    expect(s.world.revenue).toEqual(rest);
  });

  it("a removal of an id the parent does not have is an error at the child's line", async () => {
    const path = child("typo.yaml", "remove:\n  events: [deepsek]\n  world: [gpu]\n");
    expect(await issuesOf(path)).toEqual([
      `${path}:5: remove.world[0]: must be group.field`,
      `${path}:4: remove.events[0]: not in the parent scenario`,
    ]);
  });

  it("remove: without extends is an error", () => {
    expect(() => parseScenario(`${SMALL}remove:\n  events: [deepseek]\n`, "lone.yaml")).toThrow(
      /lone\.yaml:\d+: remove: needs extends/,
    );
  });
});

describe("extends: chains", () => {
  it("resolves a chain of relative paths, each level over the one above", async () => {
    child("mid.yaml", "horizonQuarters: 12\n");
    const path = file("leaf.yaml", "extends: mid.yaml\nname: leaf\n");
    const s = await loadScenario(path);
    expect([s.name, s.horizonQuarters, s.start]).toEqual(["leaf", 12, "2026Q1"]);
  });

  it("refuses a cycle, naming the files", async () => {
    const a = file("cycle-a.yaml", "extends: ./cycle-b.yaml\nname: a\n");
    const b = file("cycle-b.yaml", "extends: ./cycle-a.yaml\nname: b\n");
    expect(await issuesOf(a)).toEqual([`${b}:1: extends: cycle: ${a} → ${b} → ${a}`]);
  });

  it(`refuses more than ${MAX_EXTENDS_DEPTH} parents`, async () => {
    for (let i = 0; i < MAX_EXTENDS_DEPTH; i++) file(`deep-${i}.yaml`, `extends: ./deep-${i + 1}.yaml\n`);
    child(`deep-${MAX_EXTENDS_DEPTH}.yaml`, "");
    expect((await loadScenario(join(dir, "deep-1.yaml"))).name).toBe(`deep-${MAX_EXTENDS_DEPTH}`);
    const [issue] = await issuesOf(join(dir, "deep-0.yaml"));
    expect(issue).toMatch(new RegExp(`deep-${MAX_EXTENDS_DEPTH}\\.yaml:1: extends: more than 8 parents: `));
  });

  it("refuses a missing parent file and an unknown library name at the extends line", async () => {
    const missing = file("orphan.yaml", "name: orphan\nextends: ./nowhere.yaml\n");
    expect(await issuesOf(missing)).toEqual([
      `${missing}:2: extends: no such file: ${join(dir, "nowhere.yaml")}`,
    ]);
    const unknown = file("stranger.yaml", "extends: defualt\n");
    const [issue] = await issuesOf(unknown);
    expect(issue).toMatch(
      /stranger\.yaml:1: extends: not a library scenario \(default, backcast-2023, ceiling, .*\)/,
    );
  });

  it("extends a library scenario by name", async () => {
    const path = file("mine.yaml", "extends: default\nname: mine\nhorizonQuarters: 8\n");
    const s = await loadScenario(path);
    const library = await loadScenario("default");
    expect({ ...s, name: "", horizonQuarters: 0 }).toEqual({ ...library, name: "", horizonQuarters: 0 });
    expect(s.horizonQuarters).toBe(8);
  });
});

describe("extends: errors point at the file and line that wrote the value", () => {
  it("an error in the child's block names the child's file and line", async () => {
    const text = [
      "entities:",
      "  - {id: fund, kind: hy-fund, cash: {value: 5}}",
      "contracts:",
      "  - {id: fund-neo, type: bond, borrower: neo, lender: fund,",
      '     principalUsdB: {value: 1, assumption: true, range: [0.5, 2], reason: "test"},',
      "     rateAnnual: {value: 0.08, source: nowhere},",
      '     termQuarters: {value: 8, assumption: true, range: [4, 12], reason: "test"}}',
      "",
    ].join("\n");
    const path = child("flawed.yaml", text);
    const written = readFileSync(path, "utf8");
    const issues = await issuesOf(path);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain(
      `${path}:${lineOf(written, "id: fund,")}: entities[10].cash: a number needs a source`,
    );
    const sources = await issuesOf(
      child("unsourced.yaml", text.replace("cash: {value: 5}", "cash: {value: 5, source: rice}")),
    );
    expect(sources).toEqual([
      `${join(dir, "unsourced.yaml")}:${lineOf(written, "source: nowhere")}: contracts[12].rateAnnual.source: unknown source key (add it under sources:)`,
    ]);
  });

  it("an error in an inherited block names the parent's file and line", async () => {
    // Without the holder `pc` the parent's loan to the neocloud has no lender.
    const path = child("no-pc.yaml", "remove:\n  entities: [pc]\n");
    expect(await issuesOf(path)).toEqual([
      `${BASE}:${lineOf(SMALL, "id: neo-loan,")}: contracts[3].lender: unknown entity`,
    ]);
    // A source the child removes is still cited by the parent's quantity: checked after resolution.
    const [issue] = await issuesOf(child("no-rice.yaml", "remove:\n  sources: [rice]\n"));
    expect(issue).toBe(
      `${BASE}:${lineOf(SMALL, "economicDepreciationPerYear:")}: world.gpu.economicDepreciationPerYear.source: unknown source key (add it under sources:)`,
    );
  });
});

describe("the derived library scenarios", () => {
  /** `s` with the named top-level keys and world groups blanked, to compare the rest with the default. */
  const apart = (s: Scenario, keys: string[], groups: string[] = []): unknown => ({
    ...s,
    ...Object.fromEntries(keys.map((k) => [k, null])),
    world: { ...s.world, ...Object.fromEntries(groups.map((g) => [g, null])) },
  });
  const slopeNoBend = {
    value: 1,
    assumption: true,
    range: [1, 1],
    reason:
      "the index unit, by definition one point per OOM of effective training compute; what a point is worth is revenue.capabilityElasticity",
  };

  it("change only the capability shape (and drop the default's correlation on the break) or add one event", async () => {
    const def = await loadScenario("default");
    const { breakOom, slopeAfterPerOom, shape, slopePerOom, ...kept } = def.world.capability;
    expect([shape, breakOom?.dist?.kind, slopeAfterPerOom?.dist?.kind]).toEqual([
      "broken",
      "uniform",
      "uniform",
    ]);
    expect(slopePerOom.reason).toContain("before any bend");
    const capability: Record<string, object> = {
      "scaling-continues": { ...kept, shape: "continues", slopePerOom: slopeNoBend },
      ceiling: {
        ...kept,
        shape: "ceiling",
        slopePerOom: slopeNoBend,
        ceiling: {
          dist: { kind: "uniform", lo: 1, hi: 2.5 },
          assumption: true,
          range: [1, 2.5],
          reason:
            "sceptics: the current paradigm has little headroom left (figures §0 Marubeni); no published number",
        },
      },
      "s-curve-tops": {
        ...kept,
        shape: "s-curve",
        slopePerOom: slopeNoBend,
        ceiling: {
          dist: { kind: "uniform", lo: 1.5, hi: 3 },
          assumption: true,
          range: [1.5, 3],
          reason: "gain left when the top arrives within 1-2 years on a 1.13 OOM/yr trend",
        },
        topYear: { dist: { kind: "uniform", lo: 2027, hi: 2028 }, source: "amodei" },
      },
    };
    for (const [name, expected] of Object.entries(capability)) {
      const s = await loadScenario(name);
      expect(s.world.capability, name).toEqual(expected);
      expect(s.correlations, name).toEqual([]);
      expect(apart(s, ["name", "description", "correlations"], ["capability"]), name).toEqual(
        apart(def, ["name", "description", "correlations"], ["capability"]),
      );
    }

    const shock = await loadScenario("efficiency-shock");
    expect(Object.keys(shock.sources)).toEqual([...Object.keys(def.sources), "deepseek-shock"]);
    expect(shock.events).toHaveLength(1);
    expect(shock.events[0]).toMatchObject({
      id: "deepseek-moment",
      type: "efficiency-shock",
      quarter: "2026Q3",
      multiplier: { dist: { kind: "triangular", lo: 3, mode: 10, hi: 20 }, source: "deepseek-v3" },
      priceCut: { value: 0.9, source: "deepseek-shock" },
      competedShare: { value: 0.4 },
      priceElasticity: { value: 0.6 },
      shareShift: { value: 0.2 },
      gainer: "deepseek",
    });
    expect(apart(shock, ["name", "description", "events", "sources"])).toEqual(
      apart(def, ["name", "description", "events", "sources"]),
    );

    const controls = await loadScenario("export-controls");
    expect(controls.events).toEqual([
      {
        id: "decoupling",
        type: "export-control",
        quarter: "2026Q3",
        bloc: "china",
        computeCut: {
          value: 0.5,
          assumption: true,
          range: [0.3, 0.8],
          reason: "H20-class chips and smuggling keep part of the access; no public estimate",
        },
        vendorSalesCut: {
          value: 0.13,
          assumption: true,
          range: [0.05, 0.2],
          reason: "China's share of NVIDIA data-centre sales before the 2025 bans; no sourced figure",
        },
      },
    ]);
    expect(apart(controls, ["name", "description", "events"])).toEqual(
      apart(def, ["name", "description", "events"]),
    );
  });
});

describe("loadScenario() and the CLI take a library name", () => {
  it("loadScenario('ceiling') is the library file's scenario; an unknown name lists the library", async () => {
    expect(await loadScenario("ceiling")).toEqual(await loadScenario(libraryFile("ceiling") as string));
    await expect(loadScenario("cieling")).rejects.toThrow(/scenario: neither a library scenario \(default, /);
  });

  it("scenario show --resolved --json prints loadScenario's object; the YAML form loads back to it", async () => {
    const json = await runMain(["scenario", "show", "s-curve-tops", "--resolved", "--json"]);
    expect(json.code).toBe(0);
    const scenario = await loadScenario("s-curve-tops");
    expect(JSON.parse(json.stdout)).toEqual(scenario);
    const yaml = await runMain(["scenario", "show", "s-curve-tops", "--resolved"]);
    const [header] = yaml.stdout.split("\n");
    expect(header).toBe(`# resolved: ${libraryFile("s-curve-tops")} → ${libraryFile("default")}`);
    expect(parseScenario(yaml.stdout, "shown.yaml")).toEqual(scenario);
  });

  it("scenario show without --resolved prints the file as written", async () => {
    const shown = await runMain(["scenario", "show", "export-controls"]);
    expect(shown.stdout).toBe(readFileSync(libraryFile("export-controls") as string, "utf8"));
    const json = await runMain(["scenario", "show", "export-controls", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ extends: "default", name: "export-controls" });
  });

  it("scenario list gives each library scenario with its parent and description", async () => {
    const { code, stdout } = await runMain(["scenario", "list", "--json"]);
    expect(code).toBe(0);
    const { scenarios } = JSON.parse(stdout) as {
      scenarios: Array<{ name: string; extends: string | null; description: string }>;
    };
    expect(scenarios.map((s) => [s.name, s.extends])).toEqual([
      ["default", null],
      ["backcast-2023", null],
      ["ceiling", "default"],
      ["china-catch-up", "default"],
      ["efficiency-shock", "default"],
      ["export-controls", "default"],
      ["new-architectures", "default"],
      ["s-curve-tops", "default"],
      ["scaling-continues", "default"],
      ["us-lead", "default"],
    ]);
    expect(scenarios[2].description).toMatch(/^The sceptics' case/);
  });

  it("scenario show of a broken child exits 2 naming the child's line", async () => {
    const path = child("broken.yaml", "horizonQuarters: 0\n");
    const { code, stdout, stderr } = await runMain(["scenario", "show", path, "--resolved"]);
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr).toBe(`wallcast: ${path}:3: horizonQuarters: horizonQuarters must be ≥ 1 (got 0)\n`);
  });

  it("simulate takes a library name", async () => {
    const { code, stdout } = await runMain([
      "simulate",
      "export-controls",
      "--paths",
      "2",
      "--threads",
      "1",
      "--json",
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).scenario).toBe("export-controls");
  });
});
