import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReplayCliBin } from "../server/claude/fixtures/replay-cli/replay-cli-bin.ts";
import { startChatml, startServerAndBrowser, tempDir, type ChatmlServer } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";

/** How far behind the server the page is kept (timers keep the frames' order). */
const PAGE_LAG_MS = 400;

/**
 * The server is SIGKILLed mid-stream and restarted on the same port: every durable event a client had is still in
 * history, and the real UI in Chromium reconnects on its own (no reload) and continues without duplicates.
 * The replaying CLI streams timestamps (`<ms>:<n>|`), each unique, so a duplicated delta or message shows up as a repeat.
 */
describe("the server killed mid-stream and restarted", () => {
  let server: ChatmlServer;
  let browser: Browser;
  let page: Page;
  let claudeBin: string;
  let env: Record<string, string>;
  const dataDir = tempDir("chatml-srvkill-data");

  beforeAll(async () => {
    claudeBin = await writeReplayCliBin();
    env = { ...(process.env as Record<string, string>), REPLAY_CLI_VERSION: "2.1.330" };
    ({ server, browser } = await startServerAndBrowser(() => startChatml({ dataDir, claudeBin, env })));
    page = await browser.newPage();
    // The page takes in what the server sends a moment late, as a busy machine's does (the test once failed so): what it
    // shows must be read after it has taken in everything the killed server sent, not at the moment of the kill.
    await page.routeWebSocket(/\/ws$/, (pageSide) => {
      const serverSide = pageSide.connectToServer();
      pageSide.onMessage((message) => serverSide.send(message));
      serverSide.onMessage((message) => void setTimeout(() => pageSide.send(message), PAGE_LAG_MS));
      serverSide.onClose((code, reason) => void setTimeout(() => pageSide.close({ code, reason }), PAGE_LAG_MS));
      pageSide.onClose(() => serverSide.close());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function sendInUi(text: string): Promise<void> {
    const box = page.getByRole("textbox", { name: "Message" });
    await box.waitFor({ timeout: 15_000 });
    await box.fill(text);
    await page.getByRole("button", { name: "Send", exact: true }).click();
  }

  const stampsOnScreen = async () => (await page.locator("body").innerText()).match(/\d{13}\.\d{3}:\d+\|/g) ?? [];

  it("keeps every durable event and lets the open page carry on without duplicates", async () => {
    const watcher = new ChatmlClient({ url: server.origin, token: server.token });
    await page.goto(server.url);
    await page.getByRole("textbox", { name: "Folder path" }).fill(tempDir("chatml-srvkill-work"));
    await page.getByRole("button", { name: "Start conversation" }).click();
    await sendInUi("stream 900 150 0");
    const { conversations } = await watcher.api<{ conversations: { id: string }[] }>(`/api/conversations`).catch(() => ({ conversations: [] }));
    const id = conversations[0]?.id ?? (await firstConversationId(watcher));
    await watcher.connect([id]);
    await expect.poll(async () => (await stampsOnScreen()).length, { timeout: 20_000 }).toBeGreaterThan(100);

    // Each CLI launch has an `--mcp-config` file (it can hold MCP secrets) that a SIGKILLed server cannot remove.
    const launchFiles = readdirSync(join(dataDir, "run", "mcp"));
    expect(launchFiles.length).toBeGreaterThan(0);
    server.kill("SIGKILL");
    await server.proc.exited;
    const had = watcher.list(id);
    watcher.disconnect();
    // What the page showed when the server died, read once it has taken in everything the server sent: a socket's close
    // comes after its last message, so the banner it raises means the last checkpoint reached the page.
    await page.getByRole("status").filter({ hasText: /Offline|Connecting/ }).waitFor({ timeout: 15_000 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve))); // deltas held for the frame
    const shownBefore = await stampsOnScreen();
    server = await startChatml({ dataDir, claudeBin, env, port: server.port });
    const runDir = join(dataDir, "run", "mcp");
    const leftBehind = existsSync(runDir) ? readdirSync(runDir).filter((name) => launchFiles.includes(name)) : [];
    expect(leftBehind).toEqual([]);

    const fresh = new ChatmlClient({ url: server.origin, token: server.token });
    await fresh.connect([id]);
    expect(fresh.list(id).slice(0, had.length)).toEqual(had);
    expect(had.some((event) => event.type === "message.created" && event.message.role === "user")).toBe(true);
    // What the crash kept of the first answer: its checkpoints (at most a second behind what the page showed), or
    // nothing when none was taken yet. The open page carries on from there (it drops deltas past the checkpoints).
    const stored = fresh.assistantText(id).match(/\d{13}\.\d{3}:\d+\|/g) ?? [];
    expect(stored.length).toBeLessThanOrEqual(shownBefore.length);

    await sendInUi("stream 40 0 0");
    await page.getByTestId("turn-result").first().waitFor({ timeout: 30_000 });
    await fresh.waitForEvent(id, "turn.completed");
    const stamps = await stampsOnScreen();
    expect(stamps.length).toBe(new Set(stamps).size);
    expect(stamps.length).toBeGreaterThanOrEqual(stored.length + 40);
    expect(await page.getByTestId("message-user").count()).toBe(2);
    expect(await page.getByTestId("message-assistant").count()).toBe(fresh.list(id).filter((e) => e.type === "message.created" && e.message.role === "assistant").length);
    expect(fresh.anomalies).toEqual([]);
    fresh.disconnect();
  });
});

/** The conversation the UI just started, from the sessions list. */
async function firstConversationId(client: ChatmlClient): Promise<string> {
  const { workspaces } = await client.api<{ workspaces: { id: string }[] }>("/api/workspaces");
  const { sessions } = await client.api<{ sessions: { id: string }[] }>(`/api/sessions?workspaceId=${workspaces[0]?.id}`);
  const { conversations } = await client.api<{ conversations: { id: string }[] }>(`/api/conversations?sessionId=${sessions[0]?.id}`);
  if (!conversations[0]) throw new Error("the UI did not start a conversation");
  return conversations[0].id;
}
