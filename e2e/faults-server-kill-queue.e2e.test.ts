import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBinPath, REPO_ROOT, signIn, startChatml, startStack, stopStack, tempDir, type Stack } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { SCREEN_SIZES, type ScreenSizeName } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "faults-server-kill-queue");
const WHY = /Claude's last turn did not finish \(ChatML restarted, or Claude's process ended\), so these wait/;

/**
 * A message queued behind a turn the server's crash cut short: a finished turn's end sends the queue, and no turn
 * runs any more to finish. After the restart the message is still there, the page says why it waits, and Send now
 * sends it to a Claude that answers it.
 */
describe("a queued message when the server is SIGKILLed mid-turn", () => {
  let stack: Stack;
  let conversationId: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await startStack("chatml-killqueue");
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    conversationId = (await client.startInFolder(tempDir("chatml-killqueue-work"))).id;
    await client.connect([conversationId]);
    await client.send(conversationId, "@@held stream and wait");
    await client.waitUntil(() => stack.api.requests.some((request) => request.isHeld === true), 60_000, "the answer held mid-stream");
    await client.api(`/api/conversations/${conversationId}/queue`, { body: { commandId: client.commandId(), text: "@@remember queued before the crash" } });
    client.disconnect();
    stack.server.kill("SIGKILL");
    await stack.server.proc.exited;
    stack.api.releaseHeldStreams();
    stack.server = await startChatml({ dataDir: stack.dataDir, claudeBin: cliBinPath("2.1.330"), env: stack.env, port: stack.server.port });
  });

  afterAll(async () => {
    if (stack) await stopStack(stack);
  });

  /** A page of a new device of this size, signed in, showing the conversation with its queue. */
  async function openConversation(size: ScreenSizeName): Promise<{ context: BrowserContext; page: Page }> {
    const viewport = SCREEN_SIZES.find(([name]) => name === size)![1];
    const context = await stack.browser.newContext({ viewport, ...(size === "phone" ? { isMobile: true, hasTouch: true } : {}) });
    const page = await context.newPage();
    await signIn(page, stack.server.url);
    await page.goto(`${stack.server.origin}/#/c/${conversationId}`);
    await page.getByText(WHY).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, `${size}.png`) });
    return { context, page };
  }

  it("keeps it and says why it waits (phone)", async () => {
    const { context, page } = await openConversation("phone");
    try {
      expect(await page.getByRole("list", { name: "Queued messages" }).innerText()).toContain("@@remember queued before the crash");
      expect(await page.getByRole("button", { name: "Send queued message 1 now" }).isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("sends it with Send now, and Claude answers it (desktop)", async () => {
    const { context, page } = await openConversation("desktop");
    try {
      await page.getByRole("button", { name: "Send queued message 1 now" }).click();
      await page.getByText(/I remember: .*queued before the crash/).waitFor({ timeout: 60_000 });
      await page.getByRole("list", { name: "Queued messages" }).waitFor({ state: "detached", timeout: 20_000 });
      expect(await page.getByText(WHY).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
