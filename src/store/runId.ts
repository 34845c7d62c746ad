/** Run ids: readable, sortable by start time, and unique per process even for runs started in the same second. */
import { randomBytes } from "node:crypto";
import { InputError } from "../util/errors.js";

const RUN_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * `20261125-193012-s1-4f9a2c`: the UTC start time to the second, the seed, then 3 random bytes (hex) so two runs
 * started in the same second (in one process or several) get different ids.
 */
export function newRunId(now: Date, seed: number): string {
  if (Number.isNaN(now.getTime())) throw new RangeError("invalid now: not a date");
  if (!Number.isSafeInteger(seed)) throw new RangeError(`invalid seed: ${seed}`);
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${stamp}-s${seed}-${randomBytes(3).toString("hex")}`;
}

/** Whether `id` can name a run directory: letters, digits, `.`, `_`, `-`, not starting with `.` (hidden). */
export function isRunId(id: string): boolean {
  return id.length <= 120 && RUN_ID.test(id);
}

/** A user-chosen run id (`--id`), refused as an InputError when it cannot name a run directory. */
export function checkRunId(id: string): string {
  if (!isRunId(id))
    throw new InputError({
      field: "--id",
      value: id,
      message:
        "a run id is letters, digits, '.', '_' and '-', not starting with '.' (at most 120 characters)",
    });
  return id;
}
