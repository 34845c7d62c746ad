/**
 * The fixed-order merge of a sweep's job results: for each point, its chunks' cell sums added in path order
 * (the first chunk's sums, then each next chunk's added in), the same additions `mergeInto` makes when
 * `simulate` or `sensitivity` runs the point on one machine. The order never depends on which worker ran a job
 * or when it finished, so the merged outputs are bit-identical whatever ran them.
 */

import { cellPlan, outputsFromCells } from "../scenario/sensitivity/cells.js";
import { parseOutput } from "../scenario/sensitivity/index.js";
import type { JobRef, SweepPlan } from "./jobs.js";
import { decodeDoubles, type JobResult, jobChunks } from "./runner.js";

/**
 * Checks that a result belongs to job `ref` of the plan and has its shape; returns a reason when it does not
 * (a result of another sweep, or a damaged one), undefined when it fits.
 */
export function resultMismatch(plan: SweepPlan, ref: JobRef, result: JobResult): string | undefined {
  if (result.sweep !== plan.hash) return `result of sweep ${String(result.sweep).slice(0, 12)}`;
  if (result.id !== ref.id) return `result of job ${result.id}`;
  const chunks = jobChunks(ref.firstPath, ref.count, plan.spec.chunkSize);
  const width = cellPlan(
    plan.spec.scenario,
    plan.spec.outputs.map((o) => parseOutput(o)),
  ).cells.length;
  const points = ref.lastPoint - ref.firstPoint + 1;
  if (result.points !== points || result.chunks !== chunks.length || result.cells !== width)
    return `shape ${result.points}×${result.chunks}×${result.cells}, expected ${points}×${chunks.length}×${width}`;
  if (!Array.isArray(result.chunkPaths) || result.chunkPaths.some((n, c) => n !== chunks[c][1]))
    return "chunk paths differ";
  if (
    typeof result.data !== "string" ||
    Buffer.byteLength(result.data, "base64") !== points * chunks.length * width * 8
  )
    return "data of the wrong length";
  return undefined;
}

/**
 * The outputs of every point, `[point][output]`, from the results of all the plan's jobs (by job id). Throws
 * RangeError when a job's result is missing or does not fit its job.
 */
export function mergeResults(plan: SweepPlan, results: ReadonlyMap<string, JobResult>): number[][] {
  const outputs = plan.spec.outputs.map((o) => parseOutput(o));
  const cells = cellPlan(plan.spec.scenario, outputs);
  const width = cells.cells.length;
  const points = plan.design.points.length;
  const sums: Array<Float64Array | undefined> = Array.from({ length: points }, () => undefined);
  const paths = new Float64Array(points);
  // Jobs are in point-block order, then path-block order: adding them in this order adds each point's chunks in
  // path order.
  for (const ref of plan.jobs) {
    const result = results.get(ref.id);
    if (result === undefined) throw new RangeError(`invalid results: job ${ref.id} missing`);
    const mismatch = resultMismatch(plan, ref, result);
    if (mismatch !== undefined) throw new RangeError(`invalid result of job ${ref.id}: ${mismatch}`);
    const data = decodeDoubles(result.data);
    for (let p = 0; p < result.points; p++) {
      const point = ref.firstPoint + p;
      for (let c = 0; c < result.chunks; c++) {
        const chunk = data.subarray((p * result.chunks + c) * width, (p * result.chunks + c + 1) * width);
        const total = sums[point];
        if (total === undefined) sums[point] = chunk.slice();
        else for (let k = 0; k < width; k++) total[k] += chunk[k];
        paths[point] += result.chunkPaths[c];
      }
    }
  }
  return sums.map((total, p) => {
    if (total === undefined) throw new RangeError(`invalid results: point ${p} has none`);
    return outputsFromCells(cells, total, paths[p]);
  });
}
