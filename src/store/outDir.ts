/** The folder of run directories (`--out`), checked before a run does any work. */
import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { InputError } from "../util/errors.js";

// What each errno means for a folder the user named; anything else is reported with its code.
const REASONS: Record<string, string> = {
  ENOTDIR: "not a directory (a parent is a file)",
  EACCES: "not writable (permission denied)",
  EPERM: "not writable (operation not permitted)",
  EROFS: "not writable (read-only file system)",
  ENOSPC: "no space left on the device",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "name too long",
};

function outDirError(path: string, reason: string): InputError {
  return new InputError({ field: "--out", message: `${path}: ${reason}` });
}

function reasonOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) return undefined;
  return REASONS[code] ?? `cannot be used (${code})`;
}

/**
 * Makes sure `path` is a writable directory, creating it (and its parents) if missing. Anything else — a file,
 * a path under a file, a read-only or unreadable folder — is an InputError `--out: <path>: <reason>`.
 */
export function prepareOutDir(path: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    // EEXIST from a recursive mkdir means the path exists and is not a directory.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw outDirError(path, "not a directory");
    const reason = reasonOf(error);
    if (reason === undefined) throw error;
    throw outDirError(path, reason);
  }
  if (!statSync(path).isDirectory()) throw outDirError(path, "not a directory");
  try {
    accessSync(path, constants.W_OK | constants.X_OK);
  } catch (error) {
    const reason = reasonOf(error);
    if (reason === undefined) throw error;
    throw outDirError(path, reason);
  }
}
