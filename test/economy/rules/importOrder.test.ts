/** The declarations module imports every rule, so no rule may import it back: whichever module a program loads
 * first, the declarations must see every rule class defined. */
import { readdirSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";

const RULES = readdirSync(new URL("../../../src/economy/rules/", import.meta.url)).filter(
  (f) => f.endsWith(".ts") && f !== "index.ts",
);

describe("the economy's modules", () => {
  it.each(RULES)("load with %s imported first", async (file) => {
    vi.resetModules();
    await import(`../../../src/economy/rules/${file.replace(/\.ts$/, ".js")}`);
    const { FIELD_COLUMN, WORLD_FIELDS } = await import("../../../src/economy/declarations.js");
    expect(FIELD_COLUMN.siteShare).toBeGreaterThanOrEqual(0);
    expect(WORLD_FIELDS.length).toBeGreaterThan(50);
  });
});
