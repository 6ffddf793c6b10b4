import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import type { Browser } from "playwright-core";

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
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options) => newContext({ reducedMotion: "reduce", ...options });
  const newPage = browser.newPage.bind(browser);
  browser.newPage = (options) => newPage({ reducedMotion: "reduce", ...options });
  return browser;
}
