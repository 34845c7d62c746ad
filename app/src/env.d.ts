/**
 * Module types the bundler provides: Svelte components, the library scenarios resolved at build time and workers
 * inlined into the bundle.
 */
declare module "*.svelte" {
  import type { Component } from "svelte";

  const component: Component;
  export default component;
}

declare module "virtual:wallcast-scenarios" {
  import type { Scenario } from "../../src/scenario/schema.js";
  /** The library's scenarios, `default` first, resolved (extends applied) by the build. */
  export const libraryScenarios: ReadonlyArray<{ id: string; scenario: Scenario }>;
}

declare module "*?worker&inline" {
  /** Starts the worker from the bundled copy of its code. */
  const WorkerFactory: new () => Worker;
  export default WorkerFactory;
}
