import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cliBinPath, cliEnv, REPO_ROOT, startChatml, startFakeApi, startServerAndBrowser, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { failureScreenshot } from "./harness/failure-context.ts";
import { ChatPage } from "./support/chat-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "composer-dropped-files");
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844, isMobile: true, hasTouch: true },
  { name: "desktop", width: 1440, height: 900, isMobile: false, hasTouch: false },
] as const;

/** Drops files on the composer as a file manager would: a real DragEvent carrying real File objects. */
async function dropOn(chat: ChatPage, files: { name: string; type: string; bytes: number[] }[]): Promise<void> {
  await chat.box.evaluate((box, list) => {
    const data = new DataTransfer();
    for (const f of list) data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    box.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  }, files);
}

const bytesOf = (text: string) => Array.from(new TextEncoder().encode(text));

/**
 * A text file dropped on the composer goes into the message as a fenced block under its name, and Claude gets it;
 * a binary one is refused saying why. Real server, real CLI (2.1.330), the fake API, real Chromium.
 */
describe.each(VIEWPORTS)("files dropped on the composer ($name)", (viewport) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let page: Page;
  let chat: ChatPage;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startFakeApi({ port: 0 });
    const env = cliEnv({ apiUrl: api.url, home: tempDir("chatml-drop-home") });
    ({ server, browser } = await startServerAndBrowser(() => startChatml({ dataDir: tempDir("chatml-drop-data"), claudeBin: cliBinPath("2.1.330"), env })));
    const context = await browser.newContext({ viewport, isMobile: viewport.isMobile, hasTouch: viewport.hasTouch });
    page = await context.newPage();
    chat = new ChatPage(page);
    await page.goto(server.url);
    await page.getByRole("textbox", { name: "Folder path" }).fill(tempDir(`chatml-drop-${viewport.name}`));
    await page.getByRole("button", { name: "Start conversation" }).click();
    await chat.box.waitFor({ timeout: 30_000 });
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail") await failureScreenshot(page, join(SHOTS, `${viewport.name}-failed.png`));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await api?.stop();
  });

  it("puts a dropped text file in the message under its name, refuses a binary one saying why, and Claude reads the file", async () => {
    await chat.type("@@remember Look at these:");
    await dropOn(chat, [
      // Chromium names a .ts file an MPEG stream: the contents decide.
      { name: "answer.ts", type: "video/mp2t", bytes: bytesOf("export const answer = 42;\n") },
      { name: "spec.pdf", type: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x01] },
    ]);
    await expect.poll(() => chat.box.inputValue()).toBe("@@remember Look at these:\n\n`answer.ts`\n```ts\nexport const answer = 42;\n```");
    const refusal = page.getByRole("alert").filter({ hasText: "spec.pdf is not text" });
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.textContent()).toContain("its contents are binary");
    await page.screenshot({ path: join(SHOTS, `${viewport.name}-dropped.png`) });

    await page.getByRole("button", { name: "Send", exact: true }).click();
    await chat.waitForTurns(1);
    await chat.waitForText(/I remember: .*export const answer = 42;/);
    // The refusal was about the file dropped then: the message is sent and it went with it.
    expect(await refusal.count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, `${viewport.name}-sent.png`) });
  });
  it("refuses a 5 MB paste at once, keeping what the box had and saying why; a paste that fits goes in", async () => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    await chat.type("Look at this log:\n");
    // A real paste (Ctrl+V) of what the clipboard holds: let in, the box held the tab for seconds at every key.
    await page.evaluate(() => navigator.clipboard.writeText("lorem ipsum dolor sit amet\n".repeat(200_000)));
    await chat.box.press("Control+V");
    const refusal = page.getByRole("alert").filter({ hasText: "The pasted text is 5,400,000 characters" });
    await refusal.waitFor({ timeout: 10_000 });
    expect(await chat.box.inputValue()).toBe("Look at this log:\n");
    await page.screenshot({ path: join(SHOTS, `${viewport.name}-paste-refused.png`) });
    await page.evaluate(() => navigator.clipboard.writeText("line one\nline two"));
    await chat.box.press("Control+V");
    await expect.poll(() => chat.box.inputValue()).toBe("Look at this log:\nline one\nline two");
    expect(await refusal.count()).toBe(0);
    await chat.box.fill("");
  });
});
