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

/**
 * Resolves command-line scenario arguments: a library name (`ceiling`) or a path to a YAML file. No
 * arguments means the whole library. Duplicate ids are an InputError (the run stores results by id).
 */
export function resolveScenarios(args: readonly string[], dir: string = libraryDir()): ScenarioFile[] {
  if (args.length === 0) return libraryScenarios(dir);
  const library = new Map(existsSync(dir) ? libraryScenarios(dir).map((s) => [s.id, s] as const) : []);
  const out: ScenarioFile[] = [];
  for (const arg of args) {
    const known = library.get(arg);
    if (known) out.push(known);
    else if (existsSync(arg)) out.push({ id: basename(arg, extname(arg)), file: resolve(arg) });
    else
      throw new InputError({
        field: "scenario",
        value: arg,
        message: `neither a library scenario (${[...library.keys()].join(", ")}) nor a file`,
      });
  }
  const seen = new Set<string>();
  for (const s of out) {
    if (seen.has(s.id))
      throw new InputError({ field: "scenario", value: s.file, message: `scenario id ${s.id} given twice` });
    seen.add(s.id);
  }
  return out;
}
