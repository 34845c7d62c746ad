import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  arenaBloc,
  capabilityCostTrend,
  cheapestToReach,
  dateGrid,
  frontierByGroup,
  frontierGap,
  readArenaHistory,
  runningBest,
} from "../../src/forecast/gap/index.js";
import { countryBloc } from "../../src/forecast/index/index.js";
import { DATA } from "../support/cli.js";
import { runMain } from "../support/inProcess.js";

describe("runningBest() and frontierGap()", () => {
  const points = [
    { name: "us1", group: "US", year: 2020, value: 10 },
    { name: "us0", group: "US", year: 2020.2, value: 8 },
    { name: "us2", group: "US", year: 2021, value: 20 },
    { name: "cn1", group: "China", year: 2020.5, value: 10 },
    { name: "cn2", group: "China", year: 2021.5, value: 15 },
    { name: "bad", group: "China", year: Number.NaN, value: 99 },
  ];
  const blocs = frontierByGroup(points);

  it("keeps only the records that raise a group's best", () => {
    expect(blocs.get("US")!.map((r) => r.name)).toEqual(["us1", "us2"]);
    expect(blocs.get("China")!.map((r) => r.name)).toEqual(["cn1", "cn2"]);
    expect(runningBest([])).toEqual([]);
  });

  it("measures how long ago the leader reached the follower's level, exactly", () => {
    const gap = frontierGap(blocs.get("US")!, blocs.get("China")!, [2020.25, 2020.75, 2021.5, 2022]);
    expect(gap[0].leader).toBe("");
    expect(gap[0].months).toBeNaN();
    expect(gap[1]).toMatchObject({ leader: "tie", months: 0 });
    expect(gap[2].leader).toBe("a");
    expect(gap[2].months).toBeCloseTo(6, 12);
    expect(gap[3].months).toBeCloseTo(12, 12);
    const reversed = frontierGap(blocs.get("China")!, blocs.get("US")!, [2021.5]);
    expect(reversed[0].leader).toBe("b");
    expect(reversed[0].months).toBeCloseTo(6, 12);
  });

  it("builds date grids and rejects bad ones", () => {
    expect(dateGrid(2020, 2021, 0.25)).toEqual([2020, 2020.25, 2020.5, 2020.75, 2021]);
    expect(() => dateGrid(2021, 2020, 1)).toThrow(RangeError);
    expect(() => dateGrid(2020, 2021, 0)).toThrow(RangeError);
  });
});

describe("capabilityCostTrend()", () => {
  const exact = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => {
    const index = 120 + 3 * (k % 4);
    const year = 2023 + 0.3 * k;
    return { name: `m${k}`, year, index, amount: 10 ** (20 + 0.2 * index - 0.5 * (year - 2023)) };
  });
  it("recovers the yearly fall at fixed capability from exact points", () => {
    const r = capabilityCostTrend(exact);
    expect(r.oomPerYear).toBeCloseTo(-0.5, 9);
    expect(r.perIndexPoint).toBeCloseTo(0.2, 9);
    expect(r.fallPerYear).toBeCloseTo(10 ** 0.5, 8);
  });
  it("flags an efficiency outlier first", () => {
    const shocked = [
      ...exact,
      { name: "shock", year: 2024.1, index: 126, amount: 10 ** (20 + 0.2 * 126 - 0.55 - 1.5) },
    ];
    expect(capabilityCostTrend(shocked).residuals[0].name).toBe("shock");
    expect(() => capabilityCostTrend(exact.slice(0, 3))).toThrow(RangeError);
  });
  it("lists the cheapest-so-far models reaching a level", () => {
    const records = cheapestToReach(exact, 126);
    expect(records.map((r) => r.name)).toEqual(["m2", "m6"]);
    for (let i = 1; i < records.length; i++) expect(records[i].amount).toBeLessThan(records[i - 1].amount);
  });
});

describe("country blocs", () => {
  it("takes whichever of the US and China is named first", () => {
    expect(countryBloc("United States of America")).toBe("US");
    expect(countryBloc("United Kingdom of Great Britain and Northern Ireland,United States of America")).toBe(
      "US",
    );
    expect(countryBloc("China,United States of America,China")).toBe("China");
    expect(countryBloc("France")).toBe("other");
    expect(countryBloc("")).toBe("");
    expect(arenaBloc("DeepSeek")).toBe("China");
    expect(arenaBloc("OpenAI")).toBe("US");
    expect(arenaBloc("Mistral")).toBe("other");
  });
});

describe("readArenaHistory()", () => {
  it("reads every snapshot with a US and a China best in the later ones", () => {
    const history = readArenaHistory(join(DATA, "lmarena_history", "alltime.csv"));
    expect(history.snapshots.length).toBe(105);
    expect(history.models.length).toBe(238);
    const last = history.snapshots[history.snapshots.length - 1];
    expect(last.date).toBe("2025-03-26");
    expect(Number.isFinite(last.usMinusChina)).toBe(true);
  });
});

describe("wallcast gap", () => {
  it("prints the US–China gap on the index with bootstrap intervals", async () => {
    const run = await runMain(["gap", "--bootstrap", "2", "--step-months", "6", "--json"]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.gap.length).toBeGreaterThan(3);
    expect(out.frontierByBloc.US.length).toBeGreaterThan(3);
    expect(out.computeAtFixedCapability.fallPerYear).toBeGreaterThan(1);
  });
  it("runs on the Arena history and exits 2 on an unknown measure", async () => {
    const arena = await runMain(["gap", "--measure", "arena", "--json"]);
    expect(arena.code).toBe(0);
    expect(JSON.parse(arena.stdout).snapshots.length).toBe(105);
    const bad = await runMain(["gap", "--measure", "elo"]);
    expect(bad.code).toBe(2);
  });
});
