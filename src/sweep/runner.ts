/**
 * Runs one sweep job: each of its points simulated over its block of paths, chunk by chunk with the chunks
 * `simulate` makes (path randomness is keyed on seed and path index, so a block of paths runs the same
 * anywhere), each chunk reduced to the cells its outputs read. Also the default export of the worker threads of
 * local sweeps and queue workers.
 */

import { cellPlan, extractCells } from "../scenario/sensitivity/cells.js";
import { parseOutput } from "../scenario/sensitivity/index.js";
import { runChunk } from "../scenario/worker.js";
import { VERSION } from "../version.js";
import type { SweepJob } from "./jobs.js";

/** What a job returns: the cell sums of every chunk of every point, for the coordinator to merge in order. */
export interface JobResult {
  /** Hash of the sweep the job belongs to. */
  sweep: string;
  /** The job's id. */
  id: string;
  /** Points in the job. */
  points: number;
  /** Chunks per point. */
  chunks: number;
  /** Cells per chunk. */
  cells: number;
  /** Paths in each chunk. */
  chunkPaths: number[];
  /**
   * The cell sums, point by point, chunk by chunk, cell by cell (`points · chunks · cells` doubles), as base64 of
   * their little-endian IEEE 754 bytes: exact, NaN and −0 included, and about half the size of decimal JSON.
   */
  data: string;
}

/** Error thrown for a job this worker cannot run (another wallcast version): retrying it elsewhere won't help. */
export class JobMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JobMismatchError";
  }
}

/** Encodes doubles exactly as base64 (little-endian). */
export function encodeDoubles(values: Float64Array): string {
  const bytes = Buffer.alloc(values.length * 8);
  for (let k = 0; k < values.length; k++) bytes.writeDoubleLE(values[k], k * 8);
  return bytes.toString("base64");
}

/** Decodes `encodeDoubles`; RangeError if the length is not a whole number of doubles. */
export function decodeDoubles(text: string): Float64Array {
  const bytes = Buffer.from(text, "base64");
  if (bytes.length % 8 !== 0) throw new RangeError(`invalid doubles: ${bytes.length} bytes`);
  const out = new Float64Array(bytes.length / 8);
  for (let k = 0; k < out.length; k++) out[k] = bytes.readDoubleLE(k * 8);
  return out;
}

/** The chunks of a job's path block: `[firstPath, count]` pairs on the sweep's chunk grid. */
export function jobChunks(firstPath: number, count: number, chunkSize: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const end = firstPath + count;
  for (let first = firstPath; first < end; first += chunkSize)
    out.push([first, Math.min(chunkSize, end - first)]);
  return out;
}

/** Runs a job; throws JobMismatchError for a job of another wallcast version. */
export function runJob(job: SweepJob): JobResult {
  if (job.wallcast !== VERSION)
    throw new JobMismatchError(`job of wallcast ${job.wallcast}, this worker is ${VERSION}`);
  const outputs = job.outputs.map((text) => parseOutput(text));
  const plan = cellPlan(job.scenario, outputs);
  const chunks = jobChunks(job.firstPath, job.count, job.chunkSize);
  const width = plan.cells.length;
  const data = new Float64Array(job.values.length * chunks.length * width);
  job.values.forEach((values, p) => {
    chunks.forEach(([firstPath, count], c) => {
      // The sweep's scenario is compiled once per worker; each point fixes its numbers over it.
      const acc = runChunk({
        scenario: job.scenario,
        scenarioKey: job.sweep,
        fixed: { paths: job.factorPaths, values },
        seed: job.seed,
        firstPath,
        count,
        keepPaths: false,
        stress: {},
        histograms: false,
      });
      data.set(extractCells(plan, acc), (p * chunks.length + c) * width);
    });
  });
  return {
    sweep: job.sweep,
    id: job.id,
    points: job.values.length,
    chunks: chunks.length,
    cells: width,
    chunkPaths: chunks.map(([, count]) => count),
    data: encodeDoubles(data),
  };
}

export default runJob;
