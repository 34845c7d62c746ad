import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  listRunDirectories,
  queryRunStore,
  readRunStore,
  stageRun,
  writeRunStore,
} from "../../src/store/index.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "wallcast-store-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const record = {
  runId: "r1",
  createdAt: "2026-11-25T00:00:00.000Z",
  wallcastVersion: "0.1.0",
  seed: 7,
  paths: 100,
  scenarios: ["default", "ceiling"],
  parameters: { default: { growth: 4.68 } },
  results: { default: { pDefault: 0.125 } },
};
const table = {
  name: "p_default",
  columns: [
    { name: "scenario", type: "VARCHAR" as const },
    { name: "entity", type: "VARCHAR" as const },
    { name: "year", type: "BIGINT" as const },
    { name: "p", type: "DOUBLE" as const },
  ],
  rows: [
    ["default", "coreweave", 2027, 0.125],
    ["default", "openai", 2027, 0.0625],
    ["ceiling", "coreweave", 2027, null],
  ],
};

describe("run store", () => {
  it("writeRunStore() stores the record and tables, readable back with SQL", async () => {
    const dir = tempDir();
    await writeRunStore(dir, record, [table]);
    const run = await readRunStore(dir);
    expect(run).toMatchObject({ runId: "r1", seed: 7, paths: 100, scenarios: ["default", "ceiling"] });
    expect(run.results).toEqual(record.results);
    expect(run.tables).toEqual(["p_default"]);
    const rows = await queryRunStore(dir, "select sum(p) as total, count(*) as n from p_default");
    expect(rows[0]).toEqual({ total: 0.1875, n: 3 });
  });

  it("writeRunStore() exports each table to Parquet and CSV", async () => {
    const dir = tempDir();
    await writeRunStore(dir, record, [table]);
    expect(existsSync(join(dir, "parquet", "p_default.parquet"))).toBe(true);
    const csv = readFileSync(join(dir, "csv", "p_default.csv"), "utf8")
      .trim()
      .split("\n");
    expect(csv[0]).toBe("scenario,entity,year,p");
    expect(csv[1]).toBe("default,coreweave,2027,0.125");
    const back = await queryRunStore(
      dir,
      `select count(*) as n from read_parquet('${join(dir, "parquet", "p_default.parquet")}')`,
    );
    expect(back[0]).toEqual({ n: 3 });
  });

  it("writeRunStore() rejects a table whose rows do not match its columns", async () => {
    const dir = tempDir();
    await expect(writeRunStore(dir, record, [{ ...table, rows: [["x"]] }])).rejects.toThrow(/invalid row 0/);
  });

  it("stageRun() makes a run visible only once committed, and discard() leaves nothing", () => {
    const out = tempDir();
    const staged = stageRun(out, "run-a");
    expect(listRunDirectories(out)).toEqual([]);
    staged.discard();
    expect(existsSync(staged.stagingDir)).toBe(false);
    expect(() => stageRun(out, "bad/name")).toThrow(/invalid runId/);
  });
});
