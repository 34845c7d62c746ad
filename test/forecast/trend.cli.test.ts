import { describe, expect, it } from "vitest";
import { runMain } from "../support/inProcess.js";
import { S6_SELECTION } from "./fixtures.js";

describe("wallcast trend", () => {
  it("reproduces case S6: notable models since 2010, n 428, 4.68×/yr (4.23–5.17), R² 0.604", async () => {
    const { code, stdout, stderr } = await runMain(["trend", ...S6_SELECTION, "--json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.n).toBe(428);
    // Published (rounded) figures of S6 …
    expect(Math.abs(out.slopeOomPerYear - 0.6701)).toBeLessThan(1e-4);
    expect(out.growthPerYear.toFixed(2)).toBe("4.68");
    expect(out.ci90.map((v: number) => v.toFixed(2))).toEqual(["4.23", "5.17"]);
    expect(out.r2.toFixed(3)).toBe("0.604");
    // … and SciPy's linregress + t.ppf(0.95, 426) on the same 428 rows, to 1e-9.
    expect(out.slopeOomPerYear).toBeCloseTo(0.6701508547318754, 9);
    expect(out.ci90[0]).toBeCloseTo(4.234618189199583, 9);
    expect(out.ci90[1]).toBeCloseTo(5.16996318869069, 9);
    expect(out.r2).toBeCloseTo(0.6040163274716857, 9);
    expect(out.doublingMonths).toBeCloseTo(5.39, 2);
    expect(out.points).toHaveLength(428);
    expect(out.line[0]).toHaveProperty("predHi");
    expect(out.query.counts.dates).toBe(428);
  });

  it("fits a one-break piecewise trend and reports both segments", async () => {
    const { code, stdout } = await runMain([
      "trend",
      "epoch-training-cost",
      "--metric",
      "compute",
      "--notable",
      "--breaks",
      "1",
      "--break-style",
      "continuous",
      "--json",
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.breaks).toHaveLength(1);
    expect(out.piecewise.continuous).toBe(true);
    expect(out.piecewise.segments).toHaveLength(2);
    // Deep-learning-era compute grows faster than the earlier era.
    expect(out.piecewise.segments[1].growthPerYear).toBeGreaterThan(out.piecewise.segments[0].growthPerYear);
    expect(out.piecewise.bic).toBeLessThan(out.piecewise.bicNoBreak);
  });

  it.each([
    [["--metric", "flops"], /unknown metric/],
    [["--metric", "compute", "--where", "Nope=1"], /--where: unknown column/],
    [["--metric", "compute", "--since", "2010-13-01"], /--since: not a date/],
    [["--metric", "compute", "--where", "Organization=Nobody"], /selection leaves 0 rows/],
  ])("exits 2 with one message on bad input %j", async (flags, message) => {
    const { code, stdout, stderr } = await runMain(["trend", "epoch-training-cost", ...flags]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
  });
});
