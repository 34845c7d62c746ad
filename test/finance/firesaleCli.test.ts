import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMain } from "../support/inProcess.js";
import { BSU, CFS_PAIR } from "./fixtures.js";

let root: string;
const file = (name: string) => join(root, name);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "wallcast-firesale-"));
  // Breuer–Summer–Urošević appendix A3 and the Cifuentes–Ferrucci–Shin pair (see fixtures.ts).
  writeFileSync(file("bsu.json"), JSON.stringify(BSU));
  writeFileSync(file("joint.json"), JSON.stringify(CFS_PAIR));
  writeFileSync(file("nothreshold.json"), JSON.stringify({ nodes: [{ id: "A", equity: 1, marketable: 1 }] }));
  writeFileSync(
    file("badkind.json"),
    JSON.stringify({ nodes: [{ id: "A" }], leverageThreshold: 2, priceImpact: { kind: "cubic", k: 1 } }),
  );
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("wallcast firesale", () => {
  it("--json prints the least and greatest equilibria (BSU A3: 0.0564801 and 0.13914, not unique)", async () => {
    const { code, stdout, stderr } = await runMain(["firesale", file("bsu.json"), "--json"]);
    expect([code, stderr]).toEqual([0, ""]);
    const out = JSON.parse(stdout);
    expect(out.lower.discount).toBeCloseTo(0.0564801, 7);
    expect(out.lower.saleShare).toEqual({ Bank1: 1, Bank2: 0, Bank3: 0 });
    expect(out.upper.discount).toBeCloseTo(0.13914, 5);
    expect(out.upper.saleShare).toEqual({ Bank1: 1, Bank2: 1, Bank3: 1 });
    expect(out.unique).toBe(false);
    expect(out.lower.iterations).toBeGreaterThan(0);
  });

  it("prints a table without --json", async () => {
    const { code, stdout } = await runMain(["firesale", file("bsu.json")]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Bank2\s+0\s+1$/m);
    expect(stdout).toContain("discount: least 0.0564801, greatest 0.13914 — TWO DIFFERENT EQUILIBRIA");
  });

  it("--joint clears the network at each price and reports payments and defaults", async () => {
    const { code, stdout } = await runMain(["firesale", file("joint.json"), "--joint", "--json"]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.lower).toMatchObject({ discount: 0, payments: { A: 10, B: 13 }, defaulted: [] });
    expect(out.upper).toMatchObject({
      discount: 0.5,
      saleShare: { A: 1 },
      payments: { A: 7, B: 12 },
      defaulted: ["A", "B"],
    });
    expect(out.unique).toBe(false);
  });

  it.each([
    [["nothreshold.json"], "leverageThreshold: missing"],
    [["badkind.json"], "priceImpact.kind"],
    [
      ["joint.json", "--joint", "--model", "rv", "--alpha", "1.5"],
      '--alpha: must be a number from 0 to 1 (got "1.5")',
    ],
    [["joint.json", "--joint", "--alpha", "0.5"], "--alpha/--beta"],
    [["joint.json", "--joint", "--model", "xos"], "xos"],
  ])("bad input %j exits 2 naming the field", async (args, message) => {
    const [name, ...flags] = args;
    const { code, stdout, stderr } = await runMain(["firesale", file(name), ...flags]);
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr).toContain(message);
  });
});
