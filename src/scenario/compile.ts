/** Turns a validated scenario into the economy's compiled model plus its parameter table. */

import { ENTITY_FIELDS, WORLD_FIELDS, type WorldField } from "../economy/declarations.js";
import { RENTAL_CLOUD_KINDS, ROLE, roleOf } from "../economy/kinds.js";
import { DEBT_CODES, type EconomyModel, EVENT_CODES, SHAPE_CODES } from "../economy/model.js";
import { quarterDecimalYear, quarterIndex, quarterLabel } from "../util/quarter.js";
import { compileParameters, type ParameterTable } from "./parameters.js";
import type {
  DebtSpec,
  EquityStakeSpec,
  EvidenceTable,
  Scenario,
  TakeOrPaySpec,
  TrancheInvestmentSpec,
  WarrantSpec,
} from "./schema.js";

/** A scenario ready to simulate. */
export interface CompiledScenario {
  model: EconomyModel;
  parameters: ParameterTable;
}

const DEFAULT_LAYER = {
  "gpu-loan": 1,
  bond: 2,
  "vendor-financing": 2,
  "project-loan": 1,
  revolver: 2,
} as const;

export function compileScenario(scenario: Scenario): CompiledScenario {
  const parameters = compileParameters(scenario);
  const slot = (path: string): number => parameters.index.get(path) ?? -1;
  const start = quarterIndex(scenario.start);
  const T = scenario.horizonQuarters;
  const ids = scenario.entities.map((e) => e.id);
  const entityIndex = new Map(ids.map((id, i) => [id, i]));
  const at = (id: string): number => entityIndex.get(id) as number;
  const blocs: string[] = ["us"];
  const blocOf = (name: string): number => {
    let k = blocs.indexOf(name);
    if (k < 0) k = blocs.push(name) - 1;
    return k;
  };
  const F = ENTITY_FIELDS.length;
  const slots = new Int32Array(ids.length * F);
  scenario.entities.forEach((e, i) => {
    ENTITY_FIELDS.forEach((field, k) => {
      slots[i * F + k] = slot(`entities.${e.id}.${field}`);
    });
  });
  const world = Object.fromEntries(WORLD_FIELDS.map((f) => [f, slot(`world.${f}`)])) as Record<
    WorldField,
    number
  >;
  const offset = (q: string | undefined): number => (q === undefined ? 0 : quarterIndex(q) - start);
  const tops = scenario.contracts.filter((c): c is TakeOrPaySpec => c.type === "take-or-pay");
  const pools = offtakePools(scenario);
  const debts = scenario.contracts.filter(
    (c): c is DebtSpec =>
      c.type === "gpu-loan" ||
      c.type === "bond" ||
      c.type === "vendor-financing" ||
      c.type === "project-loan" ||
      c.type === "facility",
  );
  const debtType = (c: DebtSpec) => (c.type === "facility" ? c.loan : c.type);
  const stakeSpecs = scenario.contracts.filter((c): c is EquityStakeSpec => c.type === "equity-stake");
  const stakeIds = stakeSpecs.map((c) => c.id);
  const stakes: { holder: number; issuer: number; fractionSlot: number }[] = stakeSpecs.map((c) => ({
    holder: at(c.holder),
    issuer: at(c.issuer),
    fractionSlot: slot(`contracts.${c.id}.fraction`),
  }));
  // Each funding round's investors get a stake in the entity; one they do not hold at the start starts at 0.
  const investorStart = new Int32Array(ids.length + 1);
  const investorEntity: number[] = [];
  const investorStake: number[] = [];
  scenario.entities.forEach((e, i) => {
    for (const id of e.investors ?? []) {
      const h = at(id);
      const k = stakes.findIndex((st) => st.holder === h && st.issuer === i);
      investorEntity.push(h);
      investorStake.push(k >= 0 ? k : stakes.push({ holder: h, issuer: i, fractionSlot: -1 }) - 1);
    }
    investorStart[i + 1] = investorEntity.length;
  });
  // A tranche investor's stake in its customer; one it does not hold at the start starts at 0.
  const tranches = scenario.contracts.filter(
    (c): c is TrancheInvestmentSpec => c.type === "tranche-investment",
  );
  const trancheStake = tranches.map((c) => {
    const h = at(c.investor);
    const i = at(c.issuer);
    const k = stakes.findIndex((st) => st.holder === h && st.issuer === i);
    return k >= 0 ? k : stakes.push({ holder: h, issuer: i, fractionSlot: -1 }) - 1;
  });
  const warrants = scenario.contracts.filter((c): c is WarrantSpec => c.type === "warrant");
  const warrantStake = warrants.map((c) => {
    const h = at(c.holder);
    const i = at(c.issuer);
    const k = stakes.findIndex((st) => st.holder === h && st.issuer === i);
    return k >= 0 ? k : stakes.push({ holder: h, issuer: i, fractionSlot: -1 }) - 1;
  });
  const eventPath = (k: number, field: string) => `events.${scenario.events[k].id ?? String(k)}.${field}`;
  const model: EconomyModel = {
    quarters: T,
    startDecimalYear: quarterDecimalYear(start),
    startQuarterOfYear: start % 4,
    quarterLabels: Array.from({ length: T }, (_, t) => quarterLabel(start + t)),
    parameterCount: parameters.paths.length,
    world,
    shape: SHAPE_CODES[scenario.world.capability.shape],
    evidence: evidenceArrays(scenario.world.capability.evidence),
    entities: {
      ids,
      kinds: scenario.entities.map((e) => e.kind),
      role: Int32Array.from(scenario.entities, (e) => roleOf(e.kind)),
      bloc: Int32Array.from(scenario.entities, (e) => blocOf(e.bloc ?? "us")),
      slots,
      investorStart,
      investor: Int32Array.from(investorEntity),
      investorStake: Int32Array.from(investorStake),
      acquirerStart: Int32Array.from({ length: ids.length + 1 }, (_, i) =>
        scenario.entities.slice(0, i).reduce((sum, e) => sum + (e.acquirers?.length ?? 0), 0),
      ),
      acquirer: Int32Array.from(scenario.entities.flatMap((e) => (e.acquirers ?? []).map(at))),
      trainsOn: Int32Array.from(scenario.entities, (e) => (e.trainsOn === undefined ? -1 : at(e.trainsOn))),
    },
    blocs,
    takeOrPay: {
      ids: [...tops.map((c) => c.id), ...pools.map((c) => c.id)],
      buyer: Int32Array.from([...tops, ...pools], (c) => at(c.buyer)),
      seller: Int32Array.from([...tops, ...pools], (c) => at(c.seller)),
      totalSlot: Int32Array.from([
        ...tops.map((c) => slot(`contracts.${c.id}.totalUsdB`)),
        ...pools.map(() => -1),
      ]),
      termSlot: Int32Array.from([
        ...tops.map((c) => slot(`contracts.${c.id}.termQuarters`)),
        ...pools.map(() => slot("world.compute.offtakeTermQuarters")),
      ]),
      start: Int32Array.from([...tops.map((c) => offset(c.start)), ...pools.map(() => 0)]),
      ramp: Uint8Array.from([...tops.map((c) => (c.profile === "ramp" ? 1 : 0)), ...pools.map(() => 0)]),
      breakSlot: Int32Array.from([
        ...tops.map((c) => slot(`contracts.${c.id}.breakQuarters`)),
        ...pools.map(() => -1),
      ]),
      breakFeeSlot: Int32Array.from([
        ...tops.map((c) => slot(`contracts.${c.id}.breakFeeShare`)),
        ...pools.map(() => -1),
      ]),
      pool: Uint8Array.from([...tops.map(() => 0), ...pools.map(() => 1)]),
    },
    debt: {
      ids: debts.map((c) => c.id),
      borrower: Int32Array.from(debts, (c) => at(c.borrower)),
      lender: Int32Array.from(debts, (c) => at(c.lender)),
      principalSlot: Int32Array.from(debts, (c) => slot(`contracts.${c.id}.principalUsdB`)),
      rateSlot: Int32Array.from(debts, (c) => slot(`contracts.${c.id}.rateAnnual`)),
      termSlot: Int32Array.from(debts, (c) => slot(`contracts.${c.id}.termQuarters`)),
      constructionSlot: Int32Array.from(debts, (c) => slot(`contracts.${c.id}.constructionQuarters`)),
      start: Int32Array.from(debts, (c) => offset(c.start)),
      type: Int32Array.from(debts, (c) => DEBT_CODES[debtType(c)]),
      layer: Int32Array.from(debts, (c) => c.layer ?? DEFAULT_LAYER[debtType(c)]),
      ladder: Uint8Array.from(debts, (c) =>
        (c.type === "bond" && c.maturity === "ladder") || (c.type === "facility" && c.loan === "bond")
          ? 1
          : 0,
      ),
      drawnAtStart: Uint8Array.from(debts, (c) => (c.start !== undefined && c.type !== "facility" ? 1 : 0)),
      facility: Uint8Array.from(debts, (c) => (c.type === "facility" ? 1 : 0)),
      commitmentSlot: Int32Array.from(debts, (c) => slot(`contracts.${c.id}.commitmentUsdB`)),
      advanceSlot: Int32Array.from(debts, (c) => slot(`contracts.${c.id}.advanceRate`)),
      collateral: Int32Array.from(debts, (c) =>
        "collateral" in c && c.collateral !== undefined ? stakeIds.indexOf(c.collateral) : -1,
      ),
      maxLtvSlot: Int32Array.from(debts, (c) => slot(`contracts.${c.id}.maxLoanToValue`)),
    },
    tranches: {
      investor: Int32Array.from(tranches, (c) => at(c.investor)),
      issuer: Int32Array.from(tranches, (c) => at(c.issuer)),
      stake: Int32Array.from(trancheStake),
      start: Int32Array.from(tranches, (c) => offset(c.start)),
      perGwSlot: Int32Array.from(tranches, (c) => slot(`contracts.${c.id}.amountPerGwUsdB`)),
      maxSlot: Int32Array.from(tranches, (c) => slot(`contracts.${c.id}.maxUsdB`)),
      shareSlot: Int32Array.from(tranches, (c) => slot(`contracts.${c.id}.capacityShare`)),
    },
    warrants: {
      holder: Int32Array.from(warrants, (c) => at(c.holder)),
      issuer: Int32Array.from(warrants, (c) => at(c.issuer)),
      stake: Int32Array.from(warrantStake),
      start: Int32Array.from(warrants, (c) => offset(c.start)),
      fractionSlot: Int32Array.from(warrants, (c) => slot(`contracts.${c.id}.fraction`)),
      vestingSlot: Int32Array.from(warrants, (c) => slot(`contracts.${c.id}.vestingGw`)),
      shareSlot: Int32Array.from(warrants, (c) => slot(`contracts.${c.id}.capacityShare`)),
    },
    stakes: {
      holder: Int32Array.from(stakes, (c) => c.holder),
      issuer: Int32Array.from(stakes, (c) => c.issuer),
      fractionSlot: Int32Array.from(stakes, (c) => c.fractionSlot),
    },
    events: {
      type: Int32Array.from(scenario.events, (e) => EVENT_CODES[e.type]),
      quarter: Int32Array.from(scenario.events, (e) => offset(e.quarter)),
      probabilitySlot: Int32Array.from(scenario.events, (_, k) => slot(eventPath(k, "probability"))),
      aSlot: Int32Array.from(scenario.events, (e, k) =>
        slot(
          eventPath(
            k,
            e.type === "efficiency-shock"
              ? "multiplier"
              : e.type === "export-control"
                ? "computeCut"
                : "fraction",
          ),
        ),
      ),
      bSlot: Int32Array.from(scenario.events, (e, k) =>
        e.type === "efficiency-shock"
          ? slot(eventPath(k, "priceCut"))
          : e.type === "export-control"
            ? slot(eventPath(k, "vendorSalesCut"))
            : -1,
      ),
      target: Int32Array.from(scenario.events, (e) =>
        e.type === "export-control"
          ? blocOf(e.bloc)
          : e.type === "share-loss"
            ? at(e.lab)
            : e.type === "efficiency-shock" && e.gainer !== undefined
              ? at(e.gainer)
              : -1,
      ),
      competedSlot: Int32Array.from(scenario.events, (_, k) => slot(eventPath(k, "competedShare"))),
      elasticitySlot: Int32Array.from(scenario.events, (_, k) => slot(eventPath(k, "priceElasticity"))),
      shiftSlot: Int32Array.from(scenario.events, (_, k) => slot(eventPath(k, "shareShift"))),
    },
  };
  return { model, parameters };
}

/** The evidence table as typed arrays (empty without one). */
function evidenceArrays(table: EvidenceTable | undefined): EconomyModel["evidence"] {
  if (!table)
    return {
      offsets: new Float64Array(0),
      gains: new Float64Array(0),
      cumulativeWeight: new Float64Array(0),
    };
  const total = table.replicates.reduce((s, r) => s + r.weight, 0);
  let running = 0;
  return {
    offsets: Float64Array.from(table.offsets),
    gains: Float64Array.from(table.replicates.flatMap((r) => r.relativeGain)),
    cumulativeWeight: Float64Array.from(table.replicates, (r) => {
      running += r.weight;
      return running / total;
    }),
  };
}

/**
 * The offtake pools of a scenario that lets contracts be signed during the run (`world.compute.offtakeTermQuarters`
 * given): one per buyer — every lab, and every cloud whose demand is its own — and rental cloud of the same bloc,
 * so no buyer or seller is named ahead of time. None otherwise.
 */
function offtakePools(scenario: Scenario): { id: string; buyer: string; seller: string }[] {
  if (scenario.world.compute?.offtakeTermQuarters === undefined) return [];
  const bloc = (e: Scenario["entities"][number]) => e.bloc ?? "us";
  const rental = scenario.entities.filter((e) => RENTAL_CLOUD_KINDS.includes(e.kind));
  return scenario.entities
    .filter((e) => {
      const role = roleOf(e.kind);
      return role === ROLE.lab || (role === ROLE.cloud && !RENTAL_CLOUD_KINDS.includes(e.kind));
    })
    .flatMap((b) =>
      rental
        .filter((r) => bloc(r) === bloc(b))
        .map((r) => ({ id: `offtake:${b.id}:${r.id}`, buyer: b.id, seller: r.id })),
    );
}
