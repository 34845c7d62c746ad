/** The CLI's human-readable tables in Japanese: `--lang ja` or WALLCAST_LANG, the same numbers, JSON untouched. */
import { describe, expect, it } from "vitest";
import { fixtureRuns } from "../serve/fixture.js";
import { runMain } from "../support/inProcess.js";

const simulate = ["simulate", "default", "--paths", "12", "--seed", "2", "--threads", "1"];

/** The table's figures (its decimals; labels hold only whole numbers) in order, without the run time of its
 * first line. */
const numbers = (table: string) =>
  table
    .split("\n")
    .slice(1)
    .join("\n")
    .match(/-?\d+\.\d+%?/g);

describe("--lang ja", () => {
  it("prints simulate's tables in Japanese with the English tables' numbers", async () => {
    const en = await runMain(simulate);
    const ja = await runMain([...simulate, "--lang", "ja"]);
    expect(ja.code).toBe(0);
    expect(ja.stderr).toBe("");
    const lines = ja.stdout.split("\n");
    expect(lines[0]).toMatch(
      /^シナリオ default：12パス、乱数シード 2、2026年第1四半期～2035年第4四半期（[\d.]+秒）$/,
    );
    expect(ja.stdout).toContain("年末までのデフォルト確率");
    expect(ja.stdout).toMatch(/\nopenai {18}AIラボ/);
    expect(ja.stdout).toContain("最終四半期（2035年第4四半期）、中央値 [5%, 95%]");
    expect(ja.stdout).not.toMatch(/holder kind|last quarter|usdB/);
    expect(numbers(ja.stdout)?.length).toBeGreaterThan(100);
    expect(numbers(ja.stdout)).toEqual(numbers(en.stdout));
  });

  it("lines up Japanese labels by terminal columns (a full-width character is two)", async () => {
    const ja = await runMain([...simulate, "--lang", "ja"]);
    const rows = ja.stdout.split("\n").filter((l) => /^(openai|coreweave|us-banks) /.test(l));
    // The year columns start in the same terminal column on every row, whatever the width of the kind's name.
    const width = (s: string) =>
      [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
    const starts = rows.map((row) => width(row.slice(0, row.search(/\d+\.\d%/))));
    expect(new Set(starts).size).toBe(1);
  });

  it("takes the language from WALLCAST_LANG, and --lang over it", async () => {
    const fromEnv = await runMain(simulate, { env: { WALLCAST_LANG: "ja" } });
    expect(fromEnv.stdout).toMatch(/^シナリオ default/);
    const flag = await runMain([...simulate, "--lang", "en"], { env: { WALLCAST_LANG: "ja" } });
    expect(flag.stdout).toMatch(/^scenario default: 12 paths/);
  });

  it("leaves --json as it is: machine output keeps its English keys", async () => {
    const en = await runMain([...simulate, "--json"]);
    const ja = await runMain([...simulate, "--json", "--lang", "ja"]);
    expect(ja.code).toBe(0);
    expect(ja.stdout).toBe(en.stdout);
  });

  it("refuses another language in one line naming the flag or variable and the value, exit 2", async () => {
    for (const argv of [
      [...simulate, "--lang", "fr"],
      ["run", "default", "--lang", "japanese"],
    ]) {
      const bad = await runMain(argv);
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe("");
      expect(bad.stderr).toBe(`wallcast: --lang: must be en or ja (got "${argv.at(-1)}")\n`);
    }
    const env = await runMain(simulate, { env: { WALLCAST_LANG: "de" } });
    expect(env.code).toBe(2);
    expect(env.stderr).toBe('wallcast: WALLCAST_LANG: must be en or ja (got "de")\n');
  });
});

describe("runs --lang ja", () => {
  it("lists, shows and compares stored runs in Japanese, dates as 年月日", async () => {
    const { out, cleanup } = await fixtureRuns();
    try {
      const list = await runMain(["runs", "list", "--out", out, "--lang", "ja"]);
      expect(list.stdout.split("\n")[0]).toMatch(
        /^a +2026年12月1日 00:00 UTC {2}シード 3 +パス 20 +default$/,
      );
      const show = await runMain(["runs", "show", "a", "--out", out, "--lang", "ja"]);
      expect(show.stdout).toMatch(
        /^実行 a（2026年12月1日 00:00 UTC）、wallcast 0\.1\.0、乱数シード 3、20パス\n/,
      );
      expect(show.stdout).toContain("報告書：");
      const diff = await runMain(["runs", "diff", "a", "b", "--out", out, "--lang", "ja"]);
      expect(diff.stdout).toMatch(
        /^b − a：共通するP\(default\)のセル2個のうち2個と、損失のセル1個が異なります。/,
      );
      const english = await runMain(["runs", "diff", "a", "b", "--out", out]);
      expect(diff.stdout.split("\n").slice(2)).toEqual(
        english.stdout
          .split("\n")
          .slice(2)
          .map((line) =>
            line.replace("losses (usdB), largest changes:", "損失（10億米ドル）の変化（大きい順）："),
          ),
      );
    } finally {
      cleanup();
    }
  });
});

describe("gap --lang ja", () => {
  it("prints the US–China gap with Japanese dates and the English table's months", async () => {
    const gap = ["gap", "--bootstrap", "2", "--seed", "1"];
    const en = await runMain(gap);
    const ja = await runMain([...gap, "--lang", "ja"]);
    expect(ja.code).toBe(0);
    expect(ja.stdout.split("\n")[1]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 +先行 (米国|中国) +[\d.]+か月/);
    const months = (text: string) => text.match(/-?\d+\.\d(?= ?(months|か月))/g);
    expect(months(ja.stdout)?.length).toBeGreaterThan(10);
    expect(months(ja.stdout)).toEqual(months(en.stdout));
  });
});

describe("calibrate --lang ja", () => {
  it("prints the scorecard in Japanese with the English scorecard's figures and sources", async () => {
    const calibrate = ["calibrate", "--paths", "12", "--seed", "2", "--threads", "1"];
    const en = await runMain(calibrate);
    const ja = await runMain([...calibrate, "--lang", "ja"]);
    expect(ja.code).toBe(0);
    expect(ja.stdout).toMatch(/^defaultの較正：12パス、乱数シード 2。/);
    expect(ja.stdout).toMatch(/個の公表値のうち\d+個が、モデルの90%区間に入っています/);
    // The table's rows: after the header line, up to the blank line before the counts.
    const cells = (text: string) => {
      const lines = text.split("\n");
      return lines.slice(3, lines.indexOf("", 3)).map((line) => line.match(/-?\d+(\.\d+)?|\S+$/g));
    };
    expect(cells(ja.stdout).length).toBeGreaterThan(5);
    expect(cells(ja.stdout)).toEqual(cells(en.stdout));
  });
});
