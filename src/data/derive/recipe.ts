/**
 * A recipe rebuilds the `DERIVED_` files of one dataset from their pinned public originals, so every dataset can
 * be obtained from public sources. The originals are fetched (or copied from a mirror laid out like their raw
 * GitHub URLs: `<owner>/<repo>/<commit>/<path>`) and verified against their sha256 before the recipe runs; the
 * files it writes are verified against the registry's sha256 of the derived file.
 */

/** One public original a recipe reads, pinned to a commit of a GitHub repository. */
export interface UpstreamFile {
  /** `owner/repo` on GitHub. */
  repo: string;
  /** Commit, 40 hex digits. */
  commit: string;
  /** Path inside the repository at that commit. */
  path: string;
  /** Size in bytes. */
  bytes: number;
  /** Lower-case hex sha256. */
  sha256: string;
}

/** A file of another dataset that a recipe reads from the data directory (pulled and verified first). */
export interface DataInput {
  /** Dataset id in the registry. */
  dataset: string;
  /** File name within that dataset. */
  file: string;
}

/** What a recipe is handed: the verified bytes of each input it declared. */
export interface RecipeInputs {
  /** Bytes of an upstream original, by its path in its repository. */
  upstream(path: string): Buffer;
  /** Bytes of a data-directory file of another dataset. */
  data(dataset: string, file: string): Buffer;
}

/** How to rebuild the derived files of one dataset. */
export interface Recipe {
  /** Dataset id in the registry. */
  dataset: string;
  /** One line: what the recipe does, shown by `wallcast data list`. */
  summary: string;
  /** Public originals, fetched and verified before `build` runs. */
  upstream: readonly UpstreamFile[];
  /** Files of other datasets it reads (default none). */
  data?: readonly DataInput[];
  /** External programs it needs, with the Debian packages that provide them (shown when missing). */
  requires?: { command: string; debianPackages: string[] };
  /** The derived files, by file name, exactly as the registry pins them. */
  build(inputs: RecipeInputs): Promise<Map<string, Buffer>>;
}
