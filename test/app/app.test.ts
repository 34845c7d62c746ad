import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureRuns } from "../serve/fixture.js";
import { checkPage } from "../support/browser.js";
import { ensureAppBuilt, startServer } from "./appServer.js";

let base: string;
let stop: () => Promise<void>;
let cleanup: () => void;

beforeAll(async () => {
  await ensureAppBuilt();
  let out: string;
  ({ out, cleanup } = await fixtureRuns());
  ({ base, stop } = await startServer(out));
}, 60_000);
afterAll(async () => {
  await stop();
  cleanup();
});

describe("the web app", () => {
  it("loads at / with no console errors", async () => {
    const page = await checkPage(base);
    expect(page.errors).toEqual([]);
  });
});
