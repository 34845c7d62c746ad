import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { delimiter, join } from "node:path";
import type { Recipe } from "./recipe.js";

/** Whether `command` is an executable file in one of the folders of `PATH`. */
export async function commandOnPath(command: string, path = process.env.PATH ?? ""): Promise<boolean> {
  for (const folder of path.split(delimiter)) {
    if (folder === "") continue;
    try {
      await access(join(folder, command), constants.X_OK);
      return true;
    } catch {
      // Not in this folder; try the next.
    }
  }
  return false;
}

/** `apt-get install <packages>` for what the recipe needs, or "" when it needs no external program. */
export function installHint(recipe: Recipe): string {
  return recipe.requires ? `apt-get install ${recipe.requires.debianPackages.join(" ")}` : "";
}

/** Why the recipe cannot run here (its program is missing), naming the Debian packages; undefined when it can. */
export async function missingRequirement(recipe: Recipe): Promise<string | undefined> {
  if (!recipe.requires || (await commandOnPath(recipe.requires.command))) return undefined;
  return `the ${recipe.dataset} recipe needs '${recipe.requires.command}', which is not on PATH: ${installHint(recipe)}`;
}
