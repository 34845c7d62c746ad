/**
 * A synthetic 32-entity, 40-quarter scenario for the benchmark: the test fixture's world, with its labs,
 * clouds and holders replicated (ids suffixed) and their contracts rewired within each replica.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseScenario } from "../../src/scenario/loader.js";
import type { Scenario } from "../../src/scenario/schema.js";

const FIXTURE = fileURLToPath(new URL("../../test/economy/fixtures/small.yaml", import.meta.url));

/** `copies` replicas of the fixture's 10 entities plus its chip vendor shared: 9·copies + 1 entities. */
export function benchScenario(copies = 3, quarters = 40): Scenario {
  const base = parseScenario(readFileSync(FIXTURE, "utf8"), FIXTURE);
  const shared = new Set(["chip"]);
  const rename = (id: string, k: number) => (shared.has(id) ? id : `${id}-${k}`);
  const entities = base.entities.filter((e) => shared.has(e.id));
  const contracts: Scenario["contracts"] = [];
  for (let k = 0; k < copies; k++) {
    for (const e of base.entities)
      if (!shared.has(e.id)) entities.push({ ...structuredClone(e), id: rename(e.id, k) });
    for (const c of base.contracts) {
      const copy = structuredClone(c) as Record<string, unknown>;
      copy.id = `${c.id}-${k}`;
      for (const end of ["buyer", "seller", "borrower", "lender", "holder", "issuer"])
        if (typeof copy[end] === "string") copy[end] = rename(copy[end] as string, k);
      if (c.type === "take-or-pay") {
        // Same payment per quarter as the fixture, over the whole horizon.
        const term = copy.termQuarters as { value: number };
        const total = copy.totalUsdB as { value: number };
        total.value *= quarters / term.value;
        term.value = quarters;
      }
      contracts.push(copy as Scenario["contracts"][number]);
    }
  }
  const scenario: Scenario = {
    ...structuredClone(base),
    name: `bench-${entities.length}`,
    horizonQuarters: quarters,
    entities,
    contracts,
    correlations: [],
  };
  return parseScenario(JSON.stringify(scenario), "bench");
}
