import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedLargeConversation } from "../bench/large-conversation/seed.ts";
import { openDatabase } from "../server/persistence/db.ts";
import { REPO_ROOT, startChatml, startServerAndBrowser, tempDir, type ChatmlServer } from "./harness/index.ts";

/**
 * A search result far back in a long conversation: the timeline holds only the newest page and renders only the rows
 * near the viewport, so the jump must load older pages until the message is there and scroll the list to it.
 */
describe("jumping to an old message of a long conversation", () => {
  let server: ChatmlServer;
  let browser: Browser;
  let conversationId: string;
  let oldMessageId: string;
  let newestMessageId: string;

  beforeAll(async () => {
    const dataDir = tempDir("chatml-jump-data");
    const seeded = seedLargeConversation(join(dataDir, "chatml.db"), tempDir("chatml-jump-work"), 400);
    conversationId = seeded.conversationId;
    const db = openDatabase(join(dataDir, "chatml.db"));
    oldMessageId = db.get<{ id: string }>("SELECT id FROM messages WHERE conversation_id = $c AND position = 10", { c: conversationId })?.id ?? "";
    newestMessageId = db.get<{ id: string }>("SELECT id FROM messages WHERE conversation_id = $c ORDER BY position DESC LIMIT 1", { c: conversationId })?.id ?? "";
    db.close();
    ({ server, browser } = await startServerAndBrowser(() => startChatml({ dataDir, claudeBin: "/bin/false", env: { ...process.env } as Record<string, string> })));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each([
    { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    { name: "desktop", viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false },
  ])("loads older pages and scrolls to the message on a $name, and Jump to latest takes the reader back", async ({ viewport, isMobile, hasTouch }) => {
    const context = await browser.newContext({ viewport, isMobile, hasTouch });
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByRole("textbox", { name: "Folder path" }).or(page.getByRole("textbox", { name: "Message" })).first().waitFor({ timeout: 20_000 });
      await page.goto(`${server.origin}/#/c/${conversationId}/m/${oldMessageId}`);
      const target = page.locator(`[data-message-id="${oldMessageId}"]`);
      await target.waitFor({ timeout: 60_000 });
      await expect.poll(() => target.textContent()).toContain("Request number 10:");
      await expect.poll(() => target.isVisible()).toBe(true);
      const box = await target.boundingBox();
      expect(box && box.y >= 0 && box.y < viewport.height).toBe(true);

      // Far from the newest message, one tap takes the reader back there, and the button goes once they are.
      const jump = page.getByRole("button", { name: "Jump to latest" });
      await jump.click();
      const newest = page.locator(`[data-message-id="${newestMessageId}"]`);
      await expect.poll(() => newest.isVisible(), { timeout: 20_000 }).toBe(true);
      await expect.poll(() => jump.count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("opens a phone on the conversation at the hit, not on the workbench view it last showed (Terminals)", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      let page = await context.newPage();
      await page.goto(server.url);
      await page.getByRole("textbox", { name: "Folder path" }).or(page.getByRole("textbox", { name: "Message" })).first().waitFor({ timeout: 20_000 });
      await page.goto(`${server.origin}/#/c/${conversationId}`);
      const views = page.getByRole("navigation", { name: "Workbench views" });
      await views.getByRole("button", { name: "Terminals" }).click();
      await page.getByRole("button", { name: "+ Terminal" }).waitFor({ timeout: 15_000 });

      // The phone comes back to the app later (a new page: the tab was closed, the system dropped it) and searches.
      await page.close();
      page = await context.newPage();
      await page.goto(`${server.origin}/#/search`);
      await page.getByRole("searchbox", { name: "Search conversations" }).fill("Request number 10");
      await page.getByRole("link", { name: /Request number 10:/ }).first().click();
      const target = page.locator(`[data-message-id="${oldMessageId}"]`);
      await expect.poll(() => target.isVisible(), { timeout: 60_000 }).toBe(true);
      expect(await page.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Chat" }).getAttribute("aria-pressed")).toBe("true");
      await page.screenshot({ path: join(REPO_ROOT, ".artifacts", "screenshots", "search-jump-phone-from-terminals.png") });
    } finally {
      await context.close();
    }
  });
});
