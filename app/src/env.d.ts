/** Module types the bundler provides: Svelte components and the library scenarios resolved at build time. */
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
