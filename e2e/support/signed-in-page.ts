import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";

/** The two sizes every screen is tested at (DESIGN.md): a phone held upright and a laptop. */
export const SCREEN_SIZES = [
  ["phone", { width: 390, height: 844 }],
  ["desktop", { width: 1440, height: 900 }],
] as const;
export type ScreenSizeName = (typeof SCREEN_SIZES)[number][0];

/** Follows the server's one-time sign-in link and waits until the app has taken the code out of the address. */
export async function signIn(page: Page, signInUrl: string): Promise<void> {
  await page.goto(signInUrl);
  await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe("");
}

/** A new browser context at one of SCREEN_SIZES (a phone also gets touch), signed in and showing `hash`. */
export async function openSignedIn(browser: Browser, server: { url: string; origin: string }, size: ScreenSizeName, hash: string): Promise<{ context: BrowserContext; page: Page }> {
  const viewport = SCREEN_SIZES.find(([name]) => name === size)![1];
  const context = await browser.newContext({ viewport, ...(size === "phone" ? { isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  await signIn(page, server.url);
  await page.goto(`${server.origin}/${hash}`);
  return { context, page };
}
