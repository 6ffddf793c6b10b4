import { chromium } from "playwright-core";
import type { Browser } from "playwright-core";

/** Where scripts/install-chromium.sh puts Chromium (override with CHATML_CHROMIUM). */
export const CHROMIUM_PATH = process.env.CHATML_CHROMIUM ?? "/usr/bin/chromium";

/** Launches headless Chromium via playwright-core with flags that keep it quiet and offline. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}
