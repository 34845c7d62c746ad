/**
 * Upper bounds on every size a user can type or feed in. Each is far above the legitimate work of the library
 * (in brackets: the largest the project itself runs), and low enough that a typo fails at once with a clear
 * message instead of exhausting memory or running for days.
 */

/** Monte Carlo paths per scenario or design point [10,000 in the economy bench]. */
export const MAX_PATHS = 1_000_000;
/** Bootstrap replicates of a fit, an index or a bend estimate [4,000 for case S3]. */
export const MAX_BOOTSTRAP = 100_000;
/** Worker threads [2 on the project's machine]. */
export const MAX_THREADS = 64;
/** Sensitivity samples (Sobol base samples, Morris trajectories, tornado points) [64 by default]. */
export const MAX_SAMPLES = 65_536;
/** A seed: any integer the random streams take exactly (a float64 holds integers up to 2^53 − 1). */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;
/** Rows a count flag can name (--drop-worst, --holdout, --top, --min-segment) [22,000 in Epoch's models table]. */
export const MAX_ROWS = 10_000_000;
/** Reverse-stress grid steps before the bisection [10 by default]. */
export const MAX_GRID_STEPS = 1_000;
/** Months between two dates of the US–China gap series [1 by default]. */
export const MAX_STEP_MONTHS = 120;
/** Seniority layers of a liability network [3 in the economy]. */
export const MAX_LAYERS = 64;
/** Simulated horizon, quarters [40 in the library]. */
export const MAX_HORIZON_QUARTERS = 400;
/** Forecast horizon, years [a few in the backtests]. */
export const MAX_HORIZON_YEARS = 100;
/** Bytes of a JSON input file (a network) [66 MB for the n = 10^5 bench network]. */
export const MAX_JSON_FILE_BYTES = 512 * 1024 * 1024;
/** Bytes of a scenario YAML file [~30 kB for the library's largest]. */
export const MAX_YAML_FILE_BYTES = 16 * 1024 * 1024;
/** Bytes of one CSV row [~4 kB in Epoch's models table]. */
export const MAX_CSV_ROW_BYTES = 1024 * 1024;
/** Bytes of a CSV file [4.2 MB, Epoch's full models table]. */
export const MAX_CSV_FILE_BYTES = 256 * 1024 * 1024;
/** Nesting depth of a JSON value given on the command line or in a file [4 in a network file]. */
export const MAX_JSON_DEPTH = 64;
/** YAML alias expansions per document (the yaml library's `maxAliasCount`) [none in the library]. */
export const MAX_YAML_ALIASES = 100;
/** Characters of a user's value quoted back in an error message. */
export const MAX_QUOTED_VALUE_CHARS = 80;
