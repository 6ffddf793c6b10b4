import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import type { Browser } from "playwright-core";

/**
 * The browser the tests drive (override with CHATML_CHROMIUM): Debian's Chromium headless shell, which
 * scripts/install-chromium.sh installs (a third of full Chromium's CPU per page, ADR 0050), else full Chromium.
 */
export const CHROMIUM_PATH = process.env.CHATML_CHROMIUM ?? (existsSync("/usr/bin/chromium-headless-shell") ? "/usr/bin/chromium-headless-shell" : "/usr/bin/chromium");

/** Launches headless Chromium via playwright-core with flags that keep it quiet and offline. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}
