import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultRows } from "../../app/src/charts.js";
import { CHUNK_PATHS } from "../../app/src/engine/chunks.js";
import { libraryScenarios } from "../../src/scenario/library.js";
import { loadScenario } from "../../src/scenario/loader.js";
import { simulate } from "../../src/scenario/simulate.js";
import { fixtureRuns } from "../serve/fixture.js";
import { CHROMIUM } from "../support/browser.js";
import { APP_DIR, ensureAppBuilt, startServer, startStaticServer } from "./appServer.js";

const levers: string[] = JSON.parse(
  readFileSync(new URL("../../app/levers.json", import.meta.url), "utf8"),
).levers;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let base: string;
let stop: () => Promise<void>;
let cleanup: () => void;
let browser: Browser;

beforeAll(async () => {
  await ensureAppBuilt();
  let out: string;
  ({ out, cleanup } = await fixtureRuns());
  ({ base, stop } = await startServer(out));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-sync",
    ],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await stop();
  cleanup();
});

/** Opens the app at `query` and waits for its simulation; `errors` collects console errors and page errors. */
async function open(query: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(new URL(query, base).href);
  await settled(page);
  return { page, errors };
}

/** Waits until the current simulation is done. */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector('main[data-status="running"]', { timeout: 2_000 }).catch(() => {});
  await page.waitForSelector('main[data-status="done"]', { timeout: 30_000 });
}

/** axe-core's serious and critical violations on the page, as "rule (nodes)". */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    type Violation = { id: string; impact: string; nodes: unknown[] };
    const axe = (window as unknown as { axe: { run: (c: Document) => Promise<{ violations: Violation[] }> } })
      .axe;
    const result = await axe.run(document);
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.nodes.length})`);
  });
}

/** The P(default) table as entity → shown probability. */
const shownPDefault = (page: Page) =>
  page.$$eval("#pdefault tbody tr[data-entity]", (rows) =>
    Object.fromEntries(rows.map((r) => [r.getAttribute("data-entity"), r.querySelector(".p")?.textContent])),
  );

describe("the web app", () => {
  it("loads the default scenario with no console errors, runs 500 paths, draws its four charts and passes axe-core", async () => {
    const { page, errors } = await open("/?paths=500");
    const status = await page.textContent(".status");
    console.log(`web app: ${status}`);
    expect(status).toMatch(/^500 paths in [\d.]+ s; Web Workers: \d+\.$/);
    expect(Object.keys(await shownPDefault(page)).length).toBeGreaterThan(0);
    const charts = await page.$$eval("figure.chart svg", (svgs) => svgs.length);
    expect(charts).toBeGreaterThanOrEqual(4);
    // Keyboard use, contrast, names and roles.
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows what the engine gives in Node for the same paths and seed, with 1 worker or 3", async () => {
    const expected = await simulate(await loadScenario("default"), {
      paths: 100,
      seed: 3,
      chunkSize: CHUNK_PATHS,
    });
    const percent = (p: number) =>
      new Intl.NumberFormat("en-US", {
        style: "percent",
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(p);
    const want = Object.fromEntries(defaultRows(expected, "2030").map((r) => [r.entity, percent(r.p)]));
    expect(Object.keys(want).length).toBeGreaterThan(0);
    for (const workers of [1, 3]) {
      const page = await browser.newPage();
      await page.addInitScript(
        (n) => Object.defineProperty(navigator, "hardwareConcurrency", { get: () => n }),
        workers,
      );
      await page.goto(new URL("/?paths=100&seed=3", base).href);
      await settled(page);
      expect(await page.textContent(".status"), `${workers}`).toMatch(
        new RegExp(`Web Workers: ${workers}\\.$`),
      );
      expect(await shownPDefault(page), `${workers} workers`).toEqual(want);
      await page.close();
    }
  });

  it("moving a slider from the keyboard holds the assumption, changes the P(default) shown and the URL", async () => {
    const { page, errors } = await open("/?paths=100");
    const before = await shownPDefault(page);
    const slider = page.locator(`input[type=range]`).first();
    await slider.focus();
    await page.keyboard.press("End");
    await settled(page);
    expect(await shownPDefault(page)).not.toEqual(before);
    const url = new URL(page.url());
    expect(url.searchParams.get(levers[0])).not.toBeNull();
    // Reset (a button, reached by keyboard) returns to the assumption drawn across its range.
    await page.locator(".lever button").first().press("Enter");
    await settled(page);
    expect(await shownPDefault(page)).toEqual(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a URL restores the view: scenario, slider, paths, seed and year", async () => {
    const query = `/?scenario=ceiling&paths=100&seed=7&year=2029&lang=en&${levers[0]}=0.5`;
    const first = await open(query);
    const shown = await shownPDefault(first.page);
    expect(new URL(first.page.url()).search).toBe(
      new URLSearchParams({
        scenario: "ceiling",
        paths: "100",
        seed: "7",
        lang: "en",
        year: "2029",
        [levers[0]]: "0.5",
      })
        .toString()
        .replace(/^/, "?"),
    );
    const again = await open(new URL(first.page.url()).search);
    expect(await again.page.inputValue("select >> nth=1")).toBe("ceiling");
    expect(await again.page.inputValue("input[type=number]")).toBe("7");
    expect(await again.page.inputValue(`#lever-${levers[0].replace(/^world\./, "").replace(".", "_")}`)).toBe(
      "0.5",
    );
    expect(await again.page.textContent("#pdefault-title")).toContain("2029");
    expect(await shownPDefault(again.page)).toEqual(shown);
    expect([...first.errors, ...again.errors]).toEqual([]);
    await first.page.close();
    await again.page.close();
  });

  it("/?lang=ja has no English left outside names, units and acronyms, and passes axe-core", async () => {
    const { page, errors } = await open("/?lang=ja&paths=100");
    expect(await page.getAttribute("html", "lang")).toBe("ja");
    const text = await page.evaluate(() => {
      const labels = [...document.querySelectorAll("[aria-label], [title]")].map(
        (e) => `${e.getAttribute("aria-label") ?? ""} ${e.getAttribute("title") ?? ""}`,
      );
      // Every text node (hidden ones and the options of closed menus too), leaving out the charts' CSS.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const texts: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode())
        if (!node.parentElement?.closest("style, script")) texts.push(node.textContent ?? "");
      return [document.title, ...texts, ...labels].join("\n");
    });
    const scenario = await loadScenario("default");
    const names = [
      ...scenario.entities.map((e) => e.id),
      ...libraryScenarios().map((s) => s.id),
      "lab-a",
      "wallcast",
      "English",
      "Web Worker",
    ].sort((x, y) => y.length - x.length);
    let rest = text;
    for (const name of names) rest = rest.split(name).join(" ");
    const ALLOWED = new Set(["US", "GW", "OOM", "FLOP", "GPU", "AI"]);
    const english = (rest.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ALLOWED.has(w));
    expect(english).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("served by wallcast serve, lists the stored runs, opens one and compares two", async () => {
    const { page, errors } = await open("/?paths=100");
    await page.waitForSelector(".runs table");
    // Open run a: its P(default) table, read from the run store through the API.
    await page.click(".runs tbody tr:first-child button");
    await page.waitForSelector(".runs h3 + table");
    expect(await page.textContent(".runs h3 + table")).toContain("10.0%");
    await page.click(".runs .compare button");
    await page.waitForSelector(".runs table >> nth=2");
    const delta = await page.textContent(".runs table >> nth=2");
    expect(delta).toContain("lab-a");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("dist/app as static files, with no API, runs the explorer and hides the stored runs", async () => {
    const site = await startStaticServer();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${site.base}?paths=100`);
      await settled(page);
      expect(Object.keys(await shownPDefault(page)).length).toBeGreaterThan(0);
      expect(await page.$(".runs")).toBeNull();
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await site.stop();
    }
  });

  it("dist/app opened from disk (file://, no server) runs the explorer, and a slider changes P(default)", async () => {
    const { page, errors } = await open(`${pathToFileURL(join(APP_DIR, "index.html")).href}?paths=100`);
    expect(page.url()).toMatch(/^file:/);
    const before = await shownPDefault(page);
    expect(Object.keys(before).length).toBeGreaterThan(0);
    expect(Object.values(before).every((p) => /^\d+\.\d%$/.test(String(p)))).toBe(true);
    expect(await page.$(".runs")).toBeNull();
    await page.locator("input[type=range]").first().focus();
    await page.keyboard.press("End");
    await settled(page);
    expect(await shownPDefault(page)).not.toEqual(before);
    expect(new URL(page.url()).searchParams.get(levers[0])).not.toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });
});
