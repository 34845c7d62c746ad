/**
 * The other commands (backtest, index, clear, firesale, importance, optimal, pca, scenario) in Japanese:
 * `--lang ja` or WALLCAST_LANG, the English tables' figures, terminal columns lined up, `--json` untouched.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayWidth } from "../../src/i18n/index.js";
import { denseSpec } from "../finance/clearingCases.js";
import { BSU, C2 } from "../finance/fixtures.js";
import { S6_SELECTION } from "../forecast/fixtures.js";
import { figures } from "../support/figures.js";
import { runMain } from "../support/inProcess.js";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "wallcast-cli-more-"));
  const dense = denseSpec(
    [1, 1, 1],
    [
      [
        [0, 0, 1],
        [0.4, 0, 2.1],
        [0.3, 2.7, 0],
      ],
    ],
    [1, 1, 1],
  );
  const cycle = {
    nodes: [{ id: "A" }, { id: "B" }],
    liabilities: [
      { from: "A", to: "B", amount: 100 },
      { from: "B", to: "A", amount: 100 },
    ],
  };
  for (const [name, spec] of Object.entries({ dense, cycle, bsu: BSU, c2: C2 }))
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(spec));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CHINCHILLA = '{"E":1.69,"A":406.4,"B":410.7,"alpha":0.34,"beta":0.28}';

/** Each command with small settings, and the fewest decimals its table shows. */
const COMMANDS: Record<string, { argv: () => string[]; min: number }> = {
  backtest: {
    argv: () => ["backtest", ...S6_SELECTION, "--cutoff", "2020-12-31", "--cutoff", "2022-06-30"],
    min: 10,
  },
  index: { argv: () => ["index", "--bootstrap", "2"], min: 40 },
  clear: { argv: () => ["clear", join(dir, "dense.json"), "--model", "rv", "--alpha", "0.5"], min: 3 },
  firesale: { argv: () => ["firesale", join(dir, "bsu.json")], min: 2 },
  importance: {
    argv: () => ["importance", join(dir, "c2.json"), "--shock-fraction", "0.37", "--threads", "1"],
    min: 6,
  },
  optimal: {
    argv: () => ["optimal", "--form", "chinchilla", "--params", CHINCHILLA, "--compute", "5.76e23"],
    min: 5,
  },
  pca: { argv: () => ["pca"], min: 20 },
  "scenario list": { argv: () => ["scenario", "list"], min: 0 },
  "scenario show": { argv: () => ["scenario", "show", "ceiling", "--resolved"], min: 0 },
};

describe.each(Object.entries(COMMANDS))("%s --lang ja", (_name, { argv, min }) => {
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
    expect(figures(ja.stdout).length).toBeGreaterThanOrEqual(min);
    expect(figures(ja.stdout)).toEqual(figures(en.stdout));
    const fromEnv = await runMain(argv(), { env: { WALLCAST_LANG: "ja" } });
    expect(fromEnv.stdout).toBe(ja.stdout);
    const json = await runMain([...argv(), "--json"]);
    const jsonJa = await runMain([...argv(), "--json", "--lang", "ja"]);
    expect(jsonJa.code).toBe(0);
    expect(jsonJa.stdout).toBe(json.stdout);
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

/** Terminal columns before the second column of each line, from a header line on (`rows` rows after it). */
function secondColumnStarts(lines: string[], header: number, rows: number): number[] {
  return lines
    .slice(header, header + rows + 1)
    .map((line) => displayWidth(/^\S+ {2,}/.exec(line)?.[0] ?? ""));
}

describe("the other Japanese tables", () => {
  it("line up the clearing, fire-sale and importance columns by terminal columns", async () => {
    for (const [argv, headerWord, rows] of [
      [COMMANDS.clear.argv(), "ID", 3],
      [COMMANDS.firesale.argv(), "保有者", 3],
      [COMMANDS.importance.argv(), "順位", 3],
    ] as const) {
      const { stdout } = await runMain([...argv, "--lang", "ja"]);
      const lines = stdout.split("\n");
      const header = lines.findIndex((l) => l.startsWith(`${headerWord} `));
      expect(header, stdout).toBeGreaterThanOrEqual(0);
      const starts = secondColumnStarts(lines, header, rows);
      expect(new Set(starts).size, stdout).toBe(1);
      // The last column ends (right-aligned) or starts (left-aligned) at the same column on every line.
      const widths = lines.slice(header, header + rows + 1).map(displayWidth);
      if (headerWord === "ID") expect(new Set(widths).size, stdout).toBe(1);
    }
  });

  it("word the clearing in Japanese: a cashless cycle is not unique, its nodes listed with 、", async () => {
    const { stdout } = await runMain(["clear", join(dir, "cycle.json"), "--lang", "ja"]);
    expect(stdout).toMatch(/^モデル en：2ノード中 0ノードが0ラウンドでデフォルト、反復 0回、収束\n/);
    expect(stdout).toContain("一意でない：最大解と最小解が2ノードで異なる（現金のない循環）：A、B\n");
    expect(stdout).not.toMatch(/unique|round|converged/);
  });

  it("date the back-test and the index in 年月日, and line the index's dates up", async () => {
    const backtest = await runMain([...COMMANDS.backtest.argv(), "--lang", "ja"]);
    expect(backtest.stdout).toMatch(/^カットオフ 2020年12月31日：\d+モデルで学習、年[\d.]+倍/);
    expect(backtest.stdout).not.toMatch(/cutoff|forecast|inside/);
    const index = await runMain([...COMMANDS.index.argv(), "--lang", "ja"]);
    const lines = index.stdout.split("\n");
    const header = lines.findIndex((l) => l.startsWith("モデル "));
    const dated = lines.slice(header + 1).filter((l) => /\d{4}年\d{1,2}月\d{1,2}日/.test(l));
    expect(dated.length).toBeGreaterThan(30);
    const dateColumn = (line: string, at: number) => displayWidth(line.slice(0, at));
    const starts = dated.map((l) => dateColumn(l, l.search(/\d{4}年/)));
    expect(new Set([dateColumn(lines[header], lines[header].indexOf("公開日")), ...starts]).size).toBe(1);
    expect(index.stdout).toMatch(/\n… ほか\d+モデル（--json で全件）\n/);
  });

  it("label the optimal allocation and the PCA in Japanese", async () => {
    const optimal = await runMain([...COMMANDS.optimal.argv(), "--inference-tokens", "2e12", "--lang", "ja"]);
    expect(optimal.stdout).toMatch(/^パラメータ数 N +[\d.e+]+\n/);
    expect(optimal.stdout).toMatch(/\n--compute での Chinchilla 計算最適配分：N [\d.e+]+、/);
    // The values start in one terminal column.
    const starts = optimal.stdout
      .trimEnd()
      .split("\n")
      .slice(0, -1)
      .map((l) => displayWidth(/^.*? {2,}/.exec(l)?.[0] ?? ""));
    expect(new Set(starts).size, optimal.stdout).toBe(1);
    const pca = await runMain([...COMMANDS.pca.argv(), "--lang", "ja"]);
    expect(pca.stdout).toMatch(/^主成分分析：欠損のない\d+行 × ベンチマーク \d+件/);
    expect(pca.stdout).toMatch(/\n寄与率：第1主成分 [\d.]+%、第2主成分/);
  });

  it("head the scenario list in Japanese and keep the library's names and descriptions as written", async () => {
    const en = await runMain(["scenario", "list"]);
    const ja = await runMain(["scenario", "list", "--lang", "ja"]);
    const [enHeader, ...enRows] = en.stdout.split("\n");
    const [jaHeader, ...jaRows] = ja.stdout.split("\n");
    expect(jaRows).toEqual(enRows);
    expect(jaHeader).toMatch(/^名前 +継承元 +説明$/);
    expect(displayWidth(jaHeader.slice(0, jaHeader.indexOf("説明")))).toBe(enHeader.indexOf("description"));
    const show = await runMain(["scenario", "show", "ceiling", "--resolved", "--lang", "ja"]);
    const showEn = await runMain(["scenario", "show", "ceiling", "--resolved"]);
    expect(show.stdout.split("\n")[0]).toMatch(/^# 解決済み：.*ceiling\.yaml → .*default\.yaml$/);
    expect(show.stdout.split("\n").slice(1)).toEqual(showEn.stdout.split("\n").slice(1));
  });
});
