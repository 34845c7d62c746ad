import { type Command, Option } from "commander";
import { isLang, LANGUAGES, type Lang } from "../i18n/lang.js";
import { InputError, type InputIssue } from "../util/errors.js";
import { formatJson, parseJsonInput } from "../util/json.js";

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
  process.stdout.write(formatJson(value));
}

/** `--name` whether the caller wrote `name` or `--name`. */
function flagName(name: string): string {
  return name.startsWith("-") ? name : `--${name}`;
}

/**
 * Commander parser for a finite number flag within [min, max] (default: any finite number); InputError
 * `--delta: must be a number from 0 to 1 (got "x")` otherwise.
 */
export function numberArg(name: string, min = -Infinity, max = Infinity): (text: string) => number {
  if (!(min <= max)) throw new RangeError(`invalid bounds: [${min}, ${max}]`);
  const flag = flagName(name);
  const range =
    min === -Infinity && max === Infinity
      ? "a finite number"
      : max === Infinity
        ? `a number ≥ ${min}`
        : min === -Infinity
          ? `a number ≤ ${max}`
          : `a number from ${min} to ${max}`;
  return (text) => {
    const value = Number(text);
    if (text.trim() === "" || !Number.isFinite(value) || value < min || value > max)
      throw new InputError({ field: flag, value: text, message: `must be ${range}` });
    return value;
  };
}

/**
 * Commander parser for an integer flag within [min, max] (default [0, 2^53 − 1]; callers pass their bound from
 * util/limits.ts); InputError `--paths: must be an integer from 1 to 1000000 (got "1e12")` otherwise.
 */
export function intArg(name: string, min = 0, max = Number.MAX_SAFE_INTEGER): (text: string) => number {
  if (!(Number.isSafeInteger(min) && Number.isSafeInteger(max) && min <= max))
    throw new RangeError(`invalid bounds: [${min}, ${max}]`);
  const flag = flagName(name);
  return (text) => {
    // Digits only: Number() would also take "0x10", "1e3" and " 7 ", which nobody means as a count.
    const value = /^[+-]?\d{1,16}$/.test(text.trim()) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max)
      throw new InputError({ field: flag, value: text, message: `must be an integer from ${min} to ${max}` });
    return value;
  };
}

/** The language a command prints its human-readable output in: `--lang`, else `$WALLCAST_LANG`, else English. */
export function resolveLang(flag: Lang | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag !== undefined) return flag;
  const fromEnv = env.WALLCAST_LANG;
  if (fromEnv === undefined || fromEnv === "") return "en";
  if (!isLang(fromEnv))
    throw new InputError({
      field: "WALLCAST_LANG",
      value: fromEnv,
      message: `must be ${LANGUAGES.join(" or ")}`,
    });
  return fromEnv;
}

/** Commander parser for `--lang`; InputError `--lang: must be en or ja (got "fr")` otherwise. */
export function langArg(text: string): Lang {
  if (!isLang(text))
    throw new InputError({ field: "--lang", value: text, message: `must be ${LANGUAGES.join(" or ")}` });
  return text;
}

/** Adds `--lang`: the language of the command's tables and report (its `--json` stays as it is). */
export function langOption(command: Command): Command {
  return command.addOption(langFlag());
}

/** The `--lang` option, for a command's chain of `.addOption`. */
export function langFlag(): Option {
  return new Option(
    "--lang <lang>",
    `language of the human-readable output: ${LANGUAGES.join(" or ")} (default: $WALLCAST_LANG, then en)`,
  ).argParser(langArg);
}

/** Commander collector for repeatable flags (`--where A=1 --where B=2`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * Parses a JSON flag value that must be an object of finite numbers, e.g. `--fix '{"E":0}'`. The result has no
 * prototype, so a key such as `__proto__` or `constructor` is an ordinary key the caller must recognise.
 */
export function parseNumberRecord(text: string, flag: string): Record<string, number> {
  const value = parseJsonObject(text, flag, "a JSON object of numbers");
  const out: Record<string, number> = Object.create(null);
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new InputError({ field: `${flag} ${key}`, value: v, message: "expected a finite number" });
    }
    out[key] = v;
  }
  return out;
}

/** Parses a JSON flag value that must be an object (`expected` says of what, for the message). */
export function parseJsonObject(text: string, flag: string, expected: string): Record<string, unknown> {
  const value = parseJsonInput(text, { field: flag });
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InputError({ field: flag, value: text, message: `expected ${expected}` });
  }
  return value as Record<string, unknown>;
}

/**
 * Runs a library call whose arguments come from the user, turning its RangeError (the library's "invalid
 * argument") into an InputError located at `where`. Only for calls whose every argument the user gave.
 */
export function userCall<T>(where: Omit<InputIssue, "message">, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof RangeError) throw new InputError({ ...where, message: error.message });
    throw error;
  }
}

/** `userCall` for an async library call. */
export async function userCallAsync<T>(
  where: Omit<InputIssue, "message">,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof RangeError) throw new InputError({ ...where, message: error.message });
    throw error;
  }
}

/** Adds Rogers–Veraart's --alpha and --beta (recoveries of a defaulter, in [0, 1]) to a command. */
export function recoveryOptions(command: Command, when = ""): Command {
  return command
    .option(
      "--alpha <A>",
      `RV recovery on external assets of a defaulter${when}, in [0, 1]`,
      numberArg("--alpha", 0, 1),
    )
    .option(
      "--beta <B>",
      `RV recovery on interbank claims of a defaulter${when}, in [0, 1]`,
      numberArg("--beta", 0, 1),
    );
}
