import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, rmdirSync, statSync, unlinkSync } from "node:fs";
import { mkdir, open as openFile, readFile, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { addAbortSignal, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { fileURLToPath } from "node:url";
import { InputError } from "../util/errors.js";
import { type Progress, silentProgress } from "../util/progress.js";
import { recipeFor } from "./derive/index.js";
import type { Recipe, RecipeInputs, UpstreamFile } from "./derive/recipe.js";
import { installHint, missingRequirement } from "./derive/requirements.js";
import { DATASETS, type Dataset, type DatasetFile, getDataset, githubSlug } from "./registry.js";
import { datasetFilePath, datasetFileState } from "./status.js";

/** Where pulled files come from. */
export type PullSource =
  | { kind: "upstream" }
  | { kind: "folder"; dir: string }
  | { kind: "url"; base: string };

/** Options of `pullDatasets`: the data directory to fill, and where and how to fetch. */
export interface PullOptions {
  /** Data directory to fill (created if missing). */
  dataDir: string;
  /**
   * A mirror: a folder, a `file://` URL or an http(s) URL, laid out like the data directory
   * (`<mirror>/<folder>/<file>`), like raw GitHub URLs (`<mirror>/<owner>/<repo>/<commit>/<path>`), or both.
   * Default: each file's pinned raw GitHub URL (derived files rebuilt from their originals' raw URLs).
   */
  from?: string;
  /** Fetch or rebuild again even when the file is present and verified (default false). */
  force?: boolean;
  /** A progress sink per transfer, given a label and the expected size in bytes (default: silent). */
  progress?: (label: string, bytes: number) => Progress;
  /** Abort a read (download or folder copy) when no bytes arrive for this long, in milliseconds (default 30 000). */
  idleTimeoutMs?: number;
}

/** What happened to one file. */
export interface PulledFile {
  dataset: string;
  file: string;
  /** Destination path in the data directory. */
  path: string;
  /** `built`: a derived file rebuilt by its recipe from verified originals. */
  status: "skipped" | "fetched" | "copied" | "built" | "failed";
  /** Where the bytes came from (URL or path; for a built file, where its originals came from); absent when skipped. */
  source?: string;
  /** Bytes written (fetched/copied/built) or already present (skipped). */
  bytes?: number;
  /** Why it failed. */
  error?: string;
}

/** What `pullDatasets` did: one entry per planned file, and how many files ended in each status. */
export interface PullResult {
  files: PulledFile[];
  fetched: number;
  copied: number;
  built: number;
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

/** One file to pull. */
interface PlannedFile {
  dataset: Dataset;
  file: DatasetFile;
}

/**
 * The files of `datasets` in registry order, each derived file preceded by the data-directory files its recipe
 * reads (from any dataset, named or not), each file once.
 */
function pullPlan(datasets: readonly Dataset[]): PlannedFile[] {
  const plan: PlannedFile[] = [];
  const planned = new Set<string>();
  const add = (dataset: Dataset, file: DatasetFile, trail: readonly string[]) => {
    const key = `${dataset.id}/${file.name}`;
    if (planned.has(key)) return;
    if (trail.includes(key))
      throw new RangeError(`invalid recipe inputs: cycle ${[...trail, key].join(" -> ")}`);
    if (file.derivedFrom !== undefined) {
      for (const input of recipeFor(dataset.id)?.data ?? []) {
        const inputDataset = getDataset(input.dataset);
        const inputFile = inputDataset.files.find((f) => f.name === input.file);
        if (!inputFile) throw new RangeError(`invalid recipe input: ${input.dataset}/${input.file}`);
        add(inputDataset, inputFile, [...trail, key]);
      }
    }
    planned.add(key);
    plan.push({ dataset, file });
  };
  for (const dataset of datasets) for (const file of dataset.files) add(dataset, file, []);
  return plan;
}

/** Settings shared by every transfer of one pull. */
interface PullContext {
  dataDir: string;
  source: PullSource;
  force: boolean;
  progress: (label: string, bytes: number) => Progress;
  idleTimeoutMs: number;
  /** Derived outputs of each dataset rebuilt during this pull (each recipe runs at most once). */
  builds: Map<string, Promise<Map<string, Buffer>>>;
}

/**
 * Fills the data directory with the named datasets. A file already present with the registry's sha256 is
 * skipped. A plain file is copied or downloaded from the mirror (data layout first, then upstream layout) or
 * from its raw GitHub URL; a derived file is copied from the mirror's data layout when there, otherwise rebuilt
 * by its recipe from its public originals (fetched into memory and verified). Every file is checked against the
 * registry's size and sha256 before it is renamed into place, so a destination is never half-written, and a
 * folder the pull created is removed again if it stays empty. Per-file failures are collected in the result,
 * not thrown; an unknown dataset id or a bad `from` throws InputError before anything is written.
 */
export async function pullDatasets(ids: readonly string[], options: PullOptions): Promise<PullResult> {
  const plan = pullPlan(selectDatasets(ids));
  const context: PullContext = {
    dataDir: options.dataDir,
    source: parsePullSource(options.from),
    force: options.force ?? false,
    progress: options.progress ?? (() => silentProgress),
    idleTimeoutMs: options.idleTimeoutMs ?? 30_000,
    builds: new Map(),
  };
  if (!(context.idleTimeoutMs > 0)) throw new RangeError(`invalid idleTimeoutMs: ${context.idleTimeoutMs}`);
  const files: PulledFile[] = [];
  const stopCleanup = cleanupOnSignal();
  try {
    for (const { dataset, file } of plan) files.push(await pullFile(dataset, file, context));
  } finally {
    stopCleanup();
  }
  const count = (status: PulledFile["status"]) => files.filter((f) => f.status === status).length;
  const failed = count("failed");
  return {
    files,
    fetched: count("fetched"),
    copied: count("copied"),
    built: count("built"),
    skipped: count("skipped"),
    failed,
    ok: failed === 0,
  };
}

/** A place to read bytes from. */
type Location = { kind: "file"; path: string } | { kind: "url"; url: string };

/** The source did not have the file (no such path, HTTP 404): the next layout may. */
class MissingSource extends Error {}

function describe(location: Location): string {
  return location.kind === "file" ? location.path : location.url;
}

/** `segments` below a folder or URL base (URL segments encoded). */
function below(base: Location, segments: readonly string[]): Location {
  return base.kind === "file"
    ? { kind: "file", path: join(base.path, ...segments) }
    : { kind: "url", url: [base.url, ...segments.map(encodeURIComponent)].join("/") };
}

const RAW_GITHUB: Location = { kind: "url", url: "https://raw.githubusercontent.com" };

/** The root of the source: the mirror folder or URL, or raw.githubusercontent.com. */
function sourceRoot(source: PullSource): Location {
  if (source.kind === "folder") return { kind: "file", path: source.dir };
  if (source.kind === "url") return { kind: "url", url: source.base };
  return RAW_GITHUB;
}

/** Where an original sits in the upstream layout: `<root>/<owner>/<repo>/<commit>/<path>`. */
function upstreamLocation(root: Location, original: UpstreamFile): Location {
  return below(root, [...original.repo.split("/"), original.commit, ...original.path.split("/")]);
}

/** A plain dataset file seen as an original: its repository, commit and path. */
function asOriginal(dataset: Dataset, file: DatasetFile): UpstreamFile {
  if (file.upstreamPath === undefined || file.commit === undefined) {
    throw new RangeError(`invalid plain file: ${dataset.id}/${file.name}`);
  }
  return {
    repo: githubSlug(dataset.source.repository),
    commit: file.commit,
    path: file.upstreamPath,
    bytes: file.bytes,
    sha256: file.sha256,
  };
}

async function pullFile(dataset: Dataset, file: DatasetFile, context: PullContext): Promise<PulledFile> {
  const path = datasetFilePath(context.dataDir, dataset, file);
  const entry = { dataset: dataset.id, file: file.name, path };
  if (!context.force && (await datasetFileState(path, file)) === "verified") {
    return { ...entry, status: "skipped", bytes: file.bytes };
  }
  const root = sourceRoot(context.source);
  const dataLayout = context.source.kind === "upstream" ? [] : [below(root, [dataset.folder, file.name])];
  const derived = file.derivedFrom !== undefined;
  const candidates = derived
    ? dataLayout
    : [...dataLayout, upstreamLocation(root, asOriginal(dataset, file))];
  const tried: string[] = [];
  for (const location of candidates) {
    try {
      const bytes = await copyFile(location, file, path, context, `${dataset.id}/${file.name}`);
      return {
        ...entry,
        status: location.kind === "file" ? "copied" : "fetched",
        source: describe(location),
        bytes,
      };
    } catch (error) {
      if (!(error instanceof MissingSource)) {
        return { ...entry, status: "failed", source: describe(location), error: messageOf(error) };
      }
      tried.push(error.message);
    }
  }
  if (!derived) {
    return { ...entry, status: "failed", source: describe(candidates[0]), error: notFound(tried) };
  }
  const recipe = recipeFor(dataset.id);
  if (!recipe)
    return { ...entry, status: "failed", error: "derived, and no recipe rebuilds it in this version" };
  const from = recipeSource(recipe, root, context.dataDir);
  try {
    const outputs = await buildOnce(recipe, context);
    const output = outputs.get(file.name);
    if (!output) throw new Error(`the ${recipe.dataset} recipe did not produce ${file.name}`);
    verifyBuffer(output, file);
    const sink = context.progress(`${dataset.id}/${file.name}`, file.bytes);
    try {
      await writeAtomically(path, (temporary) => writeFile(temporary, output, { flag: "wx" }));
      sink.tick(output.length);
    } finally {
      sink.stop();
    }
    return { ...entry, status: "built", source: from, bytes: output.length };
  } catch (error) {
    return { ...entry, status: "failed", source: from, error: messageOf(error) };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One missing location's own message, or all of them when several layouts were tried. */
function notFound(tried: readonly string[]): string {
  return tried.length === 1 ? tried[0] : `not in the mirror: ${tried.join("; ")}`;
}

/** Where a recipe's originals come from: each repository's commit under the source root (else the data directory). */
function recipeSource(recipe: Recipe, root: Location, dataDir: string): string {
  const roots = new Set(recipe.upstream.map((o) => describe(below(root, [...o.repo.split("/"), o.commit]))));
  return roots.size > 0 ? [...roots].join(", ") : dataDir;
}

/** The recipe's outputs, built at most once per pull. */
function buildOnce(recipe: Recipe, context: PullContext): Promise<Map<string, Buffer>> {
  let build = context.builds.get(recipe.dataset);
  if (!build) {
    build = runRecipe(recipe, context);
    // The rejection is reported by each file awaiting it; this keeps an unawaited one from being unhandled.
    build.catch(() => {});
    context.builds.set(recipe.dataset, build);
  }
  return build;
}

/** Originals fetched at once when a recipe has many (LLM-Stats reads 353 small files). */
const FETCH_CONCURRENCY = 8;

/**
 * Checks the recipe's program, its data inputs (pulled earlier in the plan) and fetches its originals into
 * memory, each verified, then runs it. A failure names what to install when the recipe needs a program.
 */
async function runRecipe(recipe: Recipe, context: PullContext): Promise<Map<string, Buffer>> {
  const missing = await missingRequirement(recipe);
  if (missing) throw new Error(missing);
  const data = new Map<string, Buffer>();
  for (const input of recipe.data ?? []) {
    const dataset = getDataset(input.dataset);
    const file = dataset.files.find((f) => f.name === input.file);
    if (!file) throw new RangeError(`invalid recipe input: ${input.dataset}/${input.file}`);
    const path = datasetFilePath(context.dataDir, dataset, file);
    if ((await datasetFileState(path, file)) !== "verified") {
      throw new Error(
        `needs ${input.dataset}/${input.file}, which is not in the data directory with its sha256`,
      );
    }
    data.set(`${input.dataset}/${input.file}`, await readFile(path));
  }
  const upstream = await fetchOriginals(recipe, context);
  const inputs: RecipeInputs = {
    upstream(path) {
      const bytes = upstream.get(path);
      if (!bytes) throw new RangeError(`invalid upstream path (not declared by the recipe): ${path}`);
      return bytes;
    },
    data(dataset, file) {
      const bytes = data.get(`${dataset}/${file}`);
      if (!bytes) throw new RangeError(`invalid data input (not declared by the recipe): ${dataset}/${file}`);
      return bytes;
    },
  };
  try {
    return await recipe.build(inputs);
  } catch (error) {
    const message = messageOf(error);
    const hint = installHint(recipe);
    // A recipe that runs a program says what to install, unless its own message already does.
    const advice = hint && !message.includes(hint) ? ` (it needs ${recipe.requires?.command}: ${hint})` : "";
    throw new Error(`the ${recipe.dataset} recipe failed: ${message}${advice}`);
  }
}

/** The recipe's originals, by path, each read from the source's upstream layout and verified. */
async function fetchOriginals(recipe: Recipe, context: PullContext): Promise<Map<string, Buffer>> {
  const root = sourceRoot(context.source);
  const total = recipe.upstream.reduce((sum, o) => sum + o.bytes, 0);
  const sink = context.progress(`${recipe.dataset} originals`, total);
  const fetched = new Map<string, Buffer>();
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < recipe.upstream.length) {
      const original = recipe.upstream[next++];
      const location = upstreamLocation(root, original);
      try {
        const chunks: Buffer[] = [];
        await readVerified(location, original, context.idleTimeoutMs, sink, async (input) => {
          for await (const chunk of input) chunks.push(chunk);
        });
        fetched.set(original.path, Buffer.concat(chunks));
      } catch (error) {
        failure ??=
          error instanceof MissingSource
            ? new Error(`original not found: ${error.message}`)
            : new Error(`original ${original.repo}/${original.path}: ${messageOf(error)}`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, recipe.upstream.length) }, worker));
  } finally {
    sink.stop();
  }
  if (failure !== undefined) throw failure;
  return fetched;
}

/** Throws unless `bytes` has the registry's size and sha256 for `file`. */
function verifyBuffer(bytes: Buffer, file: DatasetFile): void {
  const hash = sha256Of(bytes);
  if (bytes.length !== file.bytes || hash !== file.sha256) {
    throw new Error(
      `rebuilt file differs: expected ${file.sha256} (${file.bytes} bytes), got ${hash} (${bytes.length} bytes); not written`,
    );
  }
}

function sha256Of(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Copies one location to `path` through the size and sha256 checks, atomically; returns the bytes written. */
async function copyFile(
  location: Location,
  file: DatasetFile,
  path: string,
  context: PullContext,
  label: string,
): Promise<number> {
  // The bar appears with the first bytes, so a layout the mirror lacks draws none.
  let bar: Progress | undefined;
  const sink: Progress = {
    tick: (n) => {
      bar ??= context.progress(label, file.bytes);
      bar.tick(n);
    },
    stop: () => bar?.stop(),
  };
  try {
    return await readVerified(location, file, context.idleTimeoutMs, sink, async (input, signal) => {
      let bytes = 0;
      const counted = async function* () {
        for await (const chunk of input) {
          bytes += chunk.length;
          yield chunk;
        }
      };
      await writeAtomically(path, (temporary) =>
        pipeline(counted(), createWriteStream(temporary, { flags: "wx" }), { signal }),
      );
      return bytes;
    });
  } finally {
    sink.stop();
  }
}

/** What a read is checked against. */
interface Pin {
  bytes: number;
  sha256: string;
}

/**
 * Opens `location` and hands `consume` its chunks, which end with an error when they exceed the pinned size or
 * do not hash to the pinned sha256 (so a consumer that writes a temporary file never renames a wrong one). The
 * read is aborted when no chunk arrives for `idleTimeoutMs`. A missing file or HTTP 404 is a MissingSource; a
 * mirror path that is not a regular file (a FIFO would block the read for ever) is refused before opening it.
 */
async function readVerified<T>(
  location: Location,
  pin: Pin,
  idleTimeoutMs: number,
  progress: Progress,
  consume: (input: AsyncIterable<Buffer>, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), idleTimeoutMs);
  };
  try {
    arm();
    const input = await open(location, controller.signal);
    const checked = async function* () {
      const hash = createHash("sha256");
      let bytes = 0;
      for await (const chunk of input as AsyncIterable<Buffer>) {
        arm();
        bytes += chunk.length;
        if (bytes > pin.bytes) throw new Error(`larger than the expected ${pin.bytes} bytes`);
        hash.update(chunk);
        progress.tick(chunk.length);
        yield chunk;
      }
      const actual = hash.digest("hex");
      if (actual !== pin.sha256) {
        throw new Error(
          `sha256 mismatch: expected ${pin.sha256}, got ${actual} (${bytes} bytes); not written`,
        );
      }
    };
    return await consume(checked(), controller.signal);
  } catch (error) {
    if (controller.signal.aborted) throw new Error(`no data for ${idleTimeoutMs / 1000} s; gave up`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** A readable for `location`, destroyed when `signal` aborts. */
async function open(location: Location, signal: AbortSignal): Promise<Readable> {
  if (location.kind === "url") return download(location.url, signal);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(location.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new MissingSource(`no such file: ${location.path}`);
    throw error;
  }
  if (!info.isFile()) throw new Error(`not a regular file: ${location.path}; refused`);
  return addAbortSignal(signal, createReadStream(location.path));
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
    const message = `HTTP ${response.status}${reason} from ${url}`;
    throw response.status === 404 ? new MissingSource(message) : new Error(message);
  }
  return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
}

/** Temporary files being written now, removed if the process is interrupted. */
const liveTemporaries = new Set<string>();
/** Folders created for files being written now (the first one created, then its descendants). */
const liveFolders = new Set<string[]>();

/**
 * Writes `path` through `fill(temporary)` beside it, syncs and renames it into place. The folder is created only
 * now; on failure the temporary file goes, and so do the folders this call created if they stay empty.
 */
async function writeAtomically(path: string, fill: (temporary: string) => Promise<void>): Promise<void> {
  const folder = dirname(path);
  const first = await mkdir(folder, { recursive: true });
  const created = first === undefined ? [] : createdChain(first, folder);
  const temporary = `${path}.${randomBytes(6).toString("hex")}.partial`;
  liveTemporaries.add(temporary);
  liveFolders.add(created);
  try {
    await fill(temporary);
    const handle = await openFile(temporary, "r+");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    await removeEmptyFolders(created);
    throw error;
  } finally {
    liveTemporaries.delete(temporary);
    liveFolders.delete(created);
  }
}

/** The folders from `first` down to `leaf`, deepest first (the order to remove them in). */
function createdChain(first: string, leaf: string): string[] {
  const chain = [first];
  for (const part of relative(first, leaf)
    .split(sep)
    .filter((p) => p !== "")) {
    chain.push(join(chain[chain.length - 1], part));
  }
  return chain.reverse();
}

async function removeEmptyFolders(deepestFirst: readonly string[]): Promise<void> {
  for (const folder of deepestFirst) {
    try {
      await rmdir(folder);
    } catch {
      return; // Not empty (another file landed there) or already gone: leave it and its parents.
    }
  }
}

/** While a pull runs, Ctrl-C or SIGTERM removes its temporary files and new empty folders, then ends as it would have. */
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
    for (const chain of liveFolders) {
      for (const folder of chain) {
        try {
          rmdirSync(folder);
        } catch {
          break; // Not empty: keep it and its parents.
        }
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
