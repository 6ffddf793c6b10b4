import type { BrowserContext, Page } from "playwright-core";

/**
 * A sleeping phone, for a page of `context` (or one `page`): the page's sockets are kept, and a switch keeps new ones
 * from reaching the server. Call before the context opens its page; a page already open is loaded again for it. While
 * away, a new socket dials an address the page's Content Security Policy forbids, which Chromium refuses with an error
 * event and no close event: the page must retry anyway.
 */
export async function allowGoingAway(target: BrowserContext | Page): Promise<void> {
  await target.addInitScript(() => {
    const Native = window.WebSocket;
    const w = window as unknown as { __sockets: WebSocket[]; __away: boolean };
    w.__sockets = [];
    w.__away = false;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(w.__away ? "ws://127.0.0.1:9/away" : url, protocols);
        w.__sockets.push(this);
      }
    };
  });
  if ("reload" in target) await target.reload();
}

/** Closes the page's sockets and keeps it from reconnecting. */
export async function goAway(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __sockets: WebSocket[]; __away: boolean };
    w.__away = true;
    for (const socket of w.__sockets) socket.close();
  });
}

/** Lets the page's socket reconnect (it retries by itself). */
export async function comeBack(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __away: boolean }).__away = false));
}
