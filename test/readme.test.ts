/** Figures the README quotes in prose are the ones the commands beside them print. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runMain } from "./support/inProcess.js";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8").replace(/\s+/g, " ");

interface GapJson {
  gap: { date: string; leader: string; months: number }[];
  computeAtFixedCapability: { fallPerYear: number; mostEfficient: { name: string; residual: number }[] };
}

describe("the README's frontier-gap sentence", () => {
  it("quotes the range, the June 2025 lead, the fall per year and DeepSeek-R1's residual that `wallcast gap` prints", async () => {
    const { code, stdout } = await runMain(["gap", "--bootstrap", "0", "--json"]);
    expect(code).toBe(0);
    const gap = JSON.parse(stdout) as GapJson;
    const rows = gap.gap.filter((row) => row.date >= "2023-06");
    expect(rows.every((row) => row.leader === "US")).toBe(true);
    const months = rows.map((row) => row.months);
    const june2025 = rows.find((row) => row.date.startsWith("2025-06"));
    const r1 = gap.computeAtFixedCapability.mostEfficient.find((m) => m.name === "DeepSeek-R1");
    const sentence =
      `by ${Math.min(...months).toFixed(1)} to ${Math.max(...months).toFixed(1)} months ` +
      `(${june2025?.months.toFixed(1)} months in June 2025); compute needed for a fixed index level falls ` +
      `${gap.computeAtFixedCapability.fallPerYear.toFixed(2)}×/yr, DeepSeek-R1 ${Math.abs(r1?.residual ?? 0).toFixed(2)} ` +
      "orders of magnitude below the trend";
    expect(README).toContain(sentence);
  }, 60_000);
});

interface BackcastJson {
  scorecard: {
    entity: string;
    metric: string;
    year: number;
    value: number;
    p05: number;
    p50: number;
    p95: number;
    inside: boolean;
    undecided: boolean;
    covered: boolean;
  }[];
}

/** The README's rendering of a median: 3 significant digits below 100, whole numbers with commas above. */
function readmeNumber(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString("en-US");
  return String(Number(value.toPrecision(3)));
}

describe("the README's back-cast table", () => {
  it("quotes the counts and every median that `wallcast backcast --paths 1000` prints", async () => {
    const { code, stdout } = await runMain(["backcast", "--paths", "1000", "--json"]);
    expect(code).toBe(0);
    const rows = (JSON.parse(stdout) as BackcastJson).scorecard;
    const inside = rows.filter((r) => r.inside).length;
    const covered = rows.filter((r) => r.covered).length;
    expect(README).toContain(`**${inside} of ${rows.length} targets are inside their bands**`);
    expect(README).toContain(
      `**${covered} of ${rows.length} published figures lie inside the model's 90% interval**`,
    );
    const undecided = rows.filter((r) => r.undecided).length;
    expect(README.replace(/\n/g, " ")).toContain(
      `**${undecided} of the ${rows.length} verdicts are within the Monte Carlo error**`,
    );
    const above = rows.filter((r) => r.value > r.p50).length;
    const high = rows.filter((r) => r.value > r.p95).length;
    const low = rows.filter((r) => r.value < r.p05).length;
    expect(README.replace(/\n/g, " ")).toContain(
      `**${above} of ${rows.length} lie above the model's median** (${high} above its 95th percentile, ${low} below its 5th;`,
    );
    // Each median appears in its entity's row of the table (rows group an entity's years: "27.7 / 41.1 / 58.8").
    const table = readFileSync(new URL("../README.md", import.meta.url), "utf8")
      .split("\n")
      .filter((line) => line.startsWith("| "));
    for (const r of rows) {
      const line = table.find(
        (l) => l.startsWith(`| ${r.entity} | `) && l.includes(r.metric) && l.includes(String(r.year)),
      );
      const medians = line?.split(" | ")[4] ?? "";
      // Sub-1 values print with two decimals in the table (0.45), like the scorecard.
      const candidates = [readmeNumber(r.p50), r.p50.toFixed(2), r.p50.toFixed(1)];
      expect(
        candidates.some((c) => medians.split(" / ").includes(c)),
        `${r.entity} ${r.metric} ${r.year}: ${r.p50} not in "${medians}"`,
      ).toBe(true);
    }
  }, 120_000);

  it("quotes the counts and NVIDIA's revenue that `wallcast backcast --given-revenue openai --paths 1000` prints", async () => {
    const { code, stdout } = await runMain([
      "backcast",
      "--given-revenue",
      "openai",
      "--paths",
      "1000",
      "--json",
    ]);
    expect(code).toBe(0);
    const { scorecard, scoreSummary } = JSON.parse(stdout) as BackcastJson & {
      scoreSummary: { targets: number; inside: number; covered: number };
    };
    const flat = README.replace(/\n/g, " ");
    expect(flat).toContain(`**${scoreSummary.inside} of ${scoreSummary.targets}** medians are inside`);
    expect(flat).toContain(`${scoreSummary.covered} of ${scoreSummary.targets} figures in the 90% intervals`);
    const nvidia = scorecard
      .filter((r) => r.entity === "nvidia" && r.metric === "revenueUsdB" && r.year >= 2024)
      .map((r) => `$${Math.round(r.p50)}B`);
    expect(flat).toContain(`(${nvidia.join(" and ")} against $115B and $194B;`);
  }, 120_000);
});
