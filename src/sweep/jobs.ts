/**
 * A sweep's spec and its jobs. The spec holds everything the results depend on (the resolved scenario, the
 * design, paths, seed, chunk size, outputs, the wallcast version); its hash names the sweep. A job is a block of
 * design points × a block of paths, with a stable id, and its payload carries everything a worker on any
 * machine needs to run it.
 */
import { createHash } from "node:crypto";
import { withFullUncertainty } from "../scenario/parameters.js";
import type { Scenario } from "../scenario/schema.js";
import { VERSION } from "../version.js";
import { buildDesign, type SweepDesign, type SweepDesignKind } from "./design.js";

/** Paths per Monte Carlo chunk, as in `simulate` and `sensitivity`: a job's path block is a whole number of them. */
export const SWEEP_CHUNK = 250;

/** Everything a sweep's numbers depend on; `sweepHash` of it names the sweep. */
export interface SweepSpec {
  /** Version of wallcast that made the spec; workers of another version refuse its jobs. */
  wallcast: string;
  /** The resolved base scenario. */
  scenario: Scenario;
  /**
   * `full`: the numbers not varied are drawn per path across their stated ranges, as `simulate` draws them
   * (`withFullUncertainty`); `point`: assumptions not varied stay at their point values. Either way the varied
   * numbers are fixed at each point's values, and declared distributions are drawn.
   */
  uncertainty: "full" | "point";
  /** sobol, morris, lhs or grid. */
  design: SweepDesignKind;
  /** The `--over` items (empty: every uncertain number). */
  over: string[];
  /** The design's size (see DesignOptions.samples). */
  samples: number;
  /** Monte Carlo paths per design point. */
  paths: number;
  /** Seed of the design and of every point's Monte Carlo (common random numbers). */
  seed: number;
  /** Paths per chunk. */
  chunkSize: number;
  /** The outputs, as specs such as `pDefault:openai:2030`. */
  outputs: string[];
  /** Design points per job. */
  pointsPerJob: number;
  /** Paths per job: a multiple of the chunk size, or all the paths. */
  pathsPerJob: number;
}

/** One job of a sweep, without its payload. */
export interface JobRef {
  /** Stable id: `p{firstPoint}-{lastPoint}:paths{firstPath}-{count}`. */
  id: string;
  /** First and last design point (inclusive). */
  firstPoint: number;
  lastPoint: number;
  /** First path and number of paths. */
  firstPath: number;
  count: number;
}

/** What a worker receives: one job with everything its result depends on. */
export interface SweepJob extends JobRef {
  /** Hash of the sweep's spec. */
  sweep: string;
  /** wallcast version of the coordinator. */
  wallcast: string;
  /** The base scenario as its points' Monte Carlo draws it (with full uncertainty unless the spec says point). */
  scenario: Scenario;
  /** Parameter paths of the varied numbers. */
  factorPaths: string[];
  /** Their values at each of the job's points (firstPoint … lastPoint). */
  values: number[][];
  /** Monte Carlo seed. */
  seed: number;
  /** Paths per chunk. */
  chunkSize: number;
  /** Output specs. */
  outputs: string[];
}

/** The sha256 (hex) of a spec's JSON: the sweep's name in job ids, the queue and the store. */
export function sweepHash(spec: SweepSpec): string {
  return createHash("sha256").update(JSON.stringify(spec)).digest("hex");
}

/** Default job sizes: path blocks of up to 1,000 paths (4 chunks); about 2,000 paths a job, at least 16 jobs. */
export function defaultJobSize(points: number, paths: number): { pointsPerJob: number; pathsPerJob: number } {
  const pathsPerJob = Math.min(paths, 4 * SWEEP_CHUNK);
  const pointsPerJob = Math.max(1, Math.min(Math.floor(2000 / pathsPerJob), Math.ceil(points / 16)));
  return { pointsPerJob, pathsPerJob };
}

/** A job's id from its blocks. */
export function jobId(firstPoint: number, lastPoint: number, firstPath: number, count: number): string {
  return `p${firstPoint}-${lastPoint}:paths${firstPath}-${count}`;
}

/** Checks the job sizes against the chunk size; RangeError otherwise. */
export function checkJobSize(
  spec: Pick<SweepSpec, "paths" | "chunkSize" | "pointsPerJob" | "pathsPerJob">,
): void {
  const { paths, chunkSize, pointsPerJob, pathsPerJob } = spec;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1)
    throw new RangeError(`invalid chunkSize: ${chunkSize}`);
  if (!Number.isSafeInteger(pointsPerJob) || pointsPerJob < 1)
    throw new RangeError(`invalid pointsPerJob: ${pointsPerJob}`);
  if (
    !Number.isSafeInteger(pathsPerJob) ||
    pathsPerJob < 1 ||
    (pathsPerJob % chunkSize !== 0 && pathsPerJob < paths)
  )
    throw new RangeError(
      `invalid pathsPerJob: ${pathsPerJob} (a multiple of ${chunkSize}, or all ${paths} paths)`,
    );
}

/** The jobs of a sweep of `points` points, points block by points block, then path block by path block. */
export function splitJobs(points: number, spec: SweepSpec): JobRef[] {
  checkJobSize(spec);
  const jobs: JobRef[] = [];
  for (let first = 0; first < points; first += spec.pointsPerJob) {
    const last = Math.min(points, first + spec.pointsPerJob) - 1;
    for (let path = 0; path < spec.paths; path += spec.pathsPerJob) {
      const count = Math.min(spec.pathsPerJob, spec.paths - path);
      jobs.push({
        id: jobId(first, last, path, count),
        firstPoint: first,
        lastPoint: last,
        firstPath: path,
        count,
      });
    }
  }
  return jobs;
}

/** A planned sweep: its spec, hash, design and jobs. */
export interface SweepPlan {
  /** The spec. */
  spec: SweepSpec;
  /** `sweepHash(spec)`. */
  hash: string;
  /** The design built from the spec. */
  design: SweepDesign;
  /** The jobs, in merge order. */
  jobs: JobRef[];
  /** The scenario the jobs run (the spec's, with full uncertainty unless the spec says point). */
  sampled: Scenario;
}

/** The plan of a spec: its design (rebuilt from the spec, so a plan read back from a store is the same). */
export function planFromSpec(spec: SweepSpec): SweepPlan {
  const design = buildDesign(spec.scenario, {
    design: spec.design,
    over: spec.over.length > 0 ? spec.over : undefined,
    samples: spec.samples,
    seed: spec.seed,
  });
  const sampled = spec.uncertainty === "point" ? spec.scenario : withFullUncertainty(spec.scenario);
  return { spec, hash: sweepHash(spec), design, jobs: splitJobs(design.points.length, spec), sampled };
}

/** The payload of job `ref` of a plan. */
export function jobPayload(plan: SweepPlan, ref: JobRef): SweepJob {
  const { spec, design } = plan;
  const values: number[][] = [];
  for (let p = ref.firstPoint; p <= ref.lastPoint; p++) values.push(Array.from(design.points[p]));
  return {
    ...ref,
    sweep: plan.hash,
    wallcast: VERSION,
    scenario: plan.sampled,
    factorPaths: design.factors.map((f) => f.name),
    values,
    seed: spec.seed,
    chunkSize: spec.chunkSize,
    outputs: spec.outputs,
  };
}
