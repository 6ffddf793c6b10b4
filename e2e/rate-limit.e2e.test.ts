import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { MessageQueue } from "../shared/index.ts";
import { cliBinPath, cliEnv, REPO_ROOT, startChatml, startFakeApi, startServerAndBrowser, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { openSignedIn, SCREEN_SIZES } from "./support/signed-in-page.ts";
import { ChatPage } from "./support/chat-page.ts";
import { ChatmlClient } from "./support/chatml-client.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

/**
 * A rate limit on the real CLI 2.1.330 against the fake API (429, retry-after 6 s, one retry allowed): the
 * conversation counts down to the CLI's retry, and after the limit stopped the turn, "Continue when the limit
 * resets" queues a message the server sends at that time (ADR 0025).
 */
describe("a rate limit in the conversation", () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startFakeApi({ port: 0 });
    ({ server, browser } = await startServerAndBrowser(() => startChatml({ dataDir: tempDir("chatml-ratelimit-data"), claudeBin: cliBinPath("2.1.330"), env: cliEnv({ apiUrl: api.url, home: tempDir("chatml-ratelimit-home") }) })));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await api?.stop();
  });

  it("counts down to the retry, then continues when the limit resets, at phone and desktop sizes", async () => {
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    // Both sizes at once, each in its own conversation: most of the time is the CLI waiting out the limit.
    await Promise.all(SCREEN_SIZES.map(async ([name]) => {
      const conversation = await client.startInFolder(tempDir(`chatml-ratelimit-${name}`));
      const { context, page } = await openSignedIn(browser, server, name, `#/c/${conversation.id}`);
      const chat = new ChatPage(page);
      await chat.send(`Busy API on the ${name} @@ratelimit:2`);
      const countdown = page.getByTestId("retry-countdown");
      await countdown.waitFor({ timeout: 60_000 });
      expect(await countdown.innerText()).toMatch(/Rate limited — retrying in \d+:\d\d \(attempt 1 of 1\)/);
      await page.screenshot({ path: join(SHOTS, `rate-limit-countdown-${name}.png`) });

      const banner = page.getByTestId("rate-limit");
      await banner.waitFor({ timeout: 60_000 });
      // The reset is 6 s after the turn: a loaded machine may get here after it, where the button says "Continue now".
      await page.getByRole("button", { name: /^Continue (when the limit resets|now)$/ }).click();
      const queued = page.getByTestId("queued-message");
      await queued.waitFor();
      const { queue } = await client.api<{ queue: MessageQueue }>(`/api/conversations/${conversation.id}/queue`);
      expect(queue.items.map((m) => m.text)).toEqual(["Continue."]);
      expect(queue.items[0]?.sendAfter).toBeGreaterThan(0);
      await page.screenshot({ path: join(SHOTS, `rate-limit-continue-${name}.png`) });

      await chat.userMessage("Continue.").waitFor({ timeout: 60_000 });
      // The fake answers the merged request like @@text once the limit's two failures are used up.
      await chat.waitForText("Hello! This is the fake API speaking");
      await expect.poll(() => queued.count()).toBe(0);
      await context.close();
    }));
  });
});
