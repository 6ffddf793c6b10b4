import type { Page } from "playwright-core";
import { waitUntil } from "./lines.ts";

/**
 * Follows the server's one-time sign-in link and waits until the app has taken the code out of the address. It waits
 * with the harness's own loop, not vitest's `expect.poll`, so a plain script (a manual walk) can sign in too.
 * @example await signIn(page, server.url);
 */
export async function signIn(page: Page, signInUrl: string, timeoutMs = 10_000): Promise<void> {
  await page.goto(signInUrl);
  try {
    await waitUntil(() => (new URL(page.url()).search === "" ? true : undefined), timeoutMs, "the app to take the sign-in code out of the address");
  } catch (error) {
    // The code is a credential, even if one-time: the error names the page, not the link.
    const at = new URL(page.url());
    throw new Error(`sign-in did not finish: the page at ${at.origin}${at.pathname} still has a query after ${timeoutMs} ms (a used or expired code, or the app did not load)`, { cause: error });
  }
}
