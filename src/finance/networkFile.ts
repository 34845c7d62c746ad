/**
 * Reading a network file: the checks every reader makes before loading it, and `openNetworkFile`, which reads the
 * common case without loading the schema library: zod costs about 0.1 s of CPU to load, a twentieth of
 * `wallcast clear` on a network of 10⁵ nodes, and the one-pass scanner does not need it.
 */
import { closeSync, openSync, readFileSync, type Stats, statSync } from "node:fs";
import { InputError } from "../util/errors.js";
import { MAX_JSON_FILE_BYTES } from "../util/limits.js";
import { compileNetwork, type Network } from "./network.js";
import { scanNetworkFile } from "./scan.js";

/**
 * `loadNetworkFile`, with the full parser (and zod) imported only for a file the scanner declines: the same
 * network, or the same error.
 */
export async function openNetworkFile(file: string): Promise<Network> {
  const scanned = scanPath(file, checkedSize(file));
  if (scanned) return scanned;
  const { parseNetwork } = await import("./parse.js");
  return compileNetwork(parseNetwork(readNetworkBytes(file).toString("utf8"), file));
}

/** `scanNetworkFile` of `file` (of `size` bytes), with a failed read as an input error. */
function scanPath(file: string, size: number): Network | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    throw cannotRead(file, error);
  }
  try {
    return scanNetworkFile(fd, size);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    throw cannotRead(file, error);
  } finally {
    closeSync(fd);
  }
}

/**
 * The bytes of a network file. It must be a regular file (a FIFO would block, a directory cannot be read) of at
 * most `MAX_JSON_FILE_BYTES`, checked before reading so that a huge file is never loaded.
 */
export function readNetworkBytes(file: string): Buffer {
  checkedSize(file);
  try {
    return readFileSync(file);
  } catch (error) {
    throw cannotRead(file, error);
  }
}

/** The size of `file`, which must be a regular file (a FIFO would block, a directory cannot be read) of at most
 * `MAX_JSON_FILE_BYTES`. */
function checkedSize(file: string): number {
  const stats = fileStats(file);
  if (stats.isDirectory()) throw new InputError({ file, message: "is a directory, not a network file" });
  if (!stats.isFile())
    throw new InputError({ file, message: "not a regular file (a FIFO, socket or device)" });
  if (stats.size > MAX_JSON_FILE_BYTES)
    throw new InputError({ file, message: `file larger than the limit of ${MAX_JSON_FILE_BYTES} bytes` });
  return stats.size;
}

function fileStats(file: string): Stats {
  try {
    return statSync(file);
  } catch (error) {
    throw cannotRead(file, error);
  }
}

function cannotRead(file: string, error: unknown): InputError {
  return new InputError({ file, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? error}` });
}
