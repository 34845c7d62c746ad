/**
 * The main job: every scenario through the Monte Carlo, then the analyses that explain the results — a tornado
 * and reverse stress tests on the first scenario, the compute trend and the US–China frontier gap from the
 * data — gathered into one results object that is stored, tabulated and reported.
 */
import { type CreditCheck, creditChecks, loadCdsQuotes } from "../calibration/creditMarket.js";
import { type ScoreRow, type ScoreSummary, scorecard, scoreSummary } from "../calibration/scorecard.js";
import { loadTargets, targetsFor } from "../calibration/targets.js";
import { CLOUD_KINDS, HOLDER_KINDS } from "../economy/kinds.js";
import type { ScenarioFile } from "../scenario/library.js";
import { loadScenario } from "../scenario/loader.js";
import { type ReverseStressResult, reverseStress } from "../scenario/reverseStress/index.js";
import type { Scenario } from "../scenario/schema.js";
import {
  factorGroup,
  type OutputSensitivity,
  type OutputSpec,
  scenarioFactors,
  sensitivity,
} from "../scenario/sensitivity/index.js";
import { type SimulationResult, simulate } from "../scenario/simulate.js";
import { InputError } from "../util/errors.js";
import { type Progress, silentProgress } from "../util/progress.js";
import { quarterIndex, quarterYear } from "../util/quarter.js";
import { type ComputeTrend, computeTrend, type FrontierGapResult, frontierGapAnalysis } from "./analysis.js";
import { findMissingData, type MissingData } from "./dataNeeds.js";
import { type ParameterRow, parameterRows } from "./parameters.js";
import { type ScenarioDifference, type ScenarioPaths, scenarioDifferences } from "./scenarioDifferences.js";

/** Options of `runMainJob`: the scenarios, paths, seed and threads, and the analyses' data directory. */
export interface RunOptions {
  /** Scenario files to run, in order (the first one gets the tornado and the reverse stress tests). */
  scenarios: readonly ScenarioFile[];
  /** Monte Carlo paths per scenario, ≥ 1. */
  paths: number;
  /** Run seed (safe integer); every Monte Carlo and bootstrap of the run derives from it. */
  seed: number;
  /** Worker threads, ≥ 1; results do not depend on it. */
  threads: number;
  /**
   * Data directory for the compute trend and the frontier gap; an analysis whose datasets are missing from it
   * (all, when undefined) is left out and listed in `missingData`.
   */
  dataDir?: string;
  /** Paths per tornado design point; default max(20, round(paths / 10)). */
  sensitivityPaths?: number;
  /** Base samples N of each scenario's grouped Sobol analysis of its riskiest lab and cloud (N(G + 2) runs of
   * `driverPaths` each); default 64. */
  driverSamples?: number;
  /** Paths per point of the grouped Sobol analysis; default max(4, ⌊paths / 80⌋), 12 at 1,000 paths: every point
   * runs the same paths (common random numbers), so a few per point give the indices of many, and the budget goes
   * to base samples, which narrow the intervals (measured in the README, §The main job and the run store). */
  driverPaths?: number;
  /** Paths per reverse-stress evaluation; default max(40, round(paths / 5)). */
  stressPaths?: number;
  /** Bootstrap replicates of the capability index behind the gap interval; default 20. */
  gapBootstrap?: number;
  /** Makes a progress sink for a stage (a label and its total); default silent. */
  progress?: (label: string, total: number) => Progress;
}

/** One scenario's inputs and Monte Carlo result. */
export interface ScenarioRun {
  id: string;
  file: string;
  name: string;
  description: string;
  result: SimulationResult;
}

/** The tornado of the first scenario: world-level factors across their ranges, chosen outputs. */
export interface TornadoResult {
  scenario: string;
  paths: number;
  seed: number;
  factors: number;
  outputs: OutputSensitivity[];
}

/** Which part of the model drives a scenario's headline P(default): grouped Sobol indices. */
export interface DriversResult {
  scenario: string;
  paths: number;
  samples: number;
  seed: number;
  outputs: OutputSensitivity[];
}

/** Everything a run computes; stored as JSON with the run and compared byte for byte on a re-run. */
export interface RunResults {
  scenarios: ScenarioRun[];
  tornado: TornadoResult | null;
  /** One per scenario that has uncertain numbers: the drivers of its headline numbers (`driverOutputs`). */
  drivers: DriversResult[];
  /** Each scenario against the first, path by path: P(default) of its and the first's riskiest lab and cloud, and
   * the mean loss of its and the first's worst-hit lender kind; absent in runs stored before it. */
  differences?: ScenarioDifference[];
  reverseStress: ReverseStressResult[];
  computeTrend: ComputeTrend | null;
  frontierGap: FrontierGapResult | null;
  /** The data analyses left out because their datasets are missing, and which datasets. */
  missingData: MissingData[];
  /** Why another analysis was skipped, if one was. */
  notes: string[];
  /** The first scenario against its targets (`wallcast calibrate`'s scorecard and market-implied P(default));
   * null when its targets name what its run does not have, absent in runs stored before it. */
  calibration?: RunCalibration | null;
}

/** A scenario's simulated years against its sourced targets and its issuers' CDS (as `wallcast calibrate`). */
export interface RunCalibration {
  scenario: string;
  scorecard: ScoreRow[];
  summary: ScoreSummary;
  creditChecks: CreditCheck[];
}

/** What a run needs besides its results: the resolved parameters of each scenario. */
export interface RunOutput {
  results: RunResults;
  parameters: Record<string, ParameterRow[]>;
}

/** The calendar year of a scenario's last quarter. */
export function lastYear(result: SimulationResult): string {
  const last = result.quarters.at(-1);
  return last === undefined ? "" : String(quarterYear(quarterIndex(last)));
}

/** The entity of `kinds` most likely to default by the horizon's end; ties keep file order. */
export function riskiest(result: SimulationResult, kinds: readonly string[]): string | undefined {
  return (
    pickEntity(result, kinds, (p) => p) ??
    Object.keys(result.entities).find((id) => kinds.includes(result.entities[id].kind))
  );
}

/**
 * The entity of `kinds` whose default by the horizon's end is most uncertain (P closest to ½, the largest
 * p(1 − p)); the riskiest when every P is 0 or 1. The tornado and the reverse stress test look at it: an
 * entity that surely defaults, or surely survives, says little about what moves the outcome.
 */
export function mostUncertain(result: SimulationResult, kinds: readonly string[]): string | undefined {
  return pickEntity(result, kinds, (p) => p * (1 - p)) ?? riskiest(result, kinds);
}

// The entity of `kinds` with the highest positive score of its P(default by the last year); ties keep file order.
function pickEntity(
  result: SimulationResult,
  kinds: readonly string[],
  score: (p: number) => number,
): string | undefined {
  const year = lastYear(result);
  let best: string | undefined;
  let bestScore = 0;
  for (const [id, e] of Object.entries(result.entities)) {
    if (!kinds.includes(e.kind)) continue;
    const value = score(e.pDefaultByYear[year] ?? 0);
    if (value > bestScore) {
      best = id;
      bestScore = value;
    }
  }
  return best;
}

/** The riskiest lab and the riskiest cloud by the last year (either left out when none can default). */
function riskiestLabAndCloud(result: SimulationResult): string[] {
  return [riskiest(result, ["lab"]), riskiest(result, CLOUD_KINDS)].filter(
    (id): id is string => id !== undefined,
  );
}

/** The lender kind (a holder kind other than equity holders) with the largest mean loss; none without one. */
function worstLender(result: SimulationResult): string | undefined {
  const lenders = Object.entries(result.losses)
    .filter(([kind]) => (HOLDER_KINDS as readonly string[]).includes(kind) && kind !== "equity-holder")
    .sort((a, b) => b[1].total - a[1].total);
  return lenders[0]?.[0];
}

/** The tornado's outputs: P(default) of the most uncertain lab or cloud, the worst-hit lender kind's loss, capability. */
function tornadoOutputs(result: SimulationResult): OutputSpec[] {
  const year = lastYear(result);
  const outputs: OutputSpec[] = [];
  const entity = mostUncertain(result, ["lab", ...CLOUD_KINDS]);
  if (entity) outputs.push({ kind: "pDefault", entity, year });
  const lender = worstLender(result);
  if (lender) outputs.push({ kind: "loss", lossKind: lender });
  outputs.push({ kind: "capability", year });
  return outputs;
}

/** The headline numbers whose drivers a run finds: P(default) of the riskiest lab and cloud, the worst-hit lender
 * kind's loss, lab revenue and capability by the horizon's last year. One design answers them all. */
function driverOutputs(result: SimulationResult): OutputSpec[] {
  const year = lastYear(result);
  const outputs: OutputSpec[] = riskiestLabAndCloud(result).map((entity) => ({
    kind: "pDefault",
    entity,
    year,
  }));
  const lender = worstLender(result);
  if (lender) outputs.push({ kind: "loss", lossKind: lender });
  outputs.push({ kind: "revenue", year }, { kind: "capability", year });
  return outputs;
}

async function runStage<T>(
  options: RunOptions,
  label: string,
  total: number,
  work: (onProgress: (done: number) => void) => Promise<T>,
): Promise<T> {
  const bar = options.progress?.(label, total) ?? silentProgress;
  let reported = 0;
  try {
    return await work((done) => {
      bar.tick(done - reported);
      reported = done;
    });
  } finally {
    bar.stop();
  }
}

/** Runs the main job; see RunOptions. */
export async function runMainJob(options: RunOptions): Promise<RunOutput> {
  const { paths, seed, threads } = options;
  if (!Number.isSafeInteger(paths) || paths < 1) throw new RangeError(`invalid paths: ${paths}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`invalid seed: ${seed}`);
  if (options.scenarios.length === 0) throw new RangeError("invalid scenarios: none given");
  // Decided before the long work, from the registry's files: the analyses never fail half-way on a missing file.
  const missingData = await findMissingData(options.dataDir);
  const lacks = (analysis: MissingData["analysis"]) => missingData.some((m) => m.analysis === analysis);
  const loaded: Array<{ spec: ScenarioFile; scenario: Scenario }> = [];
  for (const spec of options.scenarios) loaded.push({ spec, scenario: await loadScenario(spec.file) });
  const parameters: Record<string, ParameterRow[]> = {};
  for (const { spec, scenario } of loaded) parameters[spec.id] = parameterRows(scenario);

  const scenarios: ScenarioRun[] = [];
  // Each path's defaults, kept to pair the scenarios path by path and then left out of the stored result.
  const pathsOf: ScenarioPaths[] = [];
  for (const { spec, scenario } of loaded) {
    const result = await runStage(options, spec.id, paths, (onProgress) =>
      simulate(scenario, { paths, seed, threads, onProgress, keepPaths: true }),
    );
    pathsOf.push({ id: spec.id, entities: Object.keys(result.entities), paths: result.pathSummaries ?? [] });
    delete result.pathSummaries;
    scenarios.push({
      id: spec.id,
      file: spec.file,
      name: scenario.name,
      description: scenario.description ?? "",
      result,
    });
  }
  const compared = new Map(
    scenarios.map(({ id, result }) => {
      const lender = worstLender(result);
      return [id, { entities: riskiestLabAndCloud(result), lossKinds: lender ? [lender] : [] }];
    }),
  );
  const differences = scenarioDifferences(
    pathsOf,
    (run) => compared.get(run.id) ?? { entities: [], lossKinds: [] },
    lastYear(scenarios[0].result),
  );

  const notes: string[] = [];
  const first = loaded[0].scenario;
  const base = scenarios[0].result;
  const sensitivityPaths = options.sensitivityPaths ?? Math.max(20, Math.round(paths / 10));
  const outputs = tornadoOutputs(base);
  const worldLevel = (path: string) => path.startsWith("world.");
  const points = 1 + 2 * scenarioFactors(first, worldLevel).length;
  const tornadoRun = await runStage(options, "tornado", points, (onProgress) =>
    sensitivity(first, {
      outputs,
      method: "tornado",
      select: worldLevel,
      paths: sensitivityPaths,
      seed,
      threads,
      onProgress,
    }),
  ).catch((error: unknown) => {
    // A scenario with no uncertain world-level number has no tornado; say so rather than fail the run.
    if (error instanceof RangeError && /invalid factors/.test(error.message)) {
      notes.push(`tornado skipped: ${error.message}`);
      return null;
    }
    throw error;
  });
  const tornado = tornadoRun && {
    scenario: scenarios[0].id,
    paths: sensitivityPaths,
    seed,
    factors: tornadoRun.factors.length,
    outputs: tornadoRun.outputs,
  };

  // What drives each scenario's headline numbers: every uncertain number, in the parts of the model (grouped Sobol
  // indices), one scenario after another so that the stage's progress is one bar.
  const driverSamples = options.driverSamples ?? 64;
  const driverPaths = options.driverPaths ?? Math.max(4, Math.floor(paths / 80));
  const driverPlans = loaded.map(({ scenario }, k) => {
    const outputs = driverOutputs(scenarios[k].result);
    const groups = new Set(scenarioFactors(scenario).map((f) => factorGroup(f.name))).size;
    return {
      id: scenarios[k].id,
      scenario,
      outputs,
      points: groups > 0 ? 1 + driverSamples * (groups + 2) : 0,
    };
  });
  const planned = driverPlans.filter((d) => d.outputs.length > 0 && d.points > 0);
  const drivers = await runStage(
    options,
    "drivers",
    planned.reduce((sum, d) => sum + d.points, 0),
    async (onProgress) => {
      const out: DriversResult[] = [];
      let before = 0;
      for (const d of planned) {
        const run = await sensitivity(d.scenario, {
          outputs: d.outputs,
          method: "sobol",
          grouped: true,
          select: () => true,
          samples: driverSamples,
          paths: driverPaths,
          seed,
          threads,
          onProgress: (done) => onProgress(before + done),
        });
        before += d.points;
        out.push({
          scenario: d.id,
          paths: driverPaths,
          samples: driverSamples,
          seed,
          outputs: run.outputs,
        });
      }
      return out;
    },
  );

  const stressPaths = options.stressPaths ?? Math.max(40, Math.round(paths / 5));
  const targets = [mostUncertain(base, ["lab"]), mostUncertain(base, CLOUD_KINDS)].filter(
    (id): id is string => id !== undefined,
  );
  // The targets run side by side, the threads split between them: a Monte Carlo of a few hundred paths gains
  // little from a worker pool of its own. Results do not depend on the thread count.
  const threadsEach = Math.max(1, Math.floor(threads / Math.max(1, targets.length)));
  const stress = await runStage(options, "reverse stress", 11 * targets.length, (onProgress) => {
    let evaluations = 0;
    return Promise.all(
      targets.map((entity) =>
        reverseStress(first, {
          entity,
          shock: "revenue",
          paths: stressPaths,
          seed,
          threads: threadsEach,
          tolerance: 0.01,
          onProgress: () => onProgress(++evaluations),
        }),
      ),
    );
  });

  const dataDir = options.dataDir;
  const trend = dataDir !== undefined && !lacks("computeTrend") ? computeTrend(dataDir) : null;
  const bootstrap = options.gapBootstrap ?? 20;
  const gap =
    dataDir !== undefined && !lacks("frontierGap") ? frontierGapAnalysis(dataDir, { bootstrap, seed }) : null;
  return {
    results: {
      scenarios,
      tornado,
      drivers,
      differences,
      reverseStress: stress,
      computeTrend: trend,
      frontierGap: gap,
      missingData,
      notes,
      calibration: calibrationOf(first, scenarios[0], notes),
    },
    parameters,
  };
}

/** `run`'s scenario scored as `wallcast calibrate` scores it; null, with a note, when its targets do not fit it. */
function calibrationOf(scenario: Scenario, run: ScenarioRun, notes: string[]): RunCalibration | null {
  try {
    const rows = scorecard(run.result, targetsFor(loadTargets(), scenario.name));
    return {
      scenario: run.id,
      scorecard: rows,
      summary: scoreSummary(rows),
      creditChecks: creditChecks(scenario, run.result, loadCdsQuotes()),
    };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    notes.push(`calibration skipped: ${error.message}`);
    return null;
  }
}
