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
