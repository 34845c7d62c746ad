/** Calibration targets: a figure an entity's simulated year must match, with its band and source. */
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { InputError } from "../util/errors.js";
import { loadYamlFile } from "./yamlFile.js";

/** The outputs a target can name: an entity's calendar-year value (`simulate --json`'s `byYear`), or, for the
 * entity `world`, at the year's last quarter, the GPU rental price index (`gpuPrice`, 1 at the start) or the rent
 * of a GPU bought at the start relative to its rent then (`startGpuRent`). */
export const TARGET_METRICS = [
  "gpuPrice",
  "startGpuRent",
  "revenueUsdB",
  "capexUsdB",
  "debtUsdB",
  "burnUsdB",
  "computeUsdB",
  "computeToDateUsdB",
  "backlogUsdB",
  "runRateUsdB",
  "marketValueUsdB",
] as const;
/** A calendar-year output a target names. */
export type TargetMetric = (typeof TARGET_METRICS)[number];

/** The pseudo-entity of the world series. */
export const WORLD = "world";
/** The metrics of the entity `world`. */
export const WORLD_METRICS: readonly TargetMetric[] = ["gpuPrice", "startGpuRent"];

const targetSchema = z
  .object({
    /** Entity id in the scenario, or `world` for the world series (`gpuPrice`). */
    entity: z.string().min(1),
    metric: z.enum(TARGET_METRICS),
    /** Calendar year. */
    year: z.number().int().min(1900).max(2200),
    /** The figure as published, usdB (`gpuPrice`: the price relative to the start's). */
    value: z.number().finite(),
    /** Range a calibrated median must fall in, in the value's unit. */
    band: z
      .tuple([z.number().finite(), z.number().finite()])
      .refine(([lo, hi]) => lo <= hi, "band must be [lo, hi]"),
    /** Why the band is wider than the published range, when it is. */
    reason: z.string().min(1).optional(),
    /** Key of docs/sources.md and the place in the original document. */
    source: z.object({ key: z.string().min(1), locator: z.string().min(1) }).strict(),
  })
  .strict()
  .refine((t) => (t.entity === WORLD) === WORLD_METRICS.includes(t.metric), {
    message: "gpuPrice and startGpuRent are the metrics of the entity world, and the world has no other",
    path: ["metric"],
  });
/** One target: an entity's calendar-year figure, its band and its source. */
export type CalibrationTarget = z.infer<typeof targetSchema>;

const targetsFileSchema = z.record(z.string().min(1), z.array(targetSchema).min(1));
/** A targets file: scenario name → the targets that scenario is scored against. */
export type CalibrationTargets = z.infer<typeof targetsFileSchema>;

/** The scenario whose targets score a scenario that has none of its own. */
export const DEFAULT_TARGETS = "default";

/** The targets `scenario` is scored against: its own set, else the default scenario's (the library's variants are
 * the default's world with other assumptions, and its first-year guidance applies to them too). */
export function targetsFor(sets: CalibrationTargets, scenario: string): CalibrationTarget[] {
  const targets = sets[scenario] ?? sets[DEFAULT_TARGETS];
  if (!targets)
    throw new InputError({ field: scenario, message: "no targets for this scenario, nor default ones" });
  return targets;
}

/** The project's own targets file (`calibration/targets.yaml` of the package). */
export function defaultTargetsFile(): string {
  // Two levels up from both src/calibration and dist/calibration.
  return fileURLToPath(new URL("../../calibration/targets.yaml", import.meta.url));
}

/** Reads and checks a targets file; any problem is an InputError naming the file and field. */
export function loadTargets(file: string = defaultTargetsFile()): CalibrationTargets {
  return loadYamlFile(file, targetsFileSchema);
}
