import { bnslRecipe } from "./bnsl.js";
import { epochHubJoinRecipe } from "./epochHubJoin.js";
import { llmStatsRecipe } from "./llmStats.js";
import { muennighoff2023Recipe } from "./muennighoff2023.js";
import { porian2024Recipe } from "./porian2024.js";
import type { Recipe } from "./recipe.js";

export type { DataInput, Recipe, RecipeInputs, UpstreamFile } from "./recipe.js";

/** Every recipe: one per dataset that has `DERIVED_` files. */
export const RECIPES: readonly Recipe[] = [
  bnslRecipe,
  muennighoff2023Recipe,
  porian2024Recipe,
  epochHubJoinRecipe,
  llmStatsRecipe,
];

/** The recipe that rebuilds the derived files of dataset `id`; undefined when none does. */
export function recipeFor(id: string): Recipe | undefined {
  return RECIPES.find((r) => r.dataset === id);
}

/** Where the recipe's inputs come from, for a listing: `owner/repo@commit12` of each original, else its data files. */
export function recipeOrigin(recipe: Recipe): string {
  const repos = new Set(recipe.upstream.map((o) => `${o.repo}@${o.commit.slice(0, 12)}`));
  if (repos.size > 0) return [...repos].join(", ");
  return (recipe.data ?? []).map((d) => `${d.dataset}/${d.file}`).join(", ");
}
