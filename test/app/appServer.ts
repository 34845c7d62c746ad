/**
 * The web app under test: built into dist/app when any of its sources is newer than the build (once per test
 * run), and served by `wallcast serve`'s app in process on a free port of 127.0.0.1.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { build } from "vite";
import { packageRoot } from "../../src/scenario/library.js";
import { createApp } from "../../src/serve/index.js";

const ROOT = packageRoot();
export const APP_DIR = join(ROOT, "dist", "app");

/** Newest modification time of the files under `dir`, ms. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** Builds the app unless dist/app is newer than app/, src/ and scenarios/. */
export async function ensureAppBuilt(): Promise<void> {
  const index = join(APP_DIR, "index.html");
  const sources = Math.max(...["app", "src", "scenarios"].map((d) => newest(join(ROOT, d))));
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  await build({ configFile: join(ROOT, "app", "vite.config.ts"), logLevel: "warn" });
}

/** Starts `wallcast serve`'s app over `out` on a free port; resolves to its base URL and a stop function. */
export async function startServer(out: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const app = createApp({ out, threads: 1, localOnly: true });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}
