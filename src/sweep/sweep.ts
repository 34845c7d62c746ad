/**
 * A sweep from start to finish: build the design, split it into jobs, run the jobs still missing from the sweep
 * directory (on this machine's threads, or on a queue's workers), merge every job's results in a fixed order,
 * analyse, and store the sweep (run store tables, Parquet, report) in the directory's `result/`.
 */

import type { Scenario } from "../scenario/schema.js";
import {
  checkOutput,
  factorGroup,
  formatOutput,
  type OutputSpec,
  type ScenarioFactor,
  SOBOL_PATHS,
} from "../scenario/sensitivity/index.js";
import { defaultThreads } from "../util/pool.js";
import { quarterIndex, quarterYear } from "../util/quarter.js";
import { VERSION } from "../version.js";
import { analyseSweep, type SweepOutputAnalysis } from "./analyse.js";
import { buildDesign, type SweepDesignKind } from "./design.js";
import {
  defaultJobSize,
  jobPayload,
  planFromSpec,
  SWEEP_CHUNK,
  type SweepPlan,
  type SweepSpec,
} from "./jobs.js";
import { runJobsLocally } from "./local.js";
import { mergeResults } from "./merge.js";
import { checkRedis, type QueueAddress, runJobsOnQueue } from "./queue.js";
import { writeSweepResult } from "./record.js";
import { SweepStore } from "./store.js";

/** Options of `runSweep`. */
export interface SweepOptions {
  /** sobol, morris, lhs or grid. */
  design: SweepDesignKind;
  /** Groups or parameter-path prefixes to vary (see DesignOptions.over). */
  over?: string[];
  /** The design's size (see DesignOptions.samples). */
  samples?: number;
  /** Monte Carlo paths per point; default 200, and `SOBOL_PATHS` (25) for a Sobol design, whose points share their
   * paths. */
  paths?: number;
  /** Seed of the design and of every point's Monte Carlo; default 1. */
  seed?: number;
  /** Draw the numbers not varied across their stated ranges (`full`, default) or hold assumptions at their
   * point values (`point`); see SweepSpec.uncertainty. */
  uncertainty?: "full" | "point";
  /** Outputs; default `defaultSweepOutputs(scenario)`. */
  outputs?: OutputSpec[];
  /** The sweep directory: job results as they arrive, the finished sweep in `result/`. */
  out: string;
  /** Run the jobs on this queue's workers instead of this machine's threads. */
  queue?: QueueAddress;
  /** Worker threads of a local run; default the machine's cores. */
  threads?: number;
  /** Design points per job; default from `defaultJobSize`. The results do not depend on it. */
  pointsPerJob?: number;
  /** Paths per job (a multiple of 250, or all); default from `defaultJobSize`. The results do not depend on it. */
  pathsPerJob?: number;
  /** Whether to write the run store and report into `result/` (default true). */
  record?: boolean;
  /** Told after each job's result: jobs done (stored ones included), jobs in all, and paths run so far. */
  onProgress?: (progress: SweepProgress) => void;
}

/** Progress of a running sweep. */
export interface SweepProgress {
  /** Jobs with a result, including those read back from the directory. */
  done: number;
  /** Jobs in the sweep. */
  total: number;
  /** Jobs read back from the directory at the start. */
  resumed: number;
  /** Point-paths simulated by this coordinator's jobs so far. */
  paths: number;
}

/** How a sweep ran; the only part of a result that may differ between runs of the same sweep. */
export interface SweepTiming {
  /** Wall-clock seconds. */
  seconds: number;
  /** Where the jobs ran. */
  mode: "local" | "queue";
  /** Jobs run now, and jobs whose results were read back from the directory. */
  jobsRun: number;
  jobsResumed: number;
  /** Results that arrived for a job already stored, ignored. */
  duplicates: number;
  /** Point-paths simulated now per second. */
  pathsPerSecond: number;
  /** The sweep directory's `result/` with the run store and report (absent when not recorded). */
  dir?: string;
}

/** A sweep's result: its settings, the varied numbers, each output's analysis, and (lhs, grid) the responses. */
export interface SweepResult {
  /** sha256 of the sweep's spec. */
  sweep: string;
  /** Scenario name. */
  scenario: string;
  /** wallcast version. */
  wallcast: string;
  design: SweepDesignKind;
  uncertainty: "full" | "point";
  over: string[];
  samples: number;
  paths: number;
  seed: number;
  /** Design points, jobs, and point-paths simulated. */
  points: number;
  jobs: number;
  evaluations: number;
  /** sobol: the groups of the indices (the `--over` items, or the FACTOR_GROUPS present). */
  groups?: string[];
  /** The varied numbers with their range and group (sobol: their index group; else the part of the model). */
  factors: Array<Pick<ScenarioFactor, "name" | "low" | "base" | "high" | "from"> & { group: string }>;
  /** Per output. */
  outputs: SweepOutputAnalysis[];
  /** lhs and grid: the response table, the outputs at each point (`[point][output]`). */
  responses?: number[][];
  /** grid: the values of the varied numbers at each point (`[point][factor]`). */
  values?: number[][];
  /** How and where it ran (differs between runs; everything else is identical). */
  timing: SweepTiming;
}

/** The year outputs default to: 2030, or the horizon's last year if it ends earlier, or its first if later. */
function defaultYear(scenario: Scenario): string {
  const start = quarterIndex(scenario.start);
  const first = quarterYear(start);
  const last = quarterYear(start + scenario.horizonQuarters - 1);
  return String(Math.min(last, Math.max(first, 2030)));
}

/** Default outputs: P(default) by 2030 of every lab and neocloud (of every entity when there are none). */
export function defaultSweepOutputs(scenario: Scenario): OutputSpec[] {
  const year = defaultYear(scenario);
  const chosen = scenario.entities.filter((e) => e.kind === "lab" || e.kind === "neocloud");
  return (chosen.length > 0 ? chosen : scenario.entities).map((e) => ({
    kind: "pDefault",
    entity: e.id,
    year,
  }));
}

/** The plan of a sweep of `scenario` with these options (design, spec, jobs); InputError for bad options. */
export function planSweep(scenario: Scenario, options: Omit<SweepOptions, "out">): SweepPlan {
  const paths = options.paths ?? (options.design === "sobol" ? SOBOL_PATHS : 200);
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(paths) || paths < 1) throw new RangeError(`invalid paths: ${paths}`);
  const outputs = options.outputs ?? defaultSweepOutputs(scenario);
  if (outputs.length === 0) throw new RangeError("invalid outputs: none given");
  for (const spec of outputs) checkOutput(scenario, spec);
  const design = buildDesign(scenario, {
    design: options.design,
    over: options.over,
    samples: options.samples,
    seed,
  });
  const size = defaultJobSize(design.points.length, paths);
  const spec: SweepSpec = {
    wallcast: VERSION,
    scenario,
    uncertainty: options.uncertainty ?? "full",
    design: options.design,
    over: [...(options.over ?? [])],
    samples: design.samples,
    paths,
    seed,
    chunkSize: SWEEP_CHUNK,
    outputs: outputs.map(formatOutput),
    pointsPerJob: options.pointsPerJob ?? size.pointsPerJob,
    pathsPerJob: options.pathsPerJob ?? size.pathsPerJob,
  };
  return planFromSpec(spec);
}

/** The result of a finished plan from its merged outputs (without timing). */
export function sweepResult(plan: SweepPlan, values: number[][]): Omit<SweepResult, "timing"> {
  const { spec, design } = plan;
  const result: Omit<SweepResult, "timing"> = {
    sweep: plan.hash,
    scenario: spec.scenario.name,
    wallcast: spec.wallcast,
    design: spec.design,
    uncertainty: spec.uncertainty,
    over: spec.over,
    samples: spec.samples,
    paths: spec.paths,
    seed: spec.seed,
    points: design.points.length,
    jobs: plan.jobs.length,
    evaluations: design.points.length * spec.paths,
    ...(design.kind === "sobol" ? { groups: design.groups } : {}),
    factors: design.factors.map((f, i) => ({
      name: f.name,
      group: design.kind === "sobol" ? design.groups[design.groupOf[i]] : factorGroup(f.name),
      low: f.low,
      base: f.base,
      high: f.high,
      from: f.from,
    })),
    outputs: analyseSweep(design, spec.outputs, values),
  };
  if (design.kind === "lhs" || design.kind === "grid") result.responses = values;
  if (design.kind === "grid") result.values = design.points.map((p) => Array.from(p));
  return result;
}

/**
 * Runs a sweep; see SweepOptions. With a queue, Redis is checked before anything is written (ServiceError when
 * it does not answer). A sweep directory holding results of the same sweep resumes from them.
 */
export async function runSweep(scenario: Scenario, options: SweepOptions): Promise<SweepResult> {
  const started = performance.now();
  const plan = planSweep(scenario, options);
  if (options.queue) await checkRedis(options.queue);
  const store = SweepStore.open(options.out, plan);
  const pending = plan.jobs.filter((ref) => !store.has(ref.id));
  const resumed = plan.jobs.length - pending.length;
  let paths = 0;
  const onResult = (result: Parameters<SweepStore["put"]>[0]) => {
    if (!store.put(result)) return;
    paths += result.points * result.chunkPaths.reduce((a, b) => a + b, 0);
    options.onProgress?.({ done: store.results.size, total: plan.jobs.length, resumed, paths });
  };
  options.onProgress?.({ done: store.results.size, total: plan.jobs.length, resumed, paths });
  if (options.queue)
    await runJobsOnQueue({
      address: options.queue,
      sweep: plan.hash,
      jobs: pending,
      payload: (ref) => jobPayload(plan, ref),
      onResult,
    });
  else
    await runJobsLocally(
      pending.length,
      (k) => jobPayload(plan, pending[k]),
      options.threads ?? defaultThreads(),
      onResult,
    );
  const values = mergeResults(plan, store.results);
  const body = sweepResult(plan, values);
  const dir = options.record === false ? undefined : await writeSweepResult(options.out, plan, body, values);
  const seconds = (performance.now() - started) / 1000;
  return {
    ...body,
    timing: {
      seconds,
      mode: options.queue ? "queue" : "local",
      jobsRun: pending.length,
      jobsResumed: resumed,
      duplicates: store.duplicates,
      pathsPerSecond: seconds > 0 ? paths / seconds : 0,
      ...(dir === undefined ? {} : { dir }),
    },
  };
}
