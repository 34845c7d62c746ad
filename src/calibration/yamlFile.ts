/** A calibration file: YAML read and checked against its schema, each problem an InputError naming file and field. */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { z } from "zod";
import { InputError } from "../util/errors.js";
import { formatInputPath } from "../util/inputPath.js";
import { MAX_YAML_ALIASES } from "../util/limits.js";

/** Reads `file` as YAML and checks it against `schema`; an unreadable, non-YAML or non-conforming file is an
 * InputError naming the file (and each field at fault). */
export function loadYamlFile<T>(file: string, schema: z.ZodType<T>): T {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new InputError({
      file,
      message: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? error}`,
    });
  }
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    throw new InputError({ file, message: `not YAML: ${(error as Error).message.split("\n")[0]}` });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new InputError(
      parsed.error.issues.map((issue) => ({
        file,
        field: formatInputPath(issue.path),
        message: issue.message,
      })),
    );
  return parsed.data;
}
