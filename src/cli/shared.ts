import { type Command, InvalidArgumentError } from "commander";
import { InputError } from "../util/errors.js";

/** Global options every command can read through `globalOptions(command)`. */
export interface GlobalOptions {
  /** Data directory (overrides WALLCAST_DATA). */
  data?: string;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/** Writes one JSON object to stdout (the only thing a `--json` command prints there). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, jsonReplacer, 2)}\n`);
}

// Non-finite numbers are not JSON: say what they are instead of silently printing null.
function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (value instanceof Float64Array) return Array.from(value);
  return value;
}

/** Commander parser for a finite number flag. */
export function numberArg(name: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === "" || !Number.isFinite(value))
      throw new InvalidArgumentError(`invalid ${name}: ${text}`);
    return value;
  };
}

/** Commander parser for an integer flag ≥ `min`. */
export function intArg(name: string, min = 0): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < min)
      throw new InvalidArgumentError(`invalid ${name}: ${text}`);
    return value;
  };
}

/** Commander collector for repeatable flags (`--where A=1 --where B=2`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Parses a JSON flag value that must be an object of finite numbers, e.g. `--fix '{"E":0}'`. */
export function parseNumberRecord(text: string, flag: string): Record<string, number> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError({ field: flag, value: text, message: "not valid JSON" });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InputError({ field: flag, value: text, message: "expected a JSON object of numbers" });
  }
  const out: Record<string, number> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new InputError({ field: `${flag} ${key}`, value: v, message: "expected a finite number" });
    }
    out[key] = v;
  }
  return out;
}
