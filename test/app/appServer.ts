/**
 * The web app under test: built into dist/app when any of its sources is newer than the build (once per test
 * run), and served by `wallcast serve`'s app in process on a free port of 127.0.0.1, or as plain static files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
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

/** Content types of the built app's files, for the static server. */
const STATIC_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/**
 * Serves dist/app as plain static files, as any static file server would (no API), on a free port of
 * 127.0.0.1; resolves to its base URL and a stop function.
 */
export async function startStaticServer(): Promise<{ base: string; stop: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const file = join(APP_DIR, path === "/" ? "index.html" : normalize(path).replace(/^[/\\]+/, ""));
    const type = STATIC_TYPES[extname(file)];
    if (!file.startsWith(APP_DIR) || type === undefined || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": type }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
