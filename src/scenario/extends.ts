/**
 * Scenarios as overrides: `extends: <library name | relative path>` resolves a scenario file against its parent
 * on the plain YAML value, before schema validation, and remembers where every value was written so that an
 * error still names the file and line it came from. The merge rules are in docs/scenario.md ("Scenarios as
 * overrides").
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type Document, isNode, type LineCounter } from "yaml";
import { InputError, type InputIssue } from "../util/errors.js";
import { formatInputPath } from "../util/inputPath.js";
import { isLibraryName, libraryFile, libraryScenarios } from "./library.js";

/** Most parents above a scenario (a longer chain is a mistake, not a design). */
export const MAX_EXTENDS_DEPTH = 8;

/** One scenario file as read: its YAML document (for line numbers) and its plain value. */
export interface Layer {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  raw: Record<string, unknown>;
}

/** Where a value of a resolved scenario was written: a file's layer and the YAML path inside it. */
export interface Origin {
  layer: Layer;
  path: PropertyKey[];
}

/** The origins of a resolved value: one origin for all of it, or, for a merged container, one per key. */
export interface OriginTree extends Origin {
  children?: Map<PropertyKey, OriginTree>;
}

/** A scenario file with its `extends` chain applied: the merged value, the files, where each value came from. */
export interface ResolvedScenario {
  raw: Record<string, unknown>;
  /** The files of the chain, the scenario's own first, its root (the file without `extends`) last. */
  chain: string[];
  origins: OriginTree;
}

/** Top-level lists merged by `id`. */
const LISTS_BY_ID = new Set(["entities", "contracts", "events"]);
/** What `remove:` may name. */
const REMOVABLE = ["entities", "contracts", "events", "sources", "world"] as const;
type Removable = (typeof REMOVABLE)[number];

/** A name in `remove:`, the key it removes (the field of `group.field` for world) and the path that wrote it. */
interface Removal {
  name: string;
  key: string;
  path: PropertyKey[];
}

/** A value of the merge together with where it came from. */
interface Slot {
  value: unknown;
  origin: OriginTree;
}

/** Resolves `layer` against its `extends` chain; `read` reads a parent file into a layer. */
export function resolveExtends(layer: Layer, read: (file: string) => Layer): ResolvedScenario {
  return resolveChain(layer, read, []);
}

/** Where the value at `path` of a resolved scenario was written. */
export function originOf(tree: OriginTree, path: readonly PropertyKey[]): Origin {
  let node = tree;
  let depth = 0;
  while (depth < path.length) {
    const next = node.children?.get(path[depth]);
    if (next === undefined) break;
    node = next;
    depth++;
  }
  return { layer: node.layer, path: [...node.path, ...path.slice(depth)] };
}

/** The line of the deepest node of `layer` that exists along `path`. */
export function lineAt(layer: Layer, path: readonly PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = layer.doc.getIn(path.slice(0, depth) as Array<string | number>, true);
    if (isNode(node) && node.range) return layer.lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

function resolveChain(layer: Layer, read: (file: string) => Layer, below: string[]): ResolvedScenario {
  const issue = (path: PropertyKey[], message: string, value?: unknown) =>
    new InputError(issueAt(layer, path, message, value));
  if (!Object.hasOwn(layer.raw, "extends")) {
    if (Object.hasOwn(layer.raw, "remove"))
      throw issue(["remove"], "needs extends: (there is nothing to remove from)");
    return { raw: layer.raw, chain: [layer.file], origins: { layer, path: [] } };
  }
  const ref = layer.raw.extends;
  if (typeof ref !== "string" || ref.trim() === "")
    throw issue(["extends"], "must be a library scenario name or a path to a YAML file", ref);
  const parentPath = parentFile(ref, layer);
  const files = [...below, layer.file];
  const seen = files.map((f) => resolve(f));
  if (seen.includes(parentPath))
    throw issue(["extends"], `cycle: ${[...files, parentPath].join(" → ")}`, ref);
  if (files.length > MAX_EXTENDS_DEPTH)
    throw issue(["extends"], `more than ${MAX_EXTENDS_DEPTH} parents: ${files.join(" → ")} → …`, ref);
  const parent = resolveChain(read(parentPath), read, files);
  const merged = mergeLayer(parent, layer);
  return { ...merged, chain: [layer.file, ...parent.chain] };
}

// A library name (letters, digits, `-`, `_`) is a file of the package's scenarios/; anything else is a path
// relative to the extending file's folder.
function parentFile(ref: string, child: Layer): string {
  if (isLibraryName(ref)) {
    const file = libraryFile(ref);
    if (file !== undefined) return resolve(file);
    const names = libraryScenarios().map((s) => s.id);
    throw new InputError(issueAt(child, ["extends"], `not a library scenario (${names.join(", ")})`, ref));
  }
  const file = resolve(dirname(child.file), ref);
  if (!existsSync(file)) throw new InputError(issueAt(child, ["extends"], `no such file: ${file}`, ref));
  return file;
}

/** The child's top level over the resolved parent's: see docs/scenario.md for the rules. */
function mergeLayer(parent: ResolvedScenario, child: Layer): Omit<ResolvedScenario, "chain"> {
  const issues: InputIssue[] = [];
  const removals = readRemovals(child, issues);
  const found = new Set<Removal>();
  const own: Slot = {
    value: Object.fromEntries(Object.entries(child.raw).filter(([k]) => k !== "extends" && k !== "remove")),
    origin: { layer: child, path: [] },
  };
  const top = mergeRecord({ value: parent.raw, origin: parent.origins }, own, [], (key, p, c) => {
    const removed = removals.get(key as Removable) ?? [];
    if (key === "sources") return mergeRecord(p, c, removed, undefined, found);
    if (key === "world") return mergeWorld(p, c, removed, found);
    if (LISTS_BY_ID.has(key as string)) return mergeList(p, c, removed, found);
    return c ?? p;
  });
  for (const list of removals.values())
    for (const removal of list)
      if (!found.has(removal))
        issues.push(issueAt(child, removal.path, "not in the parent scenario", removal.name));
  if (issues.length > 0) throw new InputError(issues);
  return { raw: top.value as Record<string, unknown>, origins: top.origin };
}

/** `remove:` checked and grouped by what it removes from; problems go to `issues`. */
function readRemovals(child: Layer, issues: InputIssue[]): Map<Removable, Removal[]> {
  const out = new Map<Removable, Removal[]>();
  if (!Object.hasOwn(child.raw, "remove")) return out;
  const remove = child.raw.remove;
  if (!isRecord(remove)) {
    issues.push(issueAt(child, ["remove"], `must be a mapping of ${REMOVABLE.join(", ")}`));
    return out;
  }
  for (const [key, names] of Object.entries(remove)) {
    const path = ["remove", key];
    if (!(REMOVABLE as readonly string[]).includes(key)) {
      issues.push(issueAt(child, path, `unknown key; expected one of ${REMOVABLE.join(", ")}`, key));
      continue;
    }
    if (!Array.isArray(names)) {
      issues.push(issueAt(child, path, "must be a list of names"));
      continue;
    }
    const list: Removal[] = [];
    names.forEach((name, i) => {
      const at = [...path, i];
      if (typeof name !== "string") issues.push(issueAt(child, at, "must be a name", name));
      else if (key !== "world") list.push({ name, key: name, path: at });
      else if (/^[^.]+\.[^.]+$/.test(name))
        list.push({ name, key: name.slice(name.indexOf(".") + 1), path: at });
      else issues.push(issueAt(child, at, "must be group.field", name));
    });
    out.set(key as Removable, list);
  }
  return out;
}

/** `world`: merged by group and, within a group, by field; removals name `group.field`. */
function mergeWorld(parent: Slot, child: Slot | undefined, removed: Removal[], found: Set<Removal>): Slot {
  const byGroup = new Map<string, Removal[]>();
  for (const removal of removed) {
    const group = removal.name.slice(0, removal.name.indexOf("."));
    byGroup.set(group, [...(byGroup.get(group) ?? []), removal]);
  }
  return mergeRecord(parent, child, [], (group, p, c) =>
    mergeRecord(p, c, byGroup.get(String(group)) ?? [], undefined, found),
  );
}

/**
 * A mapping merged by key: the parent's keys in order less `removed`, each replaced by the child's or merged
 * by `inner` (given the child's value or undefined); then the child's new keys. A child that is not a mapping
 * (or a parent that is not) replaces it whole, for the schema to judge.
 */
function mergeRecord(
  parent: Slot,
  child: Slot | undefined,
  removed: Removal[],
  inner?: (key: PropertyKey, parent: Slot, child: Slot | undefined) => Slot,
  found: Set<Removal> = new Set(),
): Slot {
  if (child === undefined && removed.length === 0 && inner === undefined) return parent;
  if (child !== undefined && !(isRecord(parent.value) && isRecord(child.value))) return child;
  const parentValue = isRecord(parent.value) ? parent.value : {};
  const childValue = child !== undefined && isRecord(child.value) ? child.value : {};
  const entries: Array<[string, Slot]> = [];
  for (const [key, value] of Object.entries(parentValue)) {
    const removal = removed.find((r) => r.key === key);
    if (removal) {
      found.add(removal);
      continue;
    }
    const p = { value, origin: originAt(parent.origin, key) };
    const c = Object.hasOwn(childValue, key)
      ? { value: childValue[key], origin: originAt((child as Slot).origin, key) }
      : undefined;
    entries.push([key, inner ? inner(key, p, c) : (c ?? p)]);
  }
  const inherited = new Set(entries.map(([key]) => key));
  for (const [key, value] of Object.entries(childValue))
    if (!inherited.has(key)) entries.push([key, { value, origin: originAt((child as Slot).origin, key) }]);
  return container(
    child ?? parent,
    Object.fromEntries(entries.map(([key, slot]) => [key, slot.value])),
    entries.map(([key, slot]) => [key, slot.origin]),
  );
}

/**
 * A list merged by `id`: the parent's entries less `removed`; a child entry whose id the parent has replaces
 * that entry in place, any other is appended in order. Either side not a list: the child replaces it whole.
 */
function mergeList(parent: Slot, child: Slot | undefined, removed: Removal[], found: Set<Removal>): Slot {
  if (child === undefined && removed.length === 0) return parent;
  if (child !== undefined && !(Array.isArray(parent.value) && Array.isArray(child.value))) return child;
  const items: Slot[] = [];
  (Array.isArray(parent.value) ? parent.value : []).forEach((value, i) => {
    const removal = removed.find((r) => r.key === idOf(value));
    if (removal) found.add(removal);
    else items.push({ value, origin: originAt(parent.origin, i) });
  });
  const position = new Map<string, number>();
  items.forEach((item, i) => {
    const id = idOf(item.value);
    if (id !== undefined && !position.has(id)) position.set(id, i);
  });
  (Array.isArray(child?.value) ? child.value : []).forEach((value, j) => {
    const slot = { value, origin: originAt((child as Slot).origin, j) };
    const id = idOf(value);
    const at = id === undefined ? undefined : position.get(id);
    if (at === undefined) items.push(slot);
    else {
      items[at] = slot;
      // A second entry with the same id is appended, so that the duplicate is reported where it was written.
      position.delete(id as string);
    }
  });
  return container(
    child ?? parent,
    items.map((item) => item.value),
    items.map((item, i) => [i, item.origin]),
  );
}

/** A merged container located where its writer (the child, else the parent) wrote it. */
function container(writer: Slot, value: unknown, children: Array<[PropertyKey, OriginTree]>): Slot {
  return {
    value,
    origin: { layer: writer.origin.layer, path: writer.origin.path, children: new Map(children) },
  };
}

function originAt(tree: OriginTree, key: PropertyKey): OriginTree {
  return tree.children?.get(key) ?? { layer: tree.layer, path: [...tree.path, key] };
}

function idOf(entry: unknown): string | undefined {
  return isRecord(entry) && typeof entry.id === "string" ? entry.id : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function issueAt(layer: Layer, path: PropertyKey[], message: string, value?: unknown): InputIssue {
  const issue: InputIssue = { file: layer.file, field: formatInputPath(path), message };
  const line = lineAt(layer, path);
  if (line !== undefined) issue.line = line;
  if (value !== undefined) issue.value = value;
  return issue;
}
