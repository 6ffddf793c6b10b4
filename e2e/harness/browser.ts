import { existsSync } from "node:fs";
import { chromium, errors } from "playwright-core";
import type { Browser, Page } from "playwright-core";

/**
 * The browser the tests drive (override with CHATML_CHROMIUM): Debian's Chromium headless shell, which
 * scripts/install-chromium.sh installs (a third of full Chromium's CPU per page, ADR 0050), else full Chromium.
 */
export const CHROMIUM_PATH = process.env.CHATML_CHROMIUM ?? (existsSync("/usr/bin/chromium-headless-shell") ? "/usr/bin/chromium-headless-shell" : "/usr/bin/chromium");

/**
 * The browsers this test file launched, for a failed test's artifact: a screenshot of every page still open
 * (failure-artifacts-pages.ts). The setup file empties it at each file's start, as it does the started servers.
 */
export const launchedBrowsers: Browser[] = [];

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
 * A screenshot that timed out is taken once more: on 00f3f4a a full-page one waited out its 30 s on a loaded machine
 * in a test that had passed every check (the next, a failure screenshot, was taken at once).
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  launchedBrowsers.push(browser);
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

/** Attempts in all: a frame Chromium could not capture is cheap to ask again; a timeout has already cost 30 s. */
const SCREENSHOT_ATTEMPTS = { uncaptured: 3, timedOut: 2 } as const;
/** How long a screenshot that timed out once may take the second time. */
const RETRIED_TIMEOUT_MS = 15_000;
const retryingPages = new WeakSet<Page>();

/** Which retried failure `error` is, if it is one. */
function retriedFailure(error: unknown): keyof typeof SCREENSHOT_ATTEMPTS | null {
  if (/Unable to capture screenshot/.test(String(error))) return "uncaptured";
  if (error instanceof errors.TimeoutError || (error instanceof Error && error.name === "TimeoutError")) return "timedOut";
  return null;
}

/**
 * Makes `page.screenshot` try again when Chromium could not capture a frame (three times in all) or the screenshot
 * timed out (twice in all, the second time for 15 s at most); any other error, or the last attempt's, is the caller's.
 */
export function retryUncapturedScreenshots(page: Page): Page {
  // `browser.newPage` makes its context through `browser.newContext`, so its page arrives here twice.
  if (retryingPages.has(page)) return page;
  retryingPages.add(page);
  const screenshot = page.screenshot.bind(page);
  page.screenshot = async (options) => {
    const attempts = { uncaptured: 0, timedOut: 0 };
    for (;;) {
      try {
        return await screenshot(options);
      } catch (error) {
        const failure = retriedFailure(error);
        if (!failure || ++attempts[failure] === SCREENSHOT_ATTEMPTS[failure]) throw error;
        await page.waitForTimeout(500);
        // A second 30 s could run past the test's own timeout, whose error would then hide the screenshot's.
        if (failure === "timedOut") options = { ...options, timeout: Math.min(options?.timeout || RETRIED_TIMEOUT_MS, RETRIED_TIMEOUT_MS) };
      }
    }
  };
  return page;
}
