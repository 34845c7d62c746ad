/**
 * The scenario's numbers as a flat parameter table: one slot per quantity, addressed by a parameter path
 * (`world.revenue.bassQ`, `entities.<id>.cash`, `contracts.<id>.totalUsdB`, `events.<id or index>.<field>`).
 * Distributed slots are drawn once per path through a Gaussian copula.
 */

import type { Domain } from "../economy/parameters.js";
import { InputError } from "../util/errors.js";
import { type Random, randomStream, streamKey } from "../util/random.js";
import { declaredDomain, declaredParameter, type ParameterKind } from "./declared.js";
import { distributionMedian, drawFromNormal } from "./distributions.js";
import type { Distribution, Quantity, Scenario } from "./schema.js";

/** The compiled parameters of a scenario. Slot order is the order of the quantities in the file. */
export interface ParameterTable {
  /** Parameter path of each slot. */
  paths: string[];
  /** Path → slot. */
  index: Map<string, number>;
  /** Fixed value of each slot; for a distributed slot its median. */
  central: Float64Array;
  /** Domain of each slot (samples are clamped to it; integer slots rounded). */
  domains: Domain[];
  /** Slots that carry a distribution, in slot order. */
  random: Int32Array;
  /** Distribution of each random slot (parallel to `random`). */
  dists: Distribution[];
  /** Lower-triangular Cholesky factor of the copula correlation of the random slots, its nonzero entries only:
   * without correlations it is the identity, and a dense product would cost m²/2 a path. */
  cholesky: SparseLower;
  /** The scenario's correlations as pairs of random slots, in file order (a later one of a pair wins). */
  correlations: SlotCorrelation[];
}

/** A correlation between the random slots `a` and `b`. */
export interface SlotCorrelation {
  a: number;
  b: number;
  rho: number;
}

/** A lower-triangular m×m matrix by its nonzero entries, row by row: row r holds `value[k]` in column `column[k]`
 * for k in `rowStart[r] … rowStart[r+1]−1`, columns increasing. */
export interface SparseLower {
  rowStart: Int32Array;
  column: Int32Array;
  value: Float64Array;
}

/** One number of a scenario: its parameter path, the quantity, its field name, declared domain and unit. */
export interface ScenarioQuantity {
  path: string;
  quantity: Quantity;
  field: string;
  domain: Domain;
  /** The declared unit ("usdB", "fraction/year", …). */
  unit: string;
}

/** Where a YAML section's numbers are declared: its parameter kind and how a path names the owner. */
const SECTIONS = {
  entities: { kind: "entity", owner: (s: Scenario, i: number) => s.entities[i].id },
  contracts: { kind: "contract", owner: (s: Scenario, i: number) => s.contracts[i].id },
  events: { kind: "event", owner: (s: Scenario, i: number) => s.events[i].id ?? String(i) },
} as const satisfies Record<string, { kind: ParameterKind; owner: (s: Scenario, i: number) => string }>;

/**
 * The number at a YAML path (`[world, group, field]` or `[section, index, field]`) with its parameter path and
 * declared domain, or undefined for numbers that are not parameters.
 */
function scenarioQuantity(
  scenario: Scenario,
  yamlPath: readonly PropertyKey[],
  quantity: Quantity,
): ScenarioQuantity | undefined {
  const [head, second, field] = yamlPath.map(String);
  if (head === "world")
    return {
      path: `world.${second}.${field}`,
      quantity,
      field,
      domain: declaredDomain("world", `${second}.${field}`),
      unit: declaredParameter("world", `${second}.${field}`)?.unit ?? "",
    };
  if (!Object.hasOwn(SECTIONS, head)) return undefined;
  const section = SECTIONS[head as keyof typeof SECTIONS];
  return {
    path: `${head}.${section.owner(scenario, yamlPath[1] as number)}.${field}`,
    quantity,
    field,
    domain: declaredDomain(section.kind, field),
    unit: declaredParameter(section.kind, field)?.unit ?? "",
  };
}

/** Every quantity with its parameter path and declared domain, in file order. */
export function scenarioQuantities(scenario: Scenario): ScenarioQuantity[] {
  const out: ScenarioQuantity[] = [];
  const walk = (value: unknown, yamlPath: PropertyKey[]): void => {
    if (value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (let k = 0; k < value.length; k++) walk(value[k], [...yamlPath, k]);
      return;
    }
    const record = value as Record<string, unknown>;
    if ("value" in record || "dist" in record) {
      const found = scenarioQuantity(scenario, yamlPath, record as Quantity);
      if (found !== undefined) out.push(found);
      return;
    }
    for (const [key, item] of Object.entries(record)) walk(item, [...yamlPath, key]);
  };
  walk(scenario.world, ["world"]);
  walk(scenario.entities, ["entities"]);
  walk(scenario.contracts, ["contracts"]);
  walk(scenario.events, ["events"]);
  return out;
}

/** The parameter paths of a scenario, in file order. */
export function parameterPaths(scenario: Scenario): string[] {
  return scenarioQuantities(scenario).map((q) => q.path);
}

/** Compiles the parameter table; throws InputError for bad correlations. */
export function compileParameters(scenario: Scenario): ParameterTable {
  const quantities = scenarioQuantities(scenario);
  const paths = quantities.map((q) => q.path);
  const index = new Map(paths.map((p, k) => [p, k]));
  const domains = quantities.map((q) => q.domain);
  const central = Float64Array.from(quantities, (q, k) =>
    clampTo(q.quantity.value ?? distributionMedian(q.quantity.dist as Distribution), domains[k]),
  );
  const randomSlots: number[] = [];
  quantities.forEach((q, k) => {
    if (q.quantity.dist !== undefined) randomSlots.push(k);
  });
  const position = new Map(randomSlots.map((slot, r) => [slot, r]));
  const correlations: SlotCorrelation[] = [];
  const issues: Array<{ field: string; value: unknown; message: string }> = [];
  scenario.correlations.forEach((c, k) => {
    const ends = [c.a, c.b].map((path, e) => {
      const slot = index.get(path);
      const field = `correlations[${k}].${e === 0 ? "a" : "b"}`;
      if (slot === undefined) issues.push({ field, value: path, message: "unknown parameter path" });
      else if (!position.has(slot))
        issues.push({ field, value: path, message: "parameter has no distribution" });
      return slot === undefined ? undefined : position.get(slot);
    });
    const rho = c.rho.value;
    if (rho === undefined)
      issues.push({
        field: `correlations[${k}].rho`,
        value: c.rho.dist,
        message: "rho must be a fixed value",
      });
    if (ends[0] !== undefined && ends[0] === ends[1])
      issues.push({
        field: `correlations[${k}].b`,
        value: c.b,
        message: "a parameter cannot be correlated with itself",
      });
    if (ends[0] !== undefined && ends[1] !== undefined && rho !== undefined && ends[0] !== ends[1])
      correlations.push({ a: randomSlots[ends[0]], b: randomSlots[ends[1]], rho });
  });
  if (issues.length > 0) throw new InputError(issues);
  const cholesky = copulaFactor(randomSlots, correlations);
  if (cholesky === undefined)
    throw new InputError({
      field: "correlations",
      value: scenario.correlations.map((c) => c.rho.value),
      message: "the correlation matrix is not positive definite",
    });
  return {
    paths,
    index,
    central,
    domains,
    random: Int32Array.from(randomSlots),
    dists: randomSlots.map((slot) => quantities[slot].quantity.dist as Distribution),
    cholesky,
    correlations,
  };
}

/** The sparse Cholesky factor of the copula correlation of the random slots `random` under `correlations`
 * (pairs of them), or undefined when that matrix is not positive definite. */
function copulaFactor(
  random: readonly number[],
  correlations: readonly SlotCorrelation[],
): SparseLower | undefined {
  const m = random.length;
  const position = new Map(random.map((slot, r) => [slot, r]));
  const corr = new Float64Array(m * m);
  for (let r = 0; r < m; r++) corr[r * m + r] = 1;
  for (const { a, b, rho } of correlations) {
    const [i, j] = [position.get(a) as number, position.get(b) as number];
    corr[i * m + j] = rho;
    corr[j * m + i] = rho;
  }
  const factor = choleskyFactor(corr, m);
  return factor === undefined ? undefined : sparseLower(factor, m);
}

/**
 * The table of the scenario with the numbers at `paths` fixed at `values` — what compiling
 * `withValues(scenario, paths, values)` gives, without compiling again: each value clamped to its field's domain
 * (whole-number fields rounded), its distribution dropped with the correlations that involve it. A design point
 * of a sensitivity analysis or a sweep is then one table over a model compiled once. Throws RangeError for an
 * unknown path or a non-finite value.
 */
export function fixParameters(
  table: ParameterTable,
  paths: readonly string[],
  values: ArrayLike<number>,
): ParameterTable {
  if (paths.length !== values.length) throw new RangeError(`invalid values: length ${values.length}`);
  const central = table.central.slice();
  const fixed = new Set<number>();
  paths.forEach((path, k) => {
    const slot = table.index.get(path);
    if (slot === undefined) throw new RangeError(`invalid parameter path: ${path}`);
    const value = values[k];
    if (!Number.isFinite(value)) throw new RangeError(`invalid ${path}: ${value}`);
    central[slot] = clampTo(value, table.domains[slot]);
    fixed.add(slot);
  });
  const kept: number[] = [];
  const dists: Distribution[] = [];
  table.random.forEach((slot, r) => {
    if (fixed.has(slot)) return;
    kept.push(slot);
    dists.push(table.dists[r]);
  });
  const correlations = table.correlations.filter((c) => !fixed.has(c.a) && !fixed.has(c.b));
  // A principal submatrix of a positive-definite matrix is positive definite.
  const cholesky = copulaFactor(kept, correlations) as SparseLower;
  return { ...table, central, random: Int32Array.from(kept), dists, cholesky, correlations };
}

function sparseLower(a: Float64Array, m: number): SparseLower {
  const rowStart = new Int32Array(m + 1);
  const column: number[] = [];
  const value: number[] = [];
  for (let r = 0; r < m; r++) {
    for (let k = 0; k <= r; k++)
      if (a[r * m + k] !== 0) {
        column.push(k);
        value.push(a[r * m + k]);
      }
    rowStart[r + 1] = column.length;
  }
  return { rowStart, column: Int32Array.from(column), value: Float64Array.from(value) };
}

function choleskyFactor(a: Float64Array, m: number): Float64Array | undefined {
  // Row i of the factor is zero left of row i's first nonzero in `a` (a Cholesky factor keeps the envelope), and
  // a correlation matrix is mostly the identity: the sums skip those zeros, which subtract nothing (a dense
  // factor of the default's ~300 random parameters was 11 ms of every compile, in every worker).
  const first = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    let k = 0;
    while (k < i && a[i * m + k] === 0) k++;
    first[i] = k;
  }
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = first[i]; j <= i; j++) {
      let sum = a[i * m + j];
      for (let k = Math.max(first[i], first[j]); k < j; k++) sum -= l[i * m + k] * l[j * m + k];
      if (i === j) {
        if (!(sum > 1e-12)) return undefined;
        l[i * m + i] = Math.sqrt(sum);
      } else l[i * m + j] = sum / l[j * m + j];
    }
  }
  return l;
}

/** `x` within `domain`, rounded for a whole-number field. */
export function clampTo(x: number, domain: Domain): number {
  const v = Math.min(domain.hi, Math.max(domain.lo, x));
  return domain.integer ? Math.round(v) : v;
}

/**
 * Path `path`'s parameters under run seed `seed`, into `out`: the one draw every Monte Carlo of a run makes for
 * that path (its own stream, apart from the dynamics', so fixing a parameter leaves every other draw unchanged).
 */
export function drawPathParameters(
  table: ParameterTable,
  seed: number,
  path: number,
  out: Float64Array,
  z: Float64Array,
): void {
  sampleParameters(table, randomStream(seed, path, 1), out, z);
}

/** Path `path`'s random streams of the dynamics under run seed `seed`, one per rule. */
export function pathStreams(seed: number, path: number): (rule: string) => Random {
  return (rule: string) => randomStream(seed, path, 0, streamKey(rule));
}

/**
 * Draws one parameter vector into `out` (length = slots): fixed slots get their value, random slots
 * `F⁻¹(Φ(Lz))` clamped to the field's domain. `z` is scratch of length ≥ 2m.
 */
export function sampleParameters(
  table: ParameterTable,
  rng: Random,
  out: Float64Array,
  z: Float64Array,
): void {
  out.set(table.central);
  const m = table.random.length;
  for (let r = 0; r < m; r++) z[r] = rng.normal();
  const { rowStart, column, value } = table.cholesky;
  // The zeros of the factor are skipped: adding a ±0 product leaves the sum as it was (+0 or nonzero), so the
  // draw is bit for bit that of the dense product.
  for (let r = 0; r < m; r++) {
    let sum = 0;
    for (let k = rowStart[r]; k < rowStart[r + 1]; k++) sum += value[k] * z[column[k]];
    z[m + r] = sum;
  }
  for (let r = 0; r < m; r++) {
    const slot = table.random[r];
    out[slot] = clampTo(drawFromNormal(table.dists[r], z[m + r]), table.domains[slot]);
  }
}

/**
 * A copy of the scenario in which every assumption held at a point value is drawn across its stated range, as a
 * triangular distribution with its mode at that value (the range clipped to the field's domain); sourced numbers,
 * declared distributions and degenerate ranges are kept. This is `simulate`'s default (`uncertainty: "full"`).
 */
export function withFullUncertainty(scenario: Scenario): Scenario {
  const copy = structuredClone(scenario);
  for (const { quantity: q, domain } of scenarioQuantities(copy)) {
    if (!q.assumption || q.value === undefined || q.dist !== undefined || q.range === undefined) continue;
    const lo = Math.max(q.range[0], domain.lo);
    const hi = Math.min(q.range[1], domain.hi);
    if (!(lo < hi) || q.value < lo || q.value > hi) continue;
    q.dist = { kind: "triangular", lo, mode: q.value, hi };
    delete q.value;
  }
  return copy;
}

/**
 * A copy of the scenario with the number at `path` fixed to `value` (its distribution dropped, its provenance
 * kept). Throws RangeError for an unknown path or a value outside the field's domain.
 */
export function withParameter(scenario: Scenario, path: string, value: number): Scenario {
  const copy = structuredClone(scenario);
  const found = scenarioQuantities(copy).find((q) => q.path === path);
  if (found === undefined) throw new RangeError(`invalid parameter path: ${path}`);
  const { domain } = found;
  if (!Number.isFinite(value) || value < domain.lo || value > domain.hi)
    throw new RangeError(`invalid ${path}: ${value}`);
  found.quantity.value = domain.integer ? Math.round(value) : value;
  delete found.quantity.dist;
  const slot = found.path;
  copy.correlations = copy.correlations.filter((c) => c.a !== slot && c.b !== slot);
  return copy;
}
