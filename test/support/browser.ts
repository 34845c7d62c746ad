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
  /** The page's scroll width at the viewport width, CSS px. */
  pageWidth: number;
  /** Height of the smallest chart text as drawn, CSS px (charts scaled down to fit draw it smaller). */
  smallestChartText: number;
}

/** Loads an HTML file (or an http URL) in a viewport `width` px wide (default 1280) and reports what rendered. */
export async function checkPage(htmlPath: string, width = 1280): Promise<PageCheck> {
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
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    const url = /^https?:\/\//.test(htmlPath) ? htmlPath : pathToFileURL(htmlPath).href;
    await page.goto(url, { waitUntil: "load" });
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
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    const smallestChartText = await page.$$eval("figure.chart svg text", (texts) =>
      Math.min(
        ...texts
          .filter((t) => (t.textContent ?? "").trim() !== "")
          .map((t) => t.getBoundingClientRect().height)
          .filter((h) => h > 0),
      ),
    );
    return { errors, renderedCharts, title: await page.title(), pageWidth, smallestChartText };
  } finally {
    await browser.close();
  }
}
