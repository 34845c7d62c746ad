import type { Recipe, UpstreamFile } from "./recipe.js";

/** The BNSL script whose arrays `x` and `y` are the 4-digit-addition points of Caballero et al. Fig. 4 (left). */
const SCRIPT: UpstreamFile = {
  repo: "ethancaballero/broken_neural_scaling_laws",
  commit: "ffa608f7ca7910b6f6bcbd39915491353ad5d600",
  path: "fit_bnsl_and_extrapolate__4_digit_addition__dataset_size_x-axis.py",
  bytes: 3101,
  sha256: "70d96aadb61810e71ce8b63a887e0ec42fb544a97aef3e63ac93921ef7bda509",
};

const OUTPUT = "DERIVED_bnsl_4digit_addition_fig4left.csv";

/** The literals of the module-level `name = np.array([...])` in `script`, as written (so the CSV copies them verbatim). */
export function numpyArrayLiterals(script: string, name: string): string[] {
  const match = new RegExp(`^${name} = np\\.array\\(\\[([^\\]]*)\\]\\)`, "m").exec(script);
  if (!match) throw new Error(`no '${name} = np.array([...])' in the BNSL script`);
  const literals = match[1].split(/[\s,]+/).filter((s) => s !== "");
  for (const literal of literals) {
    if (!Number.isFinite(Number(literal))) throw new Error(`not a number in array ${name}: ${literal}`);
  }
  return literals;
}

/** The integer assigned to `split_point` in the script: how many leading points the fit uses. */
export function splitPoint(script: string): number {
  const match = /^\s*split_point = (\d+)\s*$/m.exec(script);
  if (!match) throw new Error("no 'split_point = <n>' in the BNSL script");
  return Number(match[1]);
}

/** `training_dataset_size,test_cross_entropy,split` rows: x, y copied verbatim; `fit` before split_point, else `extrapolate`. */
export function bnslCsv(script: string): string {
  const x = numpyArrayLiterals(script, "x");
  const y = numpyArrayLiterals(script, "y");
  if (x.length !== y.length) throw new Error(`BNSL arrays differ in length: x ${x.length}, y ${y.length}`);
  const split = splitPoint(script);
  const rows = x.map((xi, i) => `${xi},${y[i]},${i < split ? "fit" : "extrapolate"}`);
  return `${["training_dataset_size,test_cross_entropy,split", ...rows].join("\n")}\n`;
}

/** Rebuilds the bnsl dataset's CSV from the repository's script. */
export const bnslRecipe: Recipe = {
  dataset: "bnsl",
  summary: "arrays x, y of the 4-digit-addition script, split at split_point = 14",
  upstream: [SCRIPT],
  async build(inputs) {
    const script = inputs.upstream(SCRIPT.path).toString("utf8");
    return new Map([[OUTPUT, Buffer.from(bnslCsv(script), "utf8")]]);
  },
};
