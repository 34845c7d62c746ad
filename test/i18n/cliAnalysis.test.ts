/**
 * The analysis commands (trend, bend, sensitivity, sweep, fit, debtrank) in Japanese: `--lang ja` or
 * WALLCAST_LANG, the English tables' figures, terminal columns lined up, `--json` untouched.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayWidth } from "../../src/i18n/index.js";
import { NRM } from "../finance/fixtures.js";
import { figures } from "../support/figures.js";
import { runMain } from "../support/inProcess.js";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "wallcast-cli-analysis-"));
  writeFileSync(join(dir, "nrm.json"), JSON.stringify(NRM));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOFFMANN = '{"E":1.69337,"A":406.401,"B":410.723,"alpha":0.33917084,"beta":0.2849083}';

/** Each command with small settings; `timed` when its first line holds the run time (left out of the figures). */
const COMMANDS: Record<string, { argv: () => string[]; timed?: boolean }> = {
  trend: {
    argv: () => [
      "trend",
      "epoch-models",
      "--metric",
      "compute",
      "--notable",
      "--since",
      "2010-01-01",
      "--breaks",
      "1",
    ],
  },
  bend: {
    argv: () => [
      "bend",
      "chinchilla",
      "--x",
      "Training FLOP",
      "--y",
      "loss",
      "--bootstrap",
      "4",
      "--shapes",
      "straight,saturating",
    ],
  },
  sensitivity: {
    argv: () => [
      "sensitivity",
      "default",
      "--output",
      "pDefault:openai:2030",
      "--factor",
      "world.revenue.efficiencyPassThrough",
      "--factor",
      "world.revenue.capabilityElasticity",
      "--paths",
      "10",
      "--threads",
      "1",
      "--top",
      "4",
    ],
    timed: true,
  },
  sweep: {
    // The same --out for every run: the later runs resume the first one's results.
    argv: () => [
      "sweep",
      "default",
      "--design",
      "sobol",
      "--over",
      "capability",
      "revenue",
      "--samples",
      "2",
      "--paths",
      "10",
      "--seed",
      "2",
      "--threads",
      "1",
      "--out",
      join(dir, "sweep"),
    ],
    timed: true,
  },
  fit: {
    argv: () => [
      "fit",
      "chinchilla",
      "--form",
      "chinchilla",
      "--drop-worst",
      "5",
      "--init",
      HOFFMANN,
      "--bootstrap",
      "4",
      "--threads",
      "1",
    ],
  },
  debtrank: { argv: () => ["debtrank", join(dir, "nrm.json"), "--shock", '{"a":0.1,"b":0.1,"c":0.1}'] },
};

describe.each(Object.entries(COMMANDS))("%s --lang ja", (name, { argv, timed }) => {
  it("prints the English table's figures in Japanese, and the same --json", {
    timeout: 120_000,
  }, async () => {
    const en = await runMain(argv());
    const ja = await runMain([...argv(), "--lang", "ja"]);
    expect(en.code, en.stderr).toBe(0);
    expect(ja.code, ja.stderr).toBe(0);
    expect(ja.stderr).toBe("");
    expect(ja.stdout).not.toBe(en.stdout);
    expect(ja.stdout).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(figures(ja.stdout, timed).length).toBeGreaterThan(3);
    expect(figures(ja.stdout, timed)).toEqual(figures(en.stdout, timed));
    const json = await runMain([...argv(), "--json"]);
    const jsonJa = await runMain([...argv(), "--json"], { env: { WALLCAST_LANG: "ja" } });
    expect(jsonJa.code).toBe(0);
    if (name === "sweep" || name === "sensitivity") {
      // Their JSON carries the run's timing; everything else is the same.
      const untimed = (text: string) => ({ ...JSON.parse(text), timing: undefined, seconds: undefined });
      expect(untimed(jsonJa.stdout)).toEqual(untimed(json.stdout));
    } else expect(jsonJa.stdout).toBe(json.stdout);
  });

  it("refuses another language in one line, exit 2, nothing on stdout", async () => {
    const bad = await runMain([...argv(), "--lang", "fr"]);
    expect(bad).toEqual({ code: 2, stdout: "", stderr: 'wallcast: --lang: must be en or ja (got "fr")\n' });
    const env = await runMain(argv(), { env: { WALLCAST_LANG: "de" } });
    expect(env).toEqual({
      code: 2,
      stdout: "",
      stderr: 'wallcast: WALLCAST_LANG: must be en or ja (got "de")\n',
    });
  });
});

describe("the Japanese analysis tables", () => {
  it("word the trend in Japanese with dates as 年月日", async () => {
    const { stdout } = await runMain([...COMMANDS.trend.argv(), "--lang", "ja"]);
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(
      /^学習計算量（FLOP）：\d+モデル、\d{4}年\d{1,2}月\d{1,2}日～\d{4}年\d{1,2}月\d{1,2}日$/,
    );
    expect(lines[1]).toMatch(
      /^伸び率 年[\d.]+倍（90%信頼区間 [\d.]+～[\d.]+）、年[\d.]+桁（OOM）、倍増期間 [\d.]+か月$/,
    );
    expect(stdout).toMatch(/\n {2}屈曲点 \d{4}年/);
    expect(stdout).not.toMatch(/models|doubling|break at|piecewise/);
  });

  it("line up the fit's and DebtRank's columns by terminal columns (a full-width character is two)", async () => {
    for (const argv of [COMMANDS.fit.argv(), COMMANDS.debtrank.argv()]) {
      const { stdout } = await runMain([...argv, "--lang", "ja"]);
      const lines = stdout.split("\n");
      const header = lines.findIndex((l) => /^(パラメータ|ノード) /.test(l));
      const table = lines.slice(header, header + 4);
      // The second column starts in the same terminal column on the header and every row.
      const starts = table.map((line) => displayWidth(/^\S+ {2,}/.exec(line)?.[0] ?? ""));
      expect(new Set(starts).size, table.join("\n")).toBe(1);
    }
  });

  it("name the Sobol groups and the bend's shapes in Japanese", async () => {
    const sweep = await runMain([...COMMANDS.sweep.argv(), "--lang", "ja"]);
    expect(sweep.stdout).toMatch(/^スイープ [0-9a-f]{12}（default）：Sobol法、/);
    expect(sweep.stdout).toMatch(/\n {2}(能力|売上) +/);
    const bend = await runMain([...COMMANDS.bend.argv(), "--lang", "ja"]);
    expect(bend.stdout).toMatch(/\n飽和 +\d/);
    expect(bend.stdout).toContain("モデル平均：現在の伸び");
  });
});
