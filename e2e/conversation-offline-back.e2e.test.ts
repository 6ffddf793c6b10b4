import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cliBinPath, cliEnv, REPO_ROOT, startChatml, startFakeApi, startServerAndBrowser, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { failureScreenshot } from "./harness/failure-context.ts";
import { ChatPage } from "./support/chat-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "conversation-offline-back");
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844, isMobile: true, hasTouch: true },
  { name: "desktop", width: 1440, height: 900, isMobile: false, hasTouch: false },
] as const;

/**
 * A send tried while the device had no network, and the network back before the open socket noticed it was gone
 * (a train's tunnel): the line under the composer must stop saying the device is offline. Real server, real CLI
 * (2.1.330), the fake API, real Chromium with its network switched off and on.
 */
describe.each(VIEWPORTS)("a short loss of network ($name)", (viewport) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let chat: ChatPage;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startFakeApi({ port: 0 });
    const env = cliEnv({ apiUrl: api.url, home: tempDir("chatml-offline-home") });
    ({ server, browser } = await startServerAndBrowser(() => startChatml({ dataDir: tempDir("chatml-offline-data"), claudeBin: cliBinPath("2.1.330"), env })));
    context = await browser.newContext({ viewport, isMobile: viewport.isMobile, hasTouch: viewport.hasTouch });
    // A tunnel: nothing passes, but the phone keeps its network and says nothing. Chromium's offline switch also fires
    // `offline`, on which the page closes its socket at once (phone-first-half-hour.e2e): the page must not hear it.
    await context.addInitScript(() => window.addEventListener("offline", (event) => event.stopImmediatePropagation(), true));
    page = await context.newPage();
    chat = new ChatPage(page);
    await page.goto(server.url);
    await page.getByRole("textbox", { name: "Folder path" }).fill(tempDir(`chatml-offline-${viewport.name}`));
    await page.getByRole("button", { name: "Start conversation" }).click();
    await chat.box.waitFor({ timeout: 30_000 });
  });

  afterEach(async (test) => {
    if (test.task.result?.state === "fail") await failureScreenshot(page, join(SHOTS, `${viewport.name}-failed.png`));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await api?.stop();
  });

  it("says the message was not sent and can be sent again once the network is back, keeping its words", async () => {
    await chat.send("First @@text");
    await chat.waitForTurns(1);
    await context.setOffline(true);
    await chat.type("Sent from a tunnel @@text");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const line = page.getByRole("alert").filter({ hasText: /offline|connection is back/ });
    await expect.poll(() => line.textContent()).toContain("This device is offline");
    await context.setOffline(false);
    await expect.poll(() => line.textContent(), { timeout: 15_000 }).toBe("That did not reach the ChatML server, so it was not done. The connection is back: try again.");
    expect(await chat.box.inputValue()).toBe("Sent from a tunnel @@text");
    await page.screenshot({ path: join(SHOTS, `${viewport.name}-back.png`) });
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await chat.waitForTurns(2);
    expect(await line.count()).toBe(0);
  });
});
