/**
 * Builds the web app into dist/app with relative URLs (base "./"), so the folder works behind `wallcast serve`,
 * as static files on any server and opened from disk (file://). The library scenarios are resolved here, in
 * Node, and bundled as JSON.
 *
 * A page opened from file:// has an opaque origin: the browser refuses it module scripts, module workers and
 * fetch(). So the bundle is one classic script (IIFE, loaded with `defer`, its styles injected by the script),
 * the chunk worker is inlined (a classic worker started from a blob URL) and the data the app needs (scenarios,
 * levers) is bundled, not fetched.
 */
import { fileURLToPath } from "node:url";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig, type Plugin } from "vite";
import { libraryScenarios } from "../src/scenario/library.js";
import { readScenarioText, resolveScenario } from "../src/scenario/loader.js";

const SCENARIOS_ID = "virtual:wallcast-scenarios";
const NODE_ONLY = fileURLToPath(new URL("./src/engine/nodeOnly.ts", import.meta.url));

/**
 * The engine in the browser: the Node-only imports of the scenario layer's simulate.ts and worker.ts go to
 * stand-ins (the app uses neither module's Node-only functions); any other Node import fails the build, so the
 * bundle holds only the pure engine.
 */
const browserEngine: Plugin = {
  name: "wallcast-browser-engine",
  enforce: "pre",
  resolveId(id, importer) {
    if (
      id === "node:crypto" ||
      id === "piscina" ||
      ((id.endsWith("/util/pool.js") || id.endsWith("/util/shareWork.js")) &&
        importer?.includes("/src/scenario/"))
    )
      return NODE_ONLY;
    if (id.startsWith("node:")) throw new Error(`${importer} imports ${id}: not in the browser bundle`);
    return undefined;
  },
};

/** The built page loads its bundle as a classic script, which file:// allows (a module script it does not). */
const classicScript: Plugin = {
  name: "wallcast-classic-script",
  transformIndexHtml: {
    order: "post",
    handler: (html) => html.replace(/<script type="module" crossorigin /g, "<script defer "),
  },
};

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  plugins: [
    svelte({ configFile: false }),
    browserEngine,
    classicScript,
    {
      name: "wallcast-scenarios",
      resolveId: (id) => (id === SCENARIOS_ID ? `\0${SCENARIOS_ID}` : undefined),
      load(id) {
        if (id !== `\0${SCENARIOS_ID}`) return undefined;
        const scenarios = libraryScenarios().map(({ id, file }) => ({
          id,
          scenario: resolveScenario(readScenarioText(file), file).scenario,
        }));
        // The engine reads the numbers, not their provenance: sources and reasons stay out of the bundle.
        const json = JSON.stringify(scenarios, (key, value) =>
          key === "source" || key === "reason" ? undefined : value,
        );
        return `export const libraryScenarios = ${json};`;
      },
    },
  ],
  worker: { format: "iife", plugins: () => [browserEngine] },
  build: {
    modulePreload: false,
    rolldownOptions: { output: { format: "iife" } },
    // Plot, the engine, the library scenarios and the inlined worker make one script of about 1 MB (280 kB
    // gzipped).
    chunkSizeWarningLimit: 1500,
    outDir: fileURLToPath(new URL("../dist/app", import.meta.url)),
    emptyOutDir: true,
  },
});
