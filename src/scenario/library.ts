/**
 * The scenario library: `scenarios/*.yaml` at the package root, found from this module's location so that it
 * works from source (src/run) and from the build (dist/run) alike.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../util/errors.js";

/** The package root: the nearest folder above this module whose package.json names wallcast. */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "wallcast") return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new RangeError(`invalid install: no wallcast package.json above ${from}`);
    dir = parent;
  }
}

/** The library folder, `<package root>/scenarios`. */
export function libraryDir(): string {
  return join(packageRoot(), "scenarios");
}

/** A scenario file to run and the id it is stored under (its file name without `.yaml`). */
export interface ScenarioFile {
  id: string;
  file: string;
}

/** The library's scenarios, `default` first, then the rest by name. */
export function libraryScenarios(dir: string = libraryDir()): ScenarioFile[] {
  if (!existsSync(dir)) throw new InputError({ file: dir, message: "scenario library folder missing" });
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => ({ id: basename(name, extname(name)), file: join(dir, name) }))
    .sort((a, b) => (a.id === "default" ? -1 : b.id === "default" ? 1 : a.id < b.id ? -1 : 1));
}

/** Whether `name` has the form of a library scenario's name (letters, digits, `-`, `_`): not a path. */
export function isLibraryName(name: string): boolean {
  return /^[\w-]+$/.test(name);
}

/** The file of the library scenario `name` (`ceiling` → `<root>/scenarios/ceiling.yaml`), or undefined. */
export function libraryFile(name: string, dir: string = libraryDir()): string | undefined {
  if (!isLibraryName(name) || !existsSync(dir)) return undefined;
  return libraryScenarios(dir).find((s) => s.id === name)?.file;
}

/**
 * The file a scenario argument names: a library scenario's (`ceiling`) or the path as given. A library-style
 * name that is neither is an InputError listing the library.
 */
export function scenarioFile(nameOrPath: string, dir: string = libraryDir()): string {
  const file = libraryFile(nameOrPath, dir);
  if (file !== undefined) return file;
  if (isLibraryName(nameOrPath) && !existsSync(nameOrPath)) throw notAScenario(nameOrPath, dir);
  return nameOrPath;
}

function notAScenario(arg: string, dir: string): InputError {
  const names = existsSync(dir) ? libraryScenarios(dir).map((s) => s.id) : [];
  return new InputError({
    field: "scenario",
    value: arg,
    message: `neither a library scenario (${names.join(", ")}) nor a file`,
  });
}

/** Library scenarios that re-run the past to score the model against what happened (`wallcast backcast`): not
 * forecasts, so not part of a run of the library. */
export const BACKCAST_SCENARIOS: readonly string[] = ["backcast-2023"];

/**
 * Resolves command-line scenario arguments: a library name (`ceiling`) or a path to a YAML file. No
 * arguments means the library's forecasts (all but the back-casts). Duplicate ids are an InputError (the run
 * stores results by id).
 */
export function resolveScenarios(args: readonly string[], dir: string = libraryDir()): ScenarioFile[] {
  if (args.length === 0) return libraryScenarios(dir).filter((s) => !BACKCAST_SCENARIOS.includes(s.id));
  const out: ScenarioFile[] = [];
  for (const arg of args) {
    const known = libraryFile(arg, dir);
    if (known) out.push({ id: arg, file: known });
    else if (existsSync(arg)) out.push({ id: basename(arg, extname(arg)), file: resolve(arg) });
    else throw notAScenario(arg, dir);
  }
  const seen = new Set<string>();
  for (const s of out) {
    if (seen.has(s.id))
      throw new InputError({ field: "scenario", value: s.file, message: `scenario id ${s.id} given twice` });
    seen.add(s.id);
  }
  return out;
}
