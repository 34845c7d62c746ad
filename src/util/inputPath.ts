/** Locating a problem inside parsed input (JSON, YAML) by its key path, as validation issues report it. */

/** `["entities", 3, "cash"]` → `entities[3].cash`; `""` for the empty path (the root). */
export function formatInputPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** The value at `path` inside `root`, or undefined when the path leaves the object tree. */
export function valueAtPath(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}
