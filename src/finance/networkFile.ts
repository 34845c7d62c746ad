/**
 * Reading a network file: the checks every reader makes before loading it, and `openNetworkFile`, which reads the
 * common case without loading the schema library: zod costs about 0.1 s of CPU to load, a twentieth of
 * `wallcast clear` on a network of 10⁵ nodes, and the one-pass scanner does not need it.
 */
import { readFileSync, type Stats, statSync } from "node:fs";
import { InputError } from "../util/errors.js";
import { MAX_JSON_FILE_BYTES } from "../util/limits.js";
import { compileNetwork, type Network } from "./network.js";
import { scanNetwork } from "./scan.js";

/**
 * `loadNetworkFile`, with the full parser (and zod) imported only for a file the scanner declines: the same
 * network, or the same error.
 */
export async function openNetworkFile(file: string): Promise<Network> {
  const bytes = readNetworkBytes(file);
  const scanned = scanNetwork(bytes);
  if (scanned) return scanned;
  const { parseNetwork } = await import("./parse.js");
  return compileNetwork(parseNetwork(bytes.toString("utf8"), file));
}

/**
 * The bytes of a network file. It must be a regular file (a FIFO would block, a directory cannot be read) of at
 * most `MAX_JSON_FILE_BYTES`, checked before reading so that a huge file is never loaded.
 */
export function readNetworkBytes(file: string): Buffer {
  const stats = fileStats(file);
  if (stats.isDirectory()) throw new InputError({ file, message: "is a directory, not a network file" });
  if (!stats.isFile())
    throw new InputError({ file, message: "not a regular file (a FIFO, socket or device)" });
  if (stats.size > MAX_JSON_FILE_BYTES)
    throw new InputError({ file, message: `file larger than the limit of ${MAX_JSON_FILE_BYTES} bytes` });
  try {
    return readFileSync(file);
  } catch (error) {
    throw cannotRead(file, error);
  }
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
