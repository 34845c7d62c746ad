import type { Command } from "commander";
import { resolveDataDir } from "../data/dataDir.js";
import { recipeFor, recipeOrigin } from "../data/derive/index.js";
import { type PulledFile, pullDatasets } from "../data/pull.js";
import { DATASETS, type Dataset, type DatasetFile } from "../data/registry.js";
import { datasetFilePath, datasetFileState } from "../data/status.js";
import { InputError } from "../util/errors.js";
import { terminalProgress } from "../util/progress.js";
import { globalOptions, printJson } from "./shared.js";

interface ListOptions {
  /** Print one JSON object instead of the table (default false). */
  json?: boolean;
}

interface PullCliOptions {
  /** Mirror folder or http(s) URL in the data-directory or upstream layout (default: pinned raw GitHub URLs). */
  from?: string;
  /** Fetch again files already present and verified (default false). */
  force?: boolean;
  /** Print one JSON object instead of lines (default false). */
  json?: boolean;
  /** Print only the summary line (default false). */
  quiet?: boolean;
}

export function register(program: Command): void {
  const data = program.command("data").description("the dataset registry: list datasets, pull their files");

  data
    .command("list")
    .description("each dataset with its files, licence, source and whether each file is present and verified")
    .option("--json", "print one JSON object")
    .action(async (options: ListOptions, command: Command) => {
      const dataDir = resolveDataDir(globalOptions(command).data);
      const datasets = [];
      for (const dataset of DATASETS) {
        const files = [];
        for (const file of dataset.files) {
          const state = await datasetFileState(datasetFilePath(dataDir, dataset, file), file);
          files.push({ ...file, state, origin: fileOrigin(dataset, file) });
        }
        datasets.push({ ...dataset, files });
      }
      if (options.json) {
        printJson({ dataDir, datasets });
        return;
      }
      const lines = [`data directory: ${dataDir}`];
      for (const dataset of datasets) {
        lines.push("", `${dataset.id}: ${dataset.title}`);
        lines.push(`  source:   ${dataset.source.repository} @ ${dataset.source.commit.slice(0, 12)}`);
        lines.push(`  licence:  ${dataset.licence}`);
        lines.push(`  cite:     ${dataset.citation}`);
        for (const file of dataset.files) {
          lines.push(`  ${file.state.padEnd(8)} ${file.name} (${file.bytes} bytes) ${file.origin}`);
        }
      }
      process.stdout.write(`${lines.join("\n")}\n`);
    });

  data
    .command("pull")
    .description(
      "copy, download or rebuild (derived files, from their public originals) dataset files into the data " +
        "directory, verifying each sha256",
    )
    .argument("[ids...]", "dataset ids (default: all)")
    .option(
      "--from <dir|url>",
      "mirror folder or http(s) URL laid out like the data directory (<folder>/<file>), like raw GitHub URLs " +
        "(<owner>/<repo>/<commit>/<path>), or both",
    )
    .option("--force", "fetch or rebuild again files already present and verified")
    .option("--quiet", "print only the summary line")
    .option("--json", "print one JSON object")
    .action(async (ids: string[], options: PullCliOptions, command: Command) => {
      const dataDir = resolveDataDir(globalOptions(command).data);
      const result = await pullDatasets(ids, {
        dataDir,
        from: options.from,
        force: options.force,
        progress: (label, bytes) => terminalProgress(label, bytes, options.json),
      });
      const summary =
        `fetched ${result.fetched}, copied ${result.copied}, built ${result.built}, ` +
        `skipped ${result.skipped}, failed ${result.failed}`;
      if (!result.ok) {
        // One line: what happened overall, then the first failure (the rest are in --json).
        const first = result.files.find((f) => f.status === "failed");
        throw new InputError({
          file: first ? `${first.dataset}/${first.file}` : undefined,
          message: `${first ? failureMessage(first) : "failed"}; data pull into ${dataDir}: ${summary}`,
        });
      }
      if (options.json) {
        printJson({ dataDir, ...result });
        return;
      }
      const lines = options.quiet
        ? []
        : result.files.map((f) => `${f.status.padEnd(8)} ${f.dataset}/${f.file}`);
      lines.push(`data pull into ${dataDir}: ${summary}`);
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}

/** A plain file's raw URL; for a derived file, the recipe that rebuilds it and where its inputs come from. */
function fileOrigin(dataset: Dataset, file: DatasetFile): string {
  if (file.derivedFrom === undefined) return `${file.url}`;
  const recipe = recipeFor(dataset.id);
  if (!recipe) return "derived: no recipe rebuilds it in this version";
  return `derived: rebuilt from ${recipeOrigin(recipe)} (${recipe.summary})`;
}

function failureMessage(file: PulledFile): string {
  return file.source && !file.error?.includes(file.source)
    ? `${file.error} (from ${file.source})`
    : `${file.error}`;
}
