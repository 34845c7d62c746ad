/**
 * Monte Carlo over a scenario: paths in fixed chunks on worker threads, each path with its own seeded streams,
 * chunk accumulators merged in chunk order — so 1 or N threads give bit-identical results.
 */
import { createHash } from "node:crypto";
import { DEFAULT_CAUSES, type DefaultCause, LOSS_KINDS, LOSS_PARTS } from "../economy/kinds.js";
import {
  type Accumulator,
  type AnnualSeries,
  annualCell,
  BINS,
  entitySeriesIndex,
  type GlobalSeries,
  globalSeriesIndex,
  histogramQuantile,
  histogramQuantiles,
  mergeCounts,
  mergeSums,
  type PathSummary,
} from "../economy/outputs.js";
import type { PathStress } from "../economy/path.js";
import { MAX_PATHS, MAX_THREADS } from "../util/limits.js";
import { medianIntervalLevels } from "../util/medianInterval.js";
import { defaultThreads } from "../util/pool.js";
import { quarterIndex, quarterLabel, quarterYear } from "../util/quarter.js";
import { runShared } from "../util/shareWork.js";
import { compileScenario } from "./compile.js";
import { distributionMedian } from "./distributions.js";
import { withFullUncertainty } from "./parameters.js";
import type { Scenario } from "./schema.js";
import { type BlockResult, type ChunkTask, runBlock } from "./worker.js";

/** Options of `simulate`: the path count, seed and threads, and what to keep or apply to every path. */
export interface SimulateOptions {
  /** Monte Carlo paths, in [1, MAX_PATHS]; default 1000. */
  paths?: number;
  /** Run seed (safe integer); default 1. */
  seed?: number;
  /** Worker threads, in [1, MAX_THREADS]; default the machine's cores. Results do not depend on it. */
  threads?: number;
  /** Keep a summary of every path (defaults, capability, revenue, losses); default false. */
  keepPaths?: boolean;
  /** Called after each chunk with (paths done, paths in total). */
  onProgress?: (done: number, total: number) => void;
  /** Paths per chunk (results depend on it only through rounding of sums); default 250. */
  chunkSize?: number;
  /** Revenue / capability multipliers applied to every path (reverse stress, sensitivity); default none. */
  stress?: PathStress;
  /** "full" (default): every assumption is drawn across its stated range (triangular, mode at its value) besides
   * the declared distributions; "point": assumptions stay at their point values. */
  uncertainty?: "full" | "point";
}

/** Mean and quantiles of a quantity per quarter. */
export interface QuantileSeries {
  mean: number[];
  p05: number[];
  p25: number[];
  p50: number[];
  p75: number[];
  p95: number[];
}

/** A series of the world: its fan and, each quarter, the median's 95% Monte Carlo interval (see YearQuantiles). */
export interface WorldSeries extends QuantileSeries {
  p50Low: number[];
  p50High: number[];
}

/** One entity over the paths: P(default) by quarter and by year, and its cash and equity (usdB) fans. */
export interface EntityResult {
  kind: string;
  /** P(defaulted by the end of year Y), for each calendar year the horizon reaches. */
  pDefaultByYear: Record<string, number>;
  /** P(defaulted by the end of quarter t). */
  pDefaultByQuarter: number[];
  /** Cash, usdB (0 after default). */
  cash: QuantileSeries;
  /** Book equity, usdB (0 after default). */
  equity: QuantileSeries;
  /** Revenue, usdB per quarter: a lab's AI revenue, a cloud's receipts for AI compute, a chip vendor's
   * data-centre sales. */
  revenue: QuantileSeries;
  /** GPU capex, usdB per quarter (clouds). */
  capex: QuantileSeries;
  /** Debt outstanding at the quarter's end, usdB. */
  debt: QuantileSeries;
  /** Share of its defaults over the paths triggered by each obligation (the one it left most unpaid in the quarter
   * of default): a contract id, or `operatingCosts`; only entities that default. */
  defaultTriggers?: Record<string, number>;
  /** Its defaults by cause (DEFAULT_CAUSES: counterpartyLoss, refinancingRefused, marginCall, illiquid, insolvent,
   * lossesOverCapital), as shares of its defaults; absent when it never defaults. */
  defaultCauses?: Partial<Record<DefaultCause, number>>;
  /** Share of paths on which it defaulted and was bought as a going concern by one of its `acquirers` (its
   * defaults count in `pDefaultByYear` too); only entities with acquirers. */
  pAcquired?: number;
  /** Share of paths on which the entity's compute contracts were stepped down instead of its default (labs that
   * buy take-or-pay compute). */
  pRenegotiated?: number;
  /** Market value at the quarter's end, usdB (entities with a `marketValueUsdB`; 0 after default). */
  marketValue?: QuantileSeries;
  /** By calendar year: revenue, capex, burn (cash consumed before financing: the fall in cash plus equity
   * raised plus net new debt) and a lab's compute bought (take-or-pay, spot, roll-over) summed over the year,
   * and that compute summed from the start (`computeToDateUsdB`);
   * debt, market value and backlog (take-or-pay payments still to come to a seller from buyers alive) at its end
   * (the horizon's end for a partial last year), and the run-rate (the last quarter's revenue × 4), usdB: `{revenueUsdB: {"2026": {p05, p50, p95}}, …}`. */
  byYear: Record<
    | "revenueUsdB"
    | "capexUsdB"
    | "debtUsdB"
    | "burnUsdB"
    | "computeUsdB"
    | "computeToDateUsdB"
    | "backlogUsdB"
    | "runRateUsdB",
    Record<string, YearQuantiles>
  > & {
    marketValueUsdB?: Record<string, YearQuantiles>;
  };
}

/** The 5%, 50% and 95% quantiles over paths of a calendar-year value, and the median's 95% Monte Carlo interval
 * (`medianIntervalLevels`): the median of endlessly many paths lies in it with 95% confidence. */
export interface YearQuantiles {
  p05: number;
  p50: number;
  p95: number;
  p50Low: number;
  p50High: number;
}

/** Mean loss per path over the horizon of one entity as a creditor or holder, usdB, by part; p95 of the total. */
export interface HolderLossResult {
  direct: number;
  clearing: number;
  defaultCost: number;
  fireSale: number;
  /** Net fall of its equity stakes' market value below their cost (stakes lost in a default excluded). */
  markToMarket: number;
  total: number;
  totalP95: number;
  /** `total` as a share of the holder's capital (`capitalUsdB`, else its market value at the start, else its
   * starting cash); null when that is 0. */
  shareOfCapital: number | null;
}

/** Mean loss per path over the horizon, usdB, by part; p95 of the total. */
export interface LossResult {
  direct: number;
  clearing: number;
  defaultCost: number;
  fireSale: number;
  markToMarket: number;
  total: number;
  totalP95: number;
  /** Mean total loss per quarter. */
  byQuarter: number[];
}

/** What `simulate` returns: per-quarter fans (mean, quantiles) of the economy and entities, and losses. */
export interface SimulationResult {
  scenario: string;
  paths: number;
  seed: number;
  quarters: string[];
  entities: Record<string, EntityResult>;
  losses: Record<string, LossResult>;
  /** Losses of each entity as a creditor or holder (lender, contract counterparty, equity holder). */
  lossesByHolder: Record<string, HolderLossResult>;
  /** Lab revenue, compute spend (contracts + spot) and the gap spend − revenue, usdB/quarter. */
  revenue: WorldSeries;
  computeSpend: WorldSeries;
  gap: WorldSeries;
  /** GPU capacity (GW) of the rental clouds not paid for by receipts (take-or-pay and roll-over). */
  strandedGw: WorldSeries;
  /** Power drawn by the clouds' GPU fleets, GW. */
  powerGw: WorldSeries;
  /** Frontier capability, index points above the start (the fan). */
  capability: WorldSeries;
  /** Log of the market's valuation factor: the lab revenue it prices in relative to what it priced at the start. */
  sentiment: WorldSeries;
  /** GPU price index (1 = no fire-sale discount). */
  gpuPrice: WorldSeries;
  /** Rent of a GPU bought at the start relative to its rent then: the price index times what economic
   * depreciation leaves of its value (what a quoted price of one GPU model, an H100 hour, measures). */
  startGpuRent: WorldSeries;
  pathSummaries?: PathSummary[];
}

/** Most chunks a worker runs as one block. */
const BLOCK_CHUNKS = 4;

function workerUrl(): URL {
  return new URL(import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.js", import.meta.url);
}

/** Runs the Monte Carlo; see SimulateOptions. */
export async function simulate(scenario: Scenario, options: SimulateOptions = {}): Promise<SimulationResult> {
  const paths = options.paths ?? 1000;
  const seed = options.seed ?? 1;
  const chunkSize = options.chunkSize ?? 250;
  const threads = options.threads ?? defaultThreads();
  if (!Number.isSafeInteger(paths) || paths < 1 || paths > MAX_PATHS)
    throw new RangeError(`invalid paths: ${paths}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`invalid seed: ${seed}`);
  if (!Number.isSafeInteger(threads) || threads < 1 || threads > MAX_THREADS)
    throw new RangeError(`invalid threads: ${threads}`);
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1)
    throw new RangeError(`invalid chunkSize: ${chunkSize}`);
  const uncertainty = options.uncertainty ?? "full";
  if (uncertainty !== "full" && uncertainty !== "point")
    throw new RangeError(`invalid uncertainty: ${uncertainty}`);
  const sampled = uncertainty === "full" ? withFullUncertainty(scenario) : scenario;
  const scenarioKey = createHash("sha256").update(JSON.stringify(sampled)).digest("hex");
  const tasks: ChunkTask[] = [];
  for (let first = 0; first < paths; first += chunkSize) {
    tasks.push({
      scenario: sampled,
      scenarioKey,
      seed,
      firstPath: first,
      count: Math.min(chunkSize, paths - first),
      keepPaths: options.keepPaths ?? false,
      stress: options.stress ?? {},
    });
  }
  // Consecutive chunks go to a worker as one block: a multiple of the threads in blocks (so none waits on another's
  // last block) of at most BLOCK_CHUNKS chunks (so progress still moves), sizes differing by at most one chunk.
  // The chunks themselves are unchanged, so the results are too.
  const blockCount = Math.min(tasks.length, threads * Math.ceil(tasks.length / (threads * BLOCK_CHUNKS)));
  const blocks: ChunkTask[][] = [];
  for (let b = 0, first = 0; b < blockCount; b++) {
    const size = Math.floor(tasks.length / blockCount) + (b < tasks.length % blockCount ? 1 : 0);
    blocks.push(tasks.slice(first, first + size));
    first += size;
  }
  let done = 0;
  let next = 0;
  const blockResults = await runShared<ChunkTask[], BlockResult>(workerUrl(), runBlock, blocks, {
    threads,
    onDone: () => {
      for (const task of blocks[next++]) done = Math.min(paths, done + task.count);
      options.onProgress?.(done, paths);
    },
  });
  const total = blockResults[0].counts;
  for (let k = 1; k < blockResults.length; k++) mergeCounts(total, blockResults[k].counts);
  for (const block of blockResults) for (const chunk of block.sums) mergeSums(total, chunk);
  return summariseRun(scenario, seed, total);
}

/** The levels of a fan (QuantileSeries), and of a year's quantiles (YearQuantiles), ascending. */
const FAN_LEVELS = [0.05, 0.25, 0.5, 0.75, 0.95];
const YEAR_LEVELS = [0.05, 0.5, 0.95];

/** The fan of series `s`, with its median's Monte Carlo interval (a WorldSeries). */
function worldSeries(acc: Accumulator, s: number): WorldSeries {
  const levels = medianIntervalLevels(acc.paths);
  const out: WorldSeries = { ...series(acc, s), p50Low: [], p50High: [] };
  const q = [0, 0];
  for (let t = 0; t < acc.quarters; t++) {
    histogramQuantiles(acc.hist, (s * acc.quarters + t) * BINS, levels, q, acc.paths);
    out.p50Low.push(q[0]);
    out.p50High.push(q[1]);
  }
  return out;
}

function series(acc: Accumulator, s: number): QuantileSeries {
  const T = acc.quarters;
  const out: QuantileSeries = { mean: [], p05: [], p25: [], p50: [], p75: [], p95: [] };
  const q = [0, 0, 0, 0, 0];
  for (let t = 0; t < T; t++) {
    const cell = s * T + t;
    out.mean.push(acc.sum[cell] / acc.paths);
    histogramQuantiles(acc.hist, cell * BINS, FAN_LEVELS, q, acc.paths);
    out.p05.push(q[0]);
    out.p25.push(q[1]);
    out.p50.push(q[2]);
    out.p75.push(q[3]);
    out.p95.push(q[4]);
  }
  return out;
}

/** Turns a merged accumulator into the result object; RangeError for one kept without histograms. */
export function summariseRun(scenario: Scenario, seed: number, acc: Accumulator): SimulationResult {
  if (!acc.histograms) throw new RangeError("invalid accumulator: no histograms to summarise");
  const T = acc.quarters;
  const start = quarterIndex(scenario.start);
  const quarters = Array.from({ length: T }, (_, t) => quarterLabel(start + t));
  const entities: Record<string, EntityResult> = {};
  const { model } = compileScenario(scenario);
  const obligationNames = [...model.takeOrPay.ids, ...model.debt.ids, "operatingCosts", "lossesOverCapital"];
  const medianLevels = medianIntervalLevels(acc.paths);
  scenario.entities.forEach((e, i) => {
    const pDefaultByQuarter = Array.from({ length: T }, (_, t) => acc.deadBy[i * T + t] / acc.paths);
    const pDefaultByYear: Record<string, number> = {};
    for (let t = 0; t < T; t++) pDefaultByYear[quarterYear(start + t)] = pDefaultByQuarter[t];
    const years = (name: AnnualSeries) => {
      const out: Record<string, YearQuantiles> = {};
      const q = [0, 0, 0];
      const mc = [0, 0];
      for (let y = 0; y < acc.years; y++) {
        const cell = annualCell(acc, name, i, y);
        histogramQuantiles(acc.annualHist, cell, YEAR_LEVELS, q, acc.paths);
        histogramQuantiles(acc.annualHist, cell, medianLevels, mc, acc.paths);
        out[quarterYear(start) + y] = { p05: q[0], p50: q[1], p95: q[2], p50Low: mc[0], p50High: mc[1] };
      }
      return out;
    };
    const result: EntityResult = {
      kind: e.kind,
      pDefaultByYear,
      pDefaultByQuarter,
      cash: series(acc, entitySeriesIndex("cash", acc.n, i)),
      equity: series(acc, entitySeriesIndex("equity", acc.n, i)),
      revenue: series(acc, entitySeriesIndex("revenue", acc.n, i)),
      capex: series(acc, entitySeriesIndex("capex", acc.n, i)),
      debt: series(acc, entitySeriesIndex("debt", acc.n, i)),
      byYear: {
        revenueUsdB: years("revenue"),
        capexUsdB: years("capex"),
        debtUsdB: years("debt"),
        burnUsdB: years("burn"),
        computeUsdB: years("compute"),
        computeToDateUsdB: years("computeToDate"),
        backlogUsdB: years("backlog"),
        runRateUsdB: years("runRate"),
      },
    };
    if (e.acquirers) result.pAcquired = acc.acquired[i] / acc.paths;
    if (e.kind === "lab" && scenario.contracts.some((c) => c.type === "take-or-pay" && c.buyer === e.id))
      result.pRenegotiated = acc.renegotiated[i] / acc.paths;
    const triggers = defaultTriggers(obligationNames, acc, i);
    if (triggers) result.defaultTriggers = triggers;
    const K = DEFAULT_CAUSES.length;
    const causes = shares(acc.defaultCause.subarray(i * K, (i + 1) * K), DEFAULT_CAUSES);
    if (causes) result.defaultCauses = causes;
    if (e.marketValueUsdB !== undefined) {
      result.marketValue = series(acc, entitySeriesIndex("marketValue", acc.n, i));
      result.byYear.marketValueUsdB = years("marketValue");
    }
    entities[e.id] = result;
  });
  const lossesByHolder: Record<string, HolderLossResult> = {};
  scenario.entities.forEach((e, i) => {
    const part = (p: number) => acc.holderLossSum[i * LOSS_PARTS.length + p] / acc.paths;
    const [direct, clearing, defaultCost, fireSale, markToMarket] = LOSS_PARTS.map((_, p) => part(p));
    const total = direct + clearing + defaultCost + fireSale + markToMarket;
    const capital = capitalOf(e);
    lossesByHolder[e.id] = {
      direct,
      clearing,
      defaultCost,
      fireSale,
      markToMarket,
      total,
      totalP95: histogramQuantile(acc.holderLossTotalHist, i * BINS, 0.95),
      shareOfCapital: capital > 0 ? total / capital : null,
    };
  });
  const present = new Set<string>([...scenario.entities.map((e) => e.kind), "external"]);
  const losses: Record<string, LossResult> = {};
  LOSS_KINDS.forEach((kind, k) => {
    if (!present.has(kind)) return;
    // A mark-to-market loss is booked as quarterly changes whose sum is ≥ 0 on every path; the floor only removes
    // the rounding of a sum that returns to zero.
    const parts = LOSS_PARTS.map((_, p) => {
      let sum = 0;
      for (let t = 0; t < T; t++) sum += acc.lossSum[(k * LOSS_PARTS.length + p) * T + t];
      return Math.max(0, sum / acc.paths);
    });
    const byQuarter = Array.from({ length: T }, (_, t) => {
      let sum = 0;
      for (let p = 0; p < LOSS_PARTS.length; p++) sum += acc.lossSum[(k * LOSS_PARTS.length + p) * T + t];
      return sum / acc.paths;
    });
    losses[kind] = {
      direct: parts[0],
      clearing: parts[1],
      defaultCost: parts[2],
      fireSale: parts[3],
      markToMarket: parts[4],
      total: parts[0] + parts[1] + parts[2] + parts[3] + parts[4],
      totalP95: histogramQuantile(acc.lossTotalHist, k * BINS, 0.95),
      byQuarter,
    };
  });
  const global = (name: GlobalSeries) => worldSeries(acc, globalSeriesIndex(name, acc.n));
  const result: SimulationResult = {
    scenario: scenario.name,
    paths: acc.paths,
    seed,
    quarters,
    entities,
    losses,
    lossesByHolder,
    revenue: global("revenue"),
    computeSpend: global("computeSpend"),
    gap: global("gap"),
    strandedGw: global("strandedGw"),
    powerGw: global("powerGw"),
    capability: global("capability"),
    sentiment: global("sentiment"),
    gpuPrice: global("gpuPrice"),
    startGpuRent: global("startGpuRent"),
  };
  if (acc.summaries.length > 0) result.pathSummaries = acc.summaries;
  return result;
}

/** An entity's capital: its `capitalUsdB`, else its market value at the start, else its starting cash (a
 * distribution's median). */
function capitalOf(e: Scenario["entities"][number]): number {
  const q = e.capitalUsdB ?? e.marketValueUsdB ?? e.cash;
  return q.value ?? (q.dist === undefined ? Number.NaN : distributionMedian(q.dist));
}

/** Entity `i`'s defaults by trigger, as shares of its defaults (`names`: the model's take-or-pay and debt contract
 * ids, then operating costs, then losses over capital); undefined when it never defaults or triggers were not
 * recorded. */
function defaultTriggers(names: string[], acc: Accumulator, i: number): Record<string, number> | undefined {
  const m = acc.obligations;
  if (m === 0) return undefined;
  return shares(acc.defaultTrigger.subarray(i * (m + 2), (i + 1) * (m + 2)), names);
}

/** Counts as shares of their total, by name, leaving out zeros; undefined when all are zero. */
function shares(counts: Int32Array, names: readonly string[]): Record<string, number> | undefined {
  let total = 0;
  for (const count of counts) total += count;
  if (total === 0) return undefined;
  const out: Record<string, number> = {};
  counts.forEach((count, c) => {
    if (count > 0) out[names[c]] = count / total;
  });
  return out;
}
