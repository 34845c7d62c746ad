import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, statSync, unlinkSync } from "node:fs";
import { mkdir, open as openFile, rename, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { fileURLToPath } from "node:url";
import { InputError } from "../util/errors.js";
import { type Progress, silentProgress } from "../util/progress.js";
import { DATASETS, type Dataset, type DatasetFile } from "./registry.js";
import { datasetFilePath, datasetFileState } from "./status.js";

/** Where pulled files come from. */
export type PullSource =
  | { kind: "upstream" }
  | { kind: "folder"; dir: string }
  | { kind: "url"; base: string };

export interface PullOptions {
  /** Data directory to fill (created if missing). */
  dataDir: string;
  /**
   * Mirror laid out like the data directory (`<mirror>/<folder>/<file>`): a folder, a `file://` URL or an
   * http(s) URL. Default: each file's pinned upstream URL (mirror-only files then fail).
   */
  from?: string;
  /** Fetch again even when the file is present and verified (default false). */
  force?: boolean;
  /** A progress sink per file, given a label and the expected size in bytes (default: silent). */
  progress?: (label: string, bytes: number) => Progress;
  /** Abort a download when no bytes arrive for this long, in milliseconds (default 30 000). */
  idleTimeoutMs?: number;
}

/** What happened to one file. */
export interface PulledFile {
  dataset: string;
  file: string;
  /** Destination path in the data directory. */
  path: string;
  status: "skipped" | "fetched" | "copied" | "failed";
  /** Where the bytes came from (URL or path); absent when skipped. */
  source?: string;
  /** Bytes written (fetched/copied) or already present (skipped). */
  bytes?: number;
  /** Why it failed. */
  error?: string;
}

export interface PullResult {
  files: PulledFile[];
  fetched: number;
  copied: number;
  skipped: number;
  failed: number;
  /** True when no file failed. */
  ok: boolean;
}

/** Parses `--from`: an http(s) URL, a `file://` URL or an existing folder. */
export function parsePullSource(from: string | undefined): PullSource {
  if (from === undefined || from === "") return { kind: "upstream" };
  if (/^https?:\/\//i.test(from)) return { kind: "url", base: from.replace(/\/+$/, "") };
  const dir = resolve(/^file:\/\//i.test(from) ? fileURLToPath(from) : from);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError({ field: "--from", value: from, message: "not a folder or an http(s) URL" });
  }
  return { kind: "folder", dir };
}

/** Datasets named by `ids` (all when empty), in registry order; unknown ids are one InputError. */
export function selectDatasets(ids: readonly string[]): Dataset[] {
  if (ids.length === 0) return [...DATASETS];
  const unknown = ids.filter((id) => !DATASETS.some((d) => d.id === id));
  if (unknown.length > 0) {
    throw new InputError(
      unknown.map((id) => ({
        field: "dataset",
        value: id,
        message: `unknown dataset; known: ${DATASETS.map((d) => d.id).join(", ")}`,
      })),
    );
  }
  return DATASETS.filter((d) => ids.includes(d.id));
}

/**
 * Fills the data directory with the named datasets. Each file already present with the registry's sha256 is
 * skipped; any other is streamed to a temporary file beside its destination, checked against the registry's
 * sha256 and renamed into place, so a destination is never half-written. Per-file failures are collected in the
 * result, not thrown; an unknown dataset id or a bad `from` throws InputError before anything is written.
 */
export async function pullDatasets(ids: readonly string[], options: PullOptions): Promise<PullResult> {
  const datasets = selectDatasets(ids);
  const source = parsePullSource(options.from);
  const progress = options.progress ?? (() => silentProgress);
  const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  if (!(idleTimeoutMs > 0)) throw new RangeError(`invalid idleTimeoutMs: ${idleTimeoutMs}`);
  const files: PulledFile[] = [];
  const stopCleanup = cleanupOnSignal();
  try {
    for (const dataset of datasets) {
      for (const file of dataset.files) {
        files.push(await pullFile(dataset, file, source, options, progress, idleTimeoutMs));
      }
    }
  } finally {
    stopCleanup();
  }
  const count = (status: PulledFile["status"]) => files.filter((f) => f.status === status).length;
  const failed = count("failed");
  return {
    files,
    fetched: count("fetched"),
    copied: count("copied"),
    skipped: count("skipped"),
    failed,
    ok: failed === 0,
  };
}

async function pullFile(
  dataset: Dataset,
  file: DatasetFile,
  source: PullSource,
  options: PullOptions,
  progress: (label: string, bytes: number) => Progress,
  idleTimeoutMs: number,
): Promise<PulledFile> {
  const path = datasetFilePath(options.dataDir, dataset, file);
  const entry = { dataset: dataset.id, file: file.name, path };
  if (!options.force && (await datasetFileState(path, file)) === "verified") {
    return { ...entry, status: "skipped", bytes: file.bytes };
  }
  let from: string;
  let openSource: (signal: AbortSignal) => Promise<Readable>;
  if (source.kind === "folder") {
    from = join(source.dir, dataset.folder, file.name);
    const mirrored = from;
    if (!existsSync(mirrored))
      return { ...entry, status: "failed", source: from, error: "not in the mirror folder" };
    openSource = async () => createReadStream(mirrored);
  } else {
    const url =
      source.kind === "url"
        ? `${source.base}/${encodeURIComponent(dataset.folder)}/${encodeURIComponent(file.name)}`
        : file.url;
    if (url === undefined) {
      return {
        ...entry,
        status: "failed",
        error: "mirror-only (a derived file with no public URL): pass --from DIR|URL pointing at a mirror",
      };
    }
    from = url;
    openSource = (signal) => download(url, signal);
  }
  const sink = progress(`${dataset.id}/${file.name}`, file.bytes);
  try {
    const bytes = await transfer(openSource, path, file, idleTimeoutMs, sink);
    return { ...entry, status: source.kind === "folder" ? "copied" : "fetched", source: from, bytes };
  } catch (error) {
    return {
      ...entry,
      status: "failed",
      source: from,
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    sink.stop();
  }
}

async function download(url: string, signal: AbortSignal): Promise<Readable> {
  let response: Response;
  try {
    response = await fetch(url, { signal, redirect: "follow" });
  } catch (error) {
    if (signal.aborted) throw error;
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new Error(`cannot fetch ${url}: ${cause ?? (error as Error).message}`);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    const reason = response.statusText ? ` ${response.statusText}` : "";
    throw new Error(`HTTP ${response.status}${reason} from ${url}`);
  }
  return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
}

/** Temporary files being written now, removed if the process is interrupted. */
const liveTemporaries = new Set<string>();

/** Streams `openSource()` into a temporary file beside `path`, verifies size and sha256, then renames it into place. */
async function transfer(
  openSource: (signal: AbortSignal) => Promise<Readable>,
  path: string,
  file: DatasetFile,
  idleTimeoutMs: number,
  progress: Progress,
): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomBytes(6).toString("hex")}.partial`;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), idleTimeoutMs);
  };
  const hash = createHash("sha256");
  let bytes = 0;
  liveTemporaries.add(temporary);
  try {
    arm();
    const input = await openSource(controller.signal);
    await pipeline(
      input,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          arm();
          bytes += chunk.length;
          if (bytes > file.bytes) throw new Error(`larger than the expected ${file.bytes} bytes`);
          hash.update(chunk);
          progress.tick(chunk.length);
          yield chunk;
        }
      },
      createWriteStream(temporary, { flags: "wx" }),
    );
    clearTimeout(timer);
    const actual = hash.digest("hex");
    if (actual !== file.sha256) {
      throw new Error(
        `sha256 mismatch: expected ${file.sha256}, got ${actual} (${bytes} bytes); not written`,
      );
    }
    const handle = await openFile(temporary, "r+");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    return bytes;
  } catch (error) {
    await rm(temporary, { force: true });
    if (controller.signal.aborted) throw new Error(`no data for ${idleTimeoutMs / 1000} s; gave up`);
    throw error;
  } finally {
    clearTimeout(timer);
    liveTemporaries.delete(temporary);
  }
}

/** While a pull runs, Ctrl-C or SIGTERM removes the temporary files before the process ends as it would have. */
function cleanupOnSignal(): () => void {
  const signals = ["SIGINT", "SIGTERM"] as const;
  const handler = (signal: NodeJS.Signals) => {
    for (const temporary of liveTemporaries) {
      try {
        unlinkSync(temporary);
      } catch {
        // Already gone.
      }
    }
    stop();
    process.kill(process.pid, signal);
  };
  const stop = () => {
    for (const s of signals) process.off(s, handler);
  };
  for (const s of signals) process.on(s, handler);
  return stop;
}
