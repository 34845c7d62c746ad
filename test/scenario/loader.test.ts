import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/loader.js";
import { InputError } from "../../src/util/errors.js";
import { runMain } from "../support/inProcess.js";

const FIXTURE = fileURLToPath(new URL("../economy/fixtures/small.yaml", import.meta.url));
const text = readFileSync(FIXTURE, "utf8");

function issuesOf(source: string): string[] {
  try {
    parseScenario(source, "bad.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues.map(
      (i) => `${i.file}:${i.line}: ${i.field}: ${i.message} (got ${JSON.stringify(i.value)})`,
    );
  }
  throw new Error("expected an InputError");
}

describe("parseScenario()", () => {
  it("loads the fixture with every entity, contract and event", () => {
    const s = parseScenario(text, FIXTURE);
    expect(s.entities).toHaveLength(10);
    expect(s.contracts).toHaveLength(12);
    expect(s.events[0].type).toBe("efficiency-shock");
    expect(s.horizonQuarters).toBe(16);
  });

  it("refuses a number with neither a source nor an assumption flag, naming file, line, path and value", () => {
    const bad = text.replace(
      '{id: pc, kind: private-credit, cash: {value: 50, assumption: true, range: [20, 80], reason: "test"}}',
      "{id: pc, kind: private-credit, cash: {value: 50}}",
    );
    const [issue] = issuesOf(bad);
    expect(issue).toMatch(/^bad\.yaml:\d+: entities\[5\]\.cash: a number needs a source/);
    expect(issue).toContain("(got 50)");
  });

  it("refuses an assumption without a range or reason", () => {
    const bad = text.replace(
      'cash: {value: 40, assumption: true, range: [20, 60], reason: "test"}',
      "cash: {value: 40, assumption: true}",
    );
    const issues = issuesOf(bad);
    expect(issues.some((i) => i.includes("entities[0].cash.range: an assumption needs range"))).toBe(true);
    expect(issues.some((i) => i.includes("entities[0].cash.reason"))).toBe(true);
  });

  it("names an unknown entity in a contract", () => {
    const [issue] = issuesOf(text.replace("buyer: lab-b, seller: hyper", "buyer: lab-z, seller: hyper"));
    expect(issue).toMatch(/contracts\[2\]\.buyer: unknown entity \(got "lab-z"\)/);
  });

  it("refuses trainsOn unless a lab names a cloud", () => {
    const on = (id: string, target: string) =>
      text.replace(`  - id: ${id}\n    kind:`, `  - id: ${id}\n    trainsOn: ${target}\n    kind:`);
    expect(issuesOf(on("lab-b", "lab-a"))).toEqual([
      expect.stringMatching(/entities\[1\]\.trainsOn: not a cloud \(got "lab-a"\)/),
    ]);
    expect(issuesOf(on("lab-b", "nobody"))[0]).toMatch(/entities\[1\]\.trainsOn: unknown entity/);
    expect(issuesOf(on("neo", "hyper"))[0]).toMatch(
      /entities\[3\]\.trainsOn: only a lab trains on a cloud's fleet/,
    );
    expect(parseScenario(on("lab-b", "hyper"), FIXTURE).entities[1].trainsOn).toBe("hyper");
  });

  it("refuses impossible distribution parameters", () => {
    const [issue] = issuesOf(
      text.replace("kind: uniform, lo: 0.3, hi: 0.4", "kind: uniform, lo: 0.5, hi: 0.4"),
    );
    expect(issue).toContain("world.gpu.economicDepreciationPerYear.dist.hi: hi must be > lo (got 0.4)");
    const [sd] = issuesOf(
      text.replace("kind: lognormal, median: 0.05, sigma: 0.3", "kind: lognormal, median: 0.05, sigma: -1"),
    );
    expect(sd).toContain("world.revenue.volatility.dist.sigma: sigma must be > 0 (got -1)");
  });

  it("refuses a horizon of zero and a value outside the field's domain", () => {
    expect(issuesOf(text.replace("horizonQuarters: 16", "horizonQuarters: 0"))[0]).toMatch(
      /^bad\.yaml:6: horizonQuarters: horizonQuarters must be ≥ 1 \(got 0\)/,
    );
    expect(issuesOf(text.replace("share: {value: 0.6,", "share: {value: 1.6,"))[0]).toContain(
      "entities[0].share.value: must lie in [0, 1] (got 1.6)",
    );
    expect(issuesOf(text.replace("costPerGwUsdB: {value: 35,", "costPerGwUsdB: {value: -35,"))[0]).toContain(
      "world.gpu.costPerGwUsdB.value: must be > 0 (got -35)",
    );
  });

  it("refuses a missing kind-specific field, an unknown source key and a correlation of a fixed parameter", () => {
    expect(
      issuesOf(
        text.replace(
          / {4}trainingShare: \{value: 0\.5, assumption: true, range: \[0\.4, 0\.6\], reason: "Amodei: about half and half"\}\n/,
          "",
        ),
      )[0],
    ).toContain("entities[0].trainingShare: required for kind lab");
    expect(issuesOf(text.replace("source: bernstein}", "source: nowhere}"))[0]).toContain(
      "world.gpu.costPerGwUsdB.source: unknown source key",
    );
    expect(
      issuesOf(text.replace("b: world.gpu.economicDepreciationPerYear", "b: world.gpu.costPerGwUsdB"))[0],
    ).toContain("correlations[0].b: parameter has no distribution");
  });
});

describe("wallcast simulate (bad input)", () => {
  it("exits 2 with one message naming the file, path and value", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wallcast-sim-"));
    const file = join(dir, "bad.yaml");
    writeFileSync(file, text.replace("buyer: lab-b, seller: hyper", "buyer: lab-z, seller: hyper"));
    const { code, stdout, stderr } = await runMain(["simulate", file, "--paths", "10"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(`wallcast: ${file}:`);
    expect(stderr).toContain('contracts[2].buyer: unknown entity (got "lab-z")');
  });
});
