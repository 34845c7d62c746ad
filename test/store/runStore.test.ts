import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterEach, describe, expect, it } from "vitest";
import {
  DamagedRunError,
  listRuns,
  queryRunStore,
  RUN_DATABASE,
  readRunHeader,
  readRunStore,
  writeRunStore,
} from "../../src/store/index.js";
import { InputError } from "../../src/util/errors.js";
import { runMain } from "../support/inProcess.js";

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
});

// A copy of a stored run with `bytes` written over its database at `offset`.
async function damagedCopy(out: string, name: string, bytes: Buffer, offset: number): Promise<string> {
  const dir = join(out, name);
  await writeRunStore(dir, { ...record, runId: name }, [table]);
  const fd = openSync(join(dir, RUN_DATABASE), "r+");
  writeSync(fd, bytes, 0, bytes.length, offset);
  closeSync(fd);
  return dir;
}

describe("a damaged run store", () => {
  it("garbage over the header is a DamagedRunError naming the run, with DuckDB's reason on one line", async () => {
    const out = tempDir();
    const dir = await damagedCopy(out, "garbage", Buffer.from("not a database ".repeat(300)), 0);
    const error = await readRunHeader(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DamagedRunError);
    expect(error).toBeInstanceOf(InputError);
    expect((error as DamagedRunError).reason).toBe(
      'IO Error: The file "run.duckdb" exists, but it is not a valid DuckDB database file!',
    );
    expect((error as Error).message).toBe(
      `${join(dir, RUN_DATABASE)}: damaged run store: IO Error: The file "run.duckdb" exists, but it is not a valid DuckDB database file!`,
    );
    await expect(queryRunStore(dir, "select * from p_default")).rejects.toThrow(DamagedRunError);
  });

  it("a corrupted block is reported by its checksum", async () => {
    const out = tempDir();
    const dir = await damagedCopy(out, "block", Buffer.alloc(4096, 0xab), 8192);
    await expect(readRunStore(dir)).rejects.toThrow(
      /run\.duckdb: damaged run store: IO Error: Corrupt database file: computed checksum \d+ does not match/,
    );
  });

  it("a database without a run record, or a table the run lacks, is damaged too", async () => {
    const dir = tempDir();
    await writeRunStore(dir, record, [table]);
    await expect(queryRunStore(dir, "select * from no_such_table")).rejects.toThrow(
      /damaged run store: Catalog Error: Table with name no_such_table does not exist!/,
    );
    const empty = tempDir();
    await writeRunStore(empty, record, []);
    const instance = await DuckDBInstance.create(join(empty, RUN_DATABASE));
    const connection = await instance.connect();
    await connection.run("delete from run");
    connection.closeSync();
    instance.closeSync();
    await expect(readRunHeader(empty)).rejects.toThrow(/damaged run store: no run record$/);
  });

  it("listRuns() lists a damaged run as damaged, beside the good ones, in name order", async () => {
    const out = tempDir();
    await writeRunStore(join(out, "a-good"), { ...record, runId: "a-good" }, [table]);
    await damagedCopy(out, "b-bad", Buffer.from("x".repeat(5000)), 0);
    await writeRunStore(join(out, "c-good"), { ...record, runId: "c-good" }, [table]);
    const runs = await listRuns(out);
    expect(runs.map((r) => [r.runId, r.status])).toEqual([
      ["a-good", "stored"],
      ["b-bad", "damaged"],
      ["c-good", "stored"],
    ]);
    expect(runs[1]).toEqual({
      status: "damaged",
      runId: "b-bad",
      dir: join(out, "b-bad"),
      reason: 'IO Error: The file "run.duckdb" exists, but it is not a valid DuckDB database file!',
    });
    expect(runs[0]).toMatchObject({ seed: 7, paths: 100, scenarios: ["default", "ceiling"] });
  });

  it("the CLI lists a damaged run and exits 2 with one line on show and diff", async () => {
    const out = tempDir();
    await writeRunStore(join(out, "good"), { ...record, runId: "good" }, [table]);
    await damagedCopy(out, "bad", Buffer.from("x".repeat(5000)), 0);
    const listed = await runMain(["runs", "list", "--out", out]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      /^bad {26}damaged: IO Error: The file "run.duckdb" exists, but it is not a valid DuckDB database file!\ngood /,
    );
    const json = await runMain(["runs", "list", "--out", out, "--json"]);
    expect(JSON.parse(json.stdout).runs.map((r: { status: string }) => r.status)).toEqual([
      "damaged",
      "stored",
    ]);
    for (const argv of [
      ["runs", "show", "bad", "--out", out],
      ["runs", "diff", "good", "bad", "--out", out],
    ]) {
      const shown = await runMain(argv);
      expect(shown.code).toBe(2);
      expect(shown.stdout).toBe("");
      expect(shown.stderr).toBe(
        `wallcast: ${join(out, "bad", RUN_DATABASE)}: damaged run store: IO Error: The file "run.duckdb" exists, but it is not a valid DuckDB database file!\n`,
      );
    }
  });
});
