import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { Dataset, DatasetFile } from "./registry.js";
import { sha256File } from "./sha256.js";

/** Where a dataset file stands in a data directory. */
export type DatasetFileState = "verified" | "missing" | "mismatch";

/** `<dataDir>/<dataset folder>/<file name>`. */
export function datasetFilePath(dataDir: string, dataset: Dataset, file: DatasetFile): string {
  return join(dataDir, dataset.folder, file.name);
}

/** Whether the file is present with the registry's size and sha256 (size is checked first, so a wrong file is cheap). */
export async function datasetFileState(path: string, file: DatasetFile): Promise<DatasetFileState> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return "mismatch";
    size = info.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw error;
  }
  if (size !== file.bytes) return "mismatch";
  return (await sha256File(path)) === file.sha256 ? "verified" : "mismatch";
}
