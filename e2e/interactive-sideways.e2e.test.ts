import { mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeApi, type FakeApi } from "./fake-api/server.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { cliBinPath, cliEnv, markClaudeSetUp, REPO_ROOT, startChatml, startServerAndBrowser, tempDir, type ChatmlServer } from "./harness/index.ts";
import { openSessionTerminals } from "./support/terminals-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

/**
 * On a phone turned sideways (844×390) the interactive TUI's permission card lies over the terminal: in the layout it
 * left the terminal 2 rows, and the PTY was resized under the TUI's own prompt while it asked.
 */
describe("an interactive claude's permission card on a phone turned sideways", () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let sessionId = "";

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startFakeApi({ port: 0 });
    const home = tempDir("chatml-sideways-home");
    const folder = realpathSync(tempDir("chatml-sideways-folder"));
    markClaudeSetUp(home, [folder]);
    mkdirSync(join(home, ".claude"), { recursive: true });
    writeFileSync(join(home, ".claude", "settings.json"), JSON.stringify({ permissions: { defaultMode: "default" } }));
    ({ server, browser } = await startServerAndBrowser(() => startChatml({ dataDir: tempDir("chatml-sideways-data"), claudeBin: cliBinPath("2.1.332"), env: cliEnv({ apiUrl: api.url, home }) })));
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    sessionId = (await client.api<{ session: { id: string } }>("/api/start", { method: "POST", body: { path: folder } })).session.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await api?.stop();
  });

  it("lies over the terminal, which keeps its rows while Claude asks; Allow lets the command run", async () => {
    const context = await browser.newContext({ viewport: { width: 844, height: 390 }, isMobile: true, hasTouch: true });
    try {
      const page = await openSessionTerminals(context.newPage(), server.url, sessionId);
      const screenText = () => page.getByTestId("terminal-screen").locator(".xterm-rows").innerText();
      const client = new ChatmlClient({ url: server.origin, token: server.token });
      // The PTY's rows, as the server sized it.
      const rows = async () => (await client.api<{ terminals: { rows: number }[] }>(`/api/sessions/${sessionId}/terminals`)).terminals[0]?.rows ?? 0;
      await page.getByRole("button", { name: "+ Claude" }).tap();
      await expect.poll(screenText, { timeout: 60_000 }).toContain("Claude Code v2.1.332");
      await expect.poll(rows).toBeGreaterThanOrEqual(10);
      const before = await rows();
      await page.getByTestId("terminal-screen").tap();
      await page.keyboard.type("@@bash now", { delay: 40 });
      await expect.poll(screenText, { timeout: 15_000 }).toContain("@@bash now");
      await page.keyboard.press("Enter");
      const card = page.getByTestId("approval-card");
      await card.waitFor({ timeout: 60_000 });
      await page.screenshot({ path: join(SHOTS, "interactive-card-sideways.png") });
      expect(await rows()).toBe(before);
      await card.getByRole("button", { name: "Allow Bash" }).tap();
      await expect.poll(screenText, { timeout: 60_000 }).toContain("Allowed by PermissionRequest hook");
      expect(await rows()).toBe(before);
    } finally {
      await context.close();
    }
  });
});
