import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

const execFileAsync = promisify(execFile);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const BUFFER = 64 * 1024 * 1024;

/** Runs a command; a failure throws with what the command printed. */
async function run(command: string, args: string[], cwd: string): Promise<string> {
  try {
    return (await execFileAsync(command, args, { cwd, maxBuffer: BUFFER })).stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}

/** Build, pack, install and two runs: 25–75 s as measured, by load. Runs in CI or when asked. */
const ENABLED = Boolean(process.env.CI || process.env.WALLCAST_PACK_TEST);

/** What a user of the package writes: the API by name, 50 paths of the default scenario, seed 1. */
const SCRIPT = `
import { loadScenario, simulate } from "wallcast";
const result = await simulate(await loadScenario("default"), { paths: 50, seed: 1 });
process.stdout.write(JSON.stringify(result));
`;

/** The same through the package's declarations, type-checked as a strict NodeNext project would. */
const TYPED = `
import { loadScenario, type SimulationResult, simulate } from "wallcast";
const scenario = await loadScenario("default");
const result: SimulationResult = await simulate(scenario, { paths: 50, seed: 1, threads: 1 });
export const paths: number = result.paths;
`;

describe.skipIf(!ENABLED)("the packed package (CI or WALLCAST_PACK_TEST=1)", () => {
  let work = "";
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it("installs from its tarball and imports by name, simulating as its CLI prints", async () => {
    work = mkdtempSync(join(tmpdir(), "wallcast-pack-"));
    await run(NPM, ["run", "build"], ROOT);
    const packed = await run(NPM, ["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT);
    const tarball = join(work, (JSON.parse(packed) as Array<{ filename: string }>)[0].filename);
    const project = join(work, "project");
    mkdirSync(project);
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "uses-wallcast", private: true, type: "module" }),
    );
    await run(NPM, ["install", tarball, "--prefer-offline", "--no-audit", "--no-fund"], project);

    writeFileSync(join(project, "typed.ts"), TYPED);
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const strict = ["--noEmit", "--strict", "--skipLibCheck", "--module", "nodenext", "--target", "es2022"];
    const types = ["--typeRoots", join(ROOT, "node_modules", "@types"), "--types", "node"];
    await run(process.execPath, [tsc, ...strict, ...types, "typed.ts"], project);

    const api = JSON.parse(await run(process.execPath, ["--input-type=module", "-e", SCRIPT], project));
    const bin = join(project, "node_modules", ".bin", "wallcast");
    const cli = await run(bin, ["simulate", "default", "--paths", "50", "--seed", "1", "--json"], project);
    expect(api.scenario).toBe("default");
    expect(api.paths).toBe(50);
    expect(api).toEqual(JSON.parse(cli));
  }, 600_000);
});
