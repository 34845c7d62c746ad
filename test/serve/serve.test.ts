import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { threadId } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runShared } from "../../src/util/shareWork.js";
import { VERSION } from "../../src/version.js";
import { checkPage } from "../support/browser.js";
import { CLI, DATA } from "../support/cli.js";
import { runMain } from "../support/inProcess.js";
import { square } from "../util/shareWorkFixture.js";
import { fixtureRuns } from "./fixture.js";

const SHARE_FIXTURE = new URL("../util/shareWorkFixture.ts", import.meta.url);

let out: string;
let cleanup: () => void;
beforeAll(async () => {
  ({ out, cleanup } = await fixtureRuns());
}, 60_000);
afterAll(() => cleanup());

describe("wallcast serve", () => {
  it("listens on a free port on 127.0.0.1, prints the URL on one line, answers and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, "serve", "--port", "0", "--out", out], {
      env: { ...process.env, WALLCAST_DATA: DATA },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let stdout = "";
        child.stdout.on("data", (d) => {
          stdout += d;
          if (stdout.includes("\n")) resolve(stdout);
        });
        child.on("close", () => reject(new Error(`serve exited: ${stderr}`)));
      });
      const match = /^wallcast serve: listening on (http:\/\/127\.0\.0\.1:\d+\/)\n$/.exec(line);
      expect(match, line).not.toBeNull();
      const base = match?.[1] as string;
      const health = await fetch(new URL("api/health", base));
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true, version: VERSION });
      const runs = await (await fetch(new URL("api/runs", base))).json();
      expect(runs.runs.map((r: { runId: string }) => r.runId)).toEqual(["a", "b"]);
      const index = await (await fetch(new URL("runs/", base))).text();
      expect(index).toContain('href="/runs/a/report.html"');
      // The index and a report it links load in a browser without console errors.
      const page = await checkPage(new URL("runs/", base).href);
      expect(page.errors).toEqual([]);
      expect(page.title).toBe(`wallcast ${VERSION}: stored runs`);
      const report = await checkPage(new URL("runs/a/report.html", base).href);
      expect(report.errors).toEqual([]);
      expect(report.title).toBe("report a");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stderr).toBe("");
  }, 60_000);

  it("a port in use or out of range exits 2 with one line", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const busy = await runMain(["serve", "--port", String(port), "--out", out]);
      expect([busy.code, busy.stdout, busy.stderr]).toEqual([
        2,
        "",
        `wallcast: --port: address already in use (got "127.0.0.1:${port}")\n`,
      ]);
    } finally {
      taken.close();
    }
    // A server that failed to start leaves the calling thread working (`setCallerWorks` only once it listens).
    const one = await runShared(SHARE_FIXTURE, square, [{ x: 3, caller: threadId }], { threads: 1 });
    expect(one).toEqual([{ square: 9, thread: threadId }]);
    const range = await runMain(["serve", "--port", "70000"]);
    expect([range.code, range.stdout, range.stderr]).toEqual([
      2,
      "",
      'wallcast: --port: must be an integer from 0 to 65535 (got "70000")\n',
    ]);
  });
});
