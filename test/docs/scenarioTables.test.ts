/** docs/scenarios.md's library tables are what the engine of this commit gives (scripts/scenario-tables.ts). */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarioTables } from "../../scripts/scenario-tables.js";

const DOC = readFileSync(new URL("../../docs/scenarios.md", import.meta.url), "utf8").split("\n");

describe("docs/scenarios.md", () => {
  it("quotes every row of the P(default) and loss tables as scripts/scenario-tables.ts prints it (1,000 paths)", async () => {
    const tables = await scenarioTables(1000);
    for (const row of [...tables.full, ...tables.point, ...tables.losses])
      expect(DOC, "run node --import tsx scripts/scenario-tables.ts and paste the rows").toContain(row);
  }, 400_000);
});
