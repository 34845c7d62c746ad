/** The CLI's human-readable tables in Japanese: `--lang ja` or WALLCAST_LANG, the same numbers, JSON untouched. */
import { describe, expect, it } from "vitest";
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
