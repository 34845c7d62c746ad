import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { errorReport } from "../../src/cli/main.js";
import { InputError } from "../../src/util/errors.js";
import { VERSION } from "../../src/version.js";
import { runMain } from "../support/inProcess.js";

const OPTIMAL = [
  "optimal",
  "--form",
  "chinchilla",
  "--params",
  '{"E":1.8169,"A":482.01,"B":2085.43,"alpha":0.34781,"beta":0.36585}',
  "--compute",
  "5.76e23",
  "--json",
];

describe("main", () => {
  it("gives the same answer when called twice in one process", async () => {
    const first = await runMain(OPTIMAL);
    const second = await runMain(OPTIMAL);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe("");
    expect(JSON.parse(first.stdout).tokensPerParam).toBeCloseTo(18.34, 2);
    expect(second).toEqual(first);
  });

  it("--help prints the commands on stdout and exits 0", async () => {
    const { code, stdout, stderr } = await runMain(["--help"]);
    expect([code, stderr]).toEqual([0, ""]);
    expect(stdout).toMatch(/Usage: wallcast/);
    expect(stdout).toMatch(/simulate/);
  });

  it("a command's --help exits 0", async () => {
    const { code, stdout } = await runMain(["simulate", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--paths <n>/);
  });

  it("--version prints the version and exits 0", async () => {
    expect(await runMain(["--version"])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });

  it("a usage error names the command whose --help to read", async () => {
    const { code, stderr } = await runMain(["simulate", "x.yaml", "--pths", "3"]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "wallcast: unknown option '--pths' (Did you mean --paths?); see 'wallcast simulate --help'\n",
    );
  });

  it("an out-of-range count gives its bounds and the value typed", async () => {
    const { code, stderr } = await runMain(["simulate", "x.yaml", "--paths", "1e12"]);
    expect([code, stderr]).toEqual([
      2,
      'wallcast: --paths: must be an integer from 1 to 1000000 (got "1e12")\n',
    ]);
  });
});

describe("errorReport", () => {
  it("a RangeError is a bug: exit 1, one line, no stack", () => {
    const { code, text } = errorReport(new RangeError("invalid paths: 0"));
    expect(code).toBe(1);
    expect(text).toBe(
      "wallcast: internal error: invalid paths: 0 (please report it with the command you ran)\n",
    );
  });

  it("WALLCAST_DEBUG=1 adds the stack", () => {
    const saved = process.env.WALLCAST_DEBUG;
    process.env.WALLCAST_DEBUG = "1";
    try {
      const { text } = errorReport(new TypeError("x is undefined"));
      expect(text.split("\n")[0]).toBe(
        "wallcast: internal error: x is undefined (please report it with the command you ran)",
      );
      expect(text).toMatch(/\n\s+at /);
    } finally {
      if (saved === undefined) delete process.env.WALLCAST_DEBUG;
      else process.env.WALLCAST_DEBUG = saved;
    }
  });

  it("a multi-line message of something thrown that is not an Error stays on one line", () => {
    expect(errorReport("first\nsecond").text).toBe(
      "wallcast: internal error: first second (please report it with the command you ran)\n",
    );
  });

  it("an InputError with three issues prints the first and counts the others", () => {
    const error = new InputError([
      { file: "s.yaml", line: 3, field: "start", value: "2026Q5", message: "not a quarter" },
      { file: "s.yaml", line: 4, message: "b" },
      { file: "s.yaml", line: 5, message: "c" },
    ]);
    expect(errorReport(error)).toEqual({
      code: 2,
      text: 'wallcast: s.yaml:3: start: not a quarter (got "2026Q5") (and 2 more)\n',
    });
  });

  it("an InputError quotes at most 80 characters of the value", () => {
    const { text } = errorReport(
      new InputError({ field: "--x", value: "y".repeat(1_000_000), message: "bad" }),
    );
    expect(text).toBe(`wallcast: --x: bad (got "${"y".repeat(76)}...)\n`);
  });

  it("the exit code of a CommanderError is decided by its exit code, not its text", () => {
    expect(errorReport(new CommanderError(0, "commander.helpDisplayed", "(outputHelp)")).code).toBe(0);
    expect(
      errorReport(new CommanderError(1, "commander.unknownCommand", "error: internal error"), "wallcast"),
    ).toEqual({
      code: 2,
      text: "wallcast: internal error; see 'wallcast --help'\n",
    });
  });
});
