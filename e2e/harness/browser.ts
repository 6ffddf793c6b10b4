import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";

/**
 * The browser the tests drive (override with CHATML_CHROMIUM): Debian's Chromium headless shell, which
 * scripts/install-chromium.sh installs (a third of full Chromium's CPU per page, ADR 0050), else full Chromium.
 */
export const CHROMIUM_PATH = process.env.CHATML_CHROMIUM ?? (existsSync("/usr/bin/chromium-headless-shell") ? "/usr/bin/chromium-headless-shell" : "/usr/bin/chromium");

/**
 * Launches headless Chromium via playwright-core with flags that keep it quiet and offline.
 *
 * Its pages ask for less motion unless a test says otherwise (`newContext({ reducedMotion })`, `emulateMedia`): a
 * page waiting on a turn repaints its pulsing status and spinners at 60 frames a second, ~1 s of Chromium's CPU in
 * every 10 s measured, and the suite is CPU-bound on two cores. What motion there is, and that less motion stops it,
 * is checked in `chat-ui`.
 *
 * Its pages also take a screenshot again when Chromium could not capture one: at a high load the headless shell
 * sometimes answers `Page.captureScreenshot` with "Unable to capture screenshot" (no frame came in time), which
 * failed a CI run in a test that had passed every check; the screenshots are for people to look at, not assertions.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext({ reducedMotion: "reduce", ...options });
    // Emitted before `context.newPage()` resolves, and for pages the app opens itself.
    context.on("page", retryUncapturedScreenshots);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => retryUncapturedScreenshots(await newPage({ reducedMotion: "reduce", ...options }));
  return browser;
}

const SCREENSHOT_ATTEMPTS = 3;
const retryingPages = new WeakSet<Page>();

/** Makes `page.screenshot` try again, up to three times in all, when Chromium could not capture a frame. */
export function retryUncapturedScreenshots(page: Page): Page {
  // `browser.newPage` makes its context through `browser.newContext`, so its page arrives here twice.
  if (retryingPages.has(page)) return page;
  retryingPages.add(page);
  const screenshot = page.screenshot.bind(page);
  page.screenshot = async (options) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await screenshot(options);
      } catch (error) {
        if (attempt === SCREENSHOT_ATTEMPTS || !/Unable to capture screenshot/.test(String(error))) throw error;
        await page.waitForTimeout(500);
      }
    }
  };
  return page;
}
