import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, tempDir, type ChatmlServer, type FakeApi, startStack, stopStack } from "./harness/index.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844, isMobile: true, hasTouch: true },
  { name: "desktop", width: 1440, height: 900, isMobile: false, hasTouch: false },
] as const;

describe("the real UI in headless Chromium", () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ api, server, browser } = await startStack("chatml-ui"));
  });

  afterAll(async () => {
    await stopStack({ api, server, browser });
  });

  it.each(VIEWPORTS)("starts a conversation, streams, asks for permission and shows the tool result ($name)", async (viewport) => {
    const context = await browser.newContext({ viewport, isMobile: viewport.isMobile, hasTouch: viewport.hasTouch });
    const page = await context.newPage();
    try {
      // The markdown renderer is fetched while the home screen idles, so the first answer shows formatted at once.
      const markdownChunk = page.waitForResponse((r) => /\/assets\/markdown-renderer-[\w-]+\.js$/.test(r.url()), { timeout: 15_000 });
      await page.goto(server.url);
      await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe("");
      expect((await markdownChunk).ok()).toBe(true);
      expect(page.url()).not.toContain("#/c/");
      const folder = tempDir(`chatml-ui-${viewport.name}`);
      await page.getByRole("textbox", { name: "Folder path" }).fill(folder);
      await page.getByRole("button", { name: "Start conversation" }).click();
      await sendMessage(page, "Run a command @@bash");
      const card = page.getByTestId("permission-card");
      await card.waitFor({ timeout: 60_000 });
      await page.screenshot({ path: join(SHOTS, `${viewport.name}-permission.png`) });
      await card.getByRole("button", { name: "Allow", exact: true }).click();
      await page.getByTestId("turn-result").first().waitFor({ timeout: 60_000 });
      await expect.poll(() => page.getByTestId("tool-Bash").first().textContent()).toContain("echo hello-from-bash");
      await page.getByTestId("tool-Bash").first().click();
      await expect.poll(() => page.getByTestId("tool-Bash").first().textContent(), { timeout: 10_000 }).toContain("hello-from-bash");
      await expect.poll(() => page.getByTestId("message-assistant").last().textContent()).toContain("hello-from-bash");
      expect(existsSync(join(folder, "bash-out.txt"))).toBe(true);
      await page.screenshot({ path: join(SHOTS, `${viewport.name}-done.png`), fullPage: false });
    } finally {
      await context.close();
    }
  });
});

async function sendMessage(page: Page, text: string): Promise<void> {
  const box = page.getByRole("textbox", { name: "Message" });
  await box.waitFor({ timeout: 15_000 });
  await box.fill(text);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.getByTestId("message-user").filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}
