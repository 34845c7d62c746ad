/** Opens a page in Debian's headless Chromium through playwright-core (no browser download) and collects errors. */
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface PageCheck {
  /** Console messages of type error, and uncaught page errors. */
  errors: string[];
  /** Ids of `figure.chart` elements that hold a rendered, non-empty SVG. */
  renderedCharts: string[];
  title: string;
}

/** Loads an HTML file and reports what rendered. */
export async function checkPage(htmlPath: string): Promise<PageCheck> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: "load" });
    const renderedCharts = await page.$$eval("figure.chart", (figures) =>
      figures
        .filter((figure) => {
          const svg = figure.querySelector("svg:not(span svg)");
          if (!svg) return false;
          const box = svg.getBoundingClientRect();
          return box.width > 100 && box.height > 40 && svg.querySelectorAll("*").length > 10;
        })
        .map((figure) => figure.id.replace(/^chart-/, "")),
    );
    return { errors, renderedCharts, title: await page.title() };
  } finally {
    await browser.close();
  }
}
