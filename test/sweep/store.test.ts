import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/loader.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { parseOutput } from "../../src/scenario/sensitivity/index.js";
import {
  decodeDoubles,
  encodeDoubles,
  type JobResult,
  jobPayload,
  planSweep,
  runJob,
  SweepStore,
} from "../../src/sweep/index.js";
import { InputError } from "../../src/util/errors.js";

let scenario: Scenario;
let dir: string;

beforeAll(async () => {
  scenario = await loadScenario("default");
  dir = mkdtempSync(join(tmpdir(), "wallcast-sweep-store-"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plan = () =>
  planSweep(scenario, {
    design: "lhs",
    samples: 2,
    paths: 5,
    seed: 1,
    outputs: [parseOutput("pDefault:openai:2030")],
    pointsPerJob: 1,
  });

describe("the sweep directory", () => {
  it("encodes doubles exactly, −0 and NaN included", () => {
    const values = Float64Array.from([
      0,
      -0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      0.1 + 0.2,
      5e-324,
      -1.7976931348623157e308,
    ]);
    const back = decodeDoubles(encodeDoubles(values));
    expect(Array.from(back).every((x, i) => Object.is(x, values[i]))).toBe(true);
  });

  it("stores each job once, ignores duplicates and temporary files, and reads results back", () => {
    const p = plan();
    const out = join(dir, "a");
    const store = SweepStore.open(out, p);
    const result = runJob(JSON.parse(JSON.stringify(jobPayload(p, p.jobs[0]))));
    expect(store.put(result)).toBe(true);
    expect(store.put({ ...result })).toBe(false);
    expect(store.duplicates).toBe(1);
    // A coordinator killed while writing leaves a temporary file: never taken for a result.
    writeFileSync(join(out, "jobs", "p1-1_paths0-5.json.123.1.tmp"), "{");
    writeFileSync(join(out, "jobs", "p1-1_paths0-5.json"), '{"torn":');
    const again = SweepStore.open(out, p);
    expect([...again.results.keys()]).toEqual([p.jobs[0].id]);
    expect(again.results.get(p.jobs[0].id)).toEqual(result);
    expect(readdirSync(join(out, "jobs"))).toEqual(["p0-0_paths0-5.json"]);
  });

  it("refuses a result of another job or shape, and a directory of another sweep", () => {
    const p = plan();
    const store = SweepStore.open(join(dir, "b"), p);
    const result = runJob(JSON.parse(JSON.stringify(jobPayload(p, p.jobs[0]))));
    expect(() => store.put({ ...result, sweep: "0".repeat(64) })).toThrow(RangeError);
    expect(() => store.put({ ...result, data: encodeDoubles(new Float64Array(3)) } as JobResult)).toThrow(
      /wrong length/,
    );
    const other = planSweep(scenario, { design: "lhs", samples: 3, paths: 5, seed: 1 });
    expect(() => SweepStore.open(join(dir, "b"), other)).toThrow(InputError);
    writeFileSync(join(dir, "stranger.txt"), "");
    expect(() => SweepStore.open(dir, p)).toThrow(/not empty and not a sweep directory/);
    expect(existsSync(join(dir, "sweep.json"))).toBe(false);
  });
});
