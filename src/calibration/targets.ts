/** Calibration targets: a figure an entity's simulated year must match, with its band and source. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";
import { InputError } from "../util/errors.js";
import { formatInputPath } from "../util/inputPath.js";
import { MAX_YAML_ALIASES } from "../util/limits.js";

/** The calendar-year outputs a target can name (`simulate --json`'s `byYear`). */
export const TARGET_METRICS = ["revenueUsdB", "capexUsdB", "debtUsdB", "burnUsdB"] as const;
/** A calendar-year output a target names. */
export type TargetMetric = (typeof TARGET_METRICS)[number];

const targetSchema = z
  .object({
    /** Entity id in the scenario. */
    entity: z.string().min(1),
    metric: z.enum(TARGET_METRICS),
    /** Calendar year. */
    year: z.number().int().min(1900).max(2200),
    /** The figure as published, usdB. */
    value: z.number().finite(),
    /** Range a calibrated median must fall in, usdB. */
    band: z
      .tuple([z.number().finite(), z.number().finite()])
      .refine(([lo, hi]) => lo <= hi, "band must be [lo, hi]"),
    /** Why the band is wider than the published range, when it is. */
    reason: z.string().min(1).optional(),
    /** Key of docs/sources.md and the place in the original document. */
    source: z.object({ key: z.string().min(1), locator: z.string().min(1) }).strict(),
  })
  .strict();
/** One target: an entity's calendar-year figure, its band and its source. */
export type CalibrationTarget = z.infer<typeof targetSchema>;

const targetsFileSchema = z
  .object({
    /** Library scenario the targets are for by default. */
    scenario: z.string().min(1),
    targets: z.array(targetSchema).min(1),
  })
  .strict();
/** A targets file: the scenario it is for and its targets. */
export type CalibrationTargets = z.infer<typeof targetsFileSchema>;

/** The project's own targets file (`calibration/targets.yaml` of the package). */
export function defaultTargetsFile(): string {
  // Two levels up from both src/calibration and dist/calibration.
  return fileURLToPath(new URL("../../calibration/targets.yaml", import.meta.url));
}

/** Reads and checks a targets file; any problem is an InputError naming the file and field. */
export function loadTargets(file: string = defaultTargetsFile()): CalibrationTargets {
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
  const parsed = targetsFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((issue) => ({
        file,
        field: formatInputPath(issue.path),
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}
