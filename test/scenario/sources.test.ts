/**
 * The scenarios' sources live inside the repository: every source key of the library and of the test fixture has
 * an entry in docs/sources.md (citation, date, URL line), every source's `document` points at that entry, and no
 * file of the project points at material outside the repository.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { libraryScenarios } from "../../src/scenario/library.js";
import { loadScenario, visitQuantities } from "../../src/scenario/loader.js";
import type { Quantity, Scenario } from "../../src/scenario/schema.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SOURCES_MD = join(ROOT, "docs", "sources.md");
const FIXTURE = join(ROOT, "test", "economy", "fixtures", "small.yaml");

/** The library's scenarios and the engine's test fixture, by a readable name. */
async function scenarios(): Promise<[string, Scenario][]> {
  const files = [...libraryScenarios().map(({ id, file }) => [id, file]), ["fixture small", FIXTURE]];
  return Promise.all(
    files.map(async ([name, file]) => [name, await loadScenario(file)] as [string, Scenario]),
  );
}

/** docs/sources.md split into its `### key` entries: key → the entry's lines. */
function entries(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of readFileSync(SOURCES_MD, "utf8").split("\n")) {
    const heading = /^### (\S+)\s*$/.exec(line);
    if (heading) {
      expect(out.has(heading[1]), `duplicate entry ### ${heading[1]}`).toBe(false);
      current = [];
      out.set(heading[1], current);
    } else if (/^#{1,2} /.test(line)) current = undefined;
    else current?.push(line);
  }
  return out;
}

/** The value of an entry's `- Field: value` line with its indented continuation lines (sub-lists included). */
function field(lines: string[], name: string): string | undefined {
  const start = lines.findIndex((l) => l.startsWith(`- ${name}:`));
  if (start < 0) return undefined;
  const parts = [lines[start].slice(name.length + 3).trim()];
  for (const line of lines.slice(start + 1)) {
    if (!/^ {2,}\S/.test(line)) break;
    parts.push(line.trim());
  }
  return parts.join(" ");
}

/** Every file under `dir`, recursively. */
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

describe("docs/sources.md", () => {
  it("has an entry with a citation, a date and a URL line for every source key of the library and the fixture", async () => {
    const docs = entries();
    let keys = 0;
    for (const [name, scenario] of await scenarios()) {
      expect(Object.keys(scenario.sources).length, name).toBeGreaterThan(0);
      for (const key of Object.keys(scenario.sources)) {
        const where = `${name}: source ${key}`;
        const entry = docs.get(key);
        expect(entry, `${where}: no "### ${key}" in docs/sources.md`).toBeDefined();
        if (entry === undefined) continue;
        expect(field(entry, "Citation")?.length ?? 0, `${where}: citation`).toBeGreaterThan(10);
        expect(field(entry, "Date") ?? "", `${where}: date`).toMatch(/\b(19|20)\d\d\b/);
        expect(field(entry, "URL") ?? "", `${where}: URL`).toMatch(/https?:\/\/\S+|^not located \(.+\)/);
        expect(field(entry, "Locator")?.length ?? 0, `${where}: locator`).toBeGreaterThan(5);
        expect(field(entry, "Figures") ?? entry.join(" "), `${where}: reliability tag`).toMatch(/\[[VSU]\b/);
        keys++;
      }
    }
    expect(keys).toBeGreaterThanOrEqual(30);
  });

  it("is named by every scenario source: document ends in docs/sources.md#<key>, with a locator and a date", async () => {
    for (const [name, scenario] of await scenarios()) {
      for (const [key, source] of Object.entries(scenario.sources)) {
        const where = `${name}: source ${key}`;
        expect(source.document, where).toContain(`docs/sources.md#${key}`);
        expect(source.locator.length, where).toBeGreaterThan(5);
        expect(source.date, where).toMatch(/^(19|20)\d\d/);
      }
      // Quantities cite sources by key, so every citation goes through the map checked above.
      visitQuantities(scenario, (q: Quantity, path) => {
        if (q.source !== undefined) expect(typeof q.source, `${name}: ${path.join(".")}`).toBe("string");
      });
    }
  });
});

describe("the project's files", () => {
  it("point at nothing outside the repository", () => {
    // Built from parts so that this file does not contain them itself.
    const forbidden = [["figures", "md"].join("."), ["", "work", ""].join("/"), ["..", "shared"].join("/")];
    const files = [
      ...["scenarios", "docs", "src", "test"].flatMap((dir) => walk(join(ROOT, dir))),
      join(ROOT, "README.md"),
    ];
    expect(files.length).toBeGreaterThan(50);
    const hits: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const needle of forbidden)
        if (text.includes(needle)) hits.push(`${relative(ROOT, file)} contains ${JSON.stringify(needle)}`);
    }
    expect(hits).toEqual([]);
  });
});
