import { mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeApi, type FakeApi } from "./fake-api/server.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { SignedInDevices } from "./support/signed-in-page.ts";
import { openSessionTerminals } from "./support/terminals-page.ts";
import { REPO_ROOT, cliBinPath, cliEnv, markClaudeSetUp, startChatml, startServerAndBrowser, tempDir, type ChatmlServer } from "./harness/index.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

type Event = { type: string; text?: string; message?: { parts: { kind: string; text?: string }[] } };

/**
 * A ChatML restart kills an interactive `claude` while its question waits; Resume on the notice runs it again with
 * `--resume`, and the CLI closes the cut-short turn with lines of its own when the next prompt is typed. The next
 * question must still be a card with its choices in the conversation, answerable from a phone.
 */
describe.each(["2.1.332", "2.1.119"])("a TUI %s resumed after a restart cut its question short", (version) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let devices: SignedInDevices;
  let env: Record<string, string> = {};
  let dataDir = "";
  let sessionId = "";

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startFakeApi({ port: 0 });
    const home = tempDir("chatml-tui-resume-home");
    const folder = realpathSync(tempDir("chatml-tui-resume-folder"));
    // Signed in with an API key, this folder trusted, prompts before tool use (as in interactive-claude.e2e.test.ts).
    markClaudeSetUp(home, [folder]);
    mkdirSync(join(home, ".claude"), { recursive: true });
    writeFileSync(join(home, ".claude", "settings.json"), JSON.stringify({ permissions: { defaultMode: "default" } }));
    env = cliEnv({ apiUrl: api.url, home });
    dataDir = tempDir("chatml-tui-resume-data");
    ({ server, browser } = await startServerAndBrowser(() => startChatml({ dataDir, claudeBin: cliBinPath(version), env })));
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    sessionId = (await client.api<{ session: { id: string } }>("/api/start", { body: { path: folder } })).session.id;
  });

  afterAll(async () => {
    await devices?.close();
    await browser?.close();
    await server?.stop();
    await api?.stop();
  });

  it("asks its next question as a card with choices on the phone; the answer reaches the TUI and the timeline", async () => {
    const first = new ChatmlClient({ url: server.origin, token: server.token });
    const { terminal } = await first.api<{ terminal: { conversationId: string } }>(`/api/sessions/${sessionId}/claude`, { body: { cols: 100, rows: 30 } });
    const conversationId = terminal.conversationId;
    await first.send(conversationId, "@@ask which color");
    await expect.poll(async () => (await first.api<{ approvals: { toolName: string }[] }>("/api/approvals")).approvals, { timeout: 60_000 }).toMatchObject([{ toolName: "AskUserQuestion" }]);
    // The question is in the transcript when ChatML stops, taking the TUI with it (the hook may ask before the CLI
    // writes the call's line; a transcript without it has no turn for the resumed CLI to close).
    await expect.poll(() => toolsOf(first, conversationId), { timeout: 30_000 }).toEqual(["AskUserQuestion running"]);
    await server.stop();
    server = await startChatml({ dataDir, claudeBin: cliBinPath(version), env, port: server.port });
    devices = new SignedInDevices(browser, server);
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    const seqBefore = await lastSeq(client, conversationId);
    const d = await openSessionTerminals(devices.newPage("desktop"), server.origin, sessionId);
    await d.getByRole("button", { name: "Show the terminals a restart ended" }).or(d.getByRole("button", { name: "Open a new Claude TUI in place of Claude" })).first().waitFor({ timeout: 15_000 });
    const show = d.getByRole("button", { name: "Show the terminals a restart ended" });
    if (await show.isVisible()) await show.click();
    await d.getByRole("button", { name: "Open a new Claude TUI in place of Claude" }).click();
    const screen = () => d.getByTestId("terminal-screen").locator(".xterm-rows").innerText();
    await expect.poll(screen, { timeout: 60_000 }).toContain(`Claude Code v${version}`);
    await client.send(conversationId, "@@ask again");

    const p = await devices.open("phone", `#/c/${conversationId}`);
    const card = p.getByTestId("permission-card");
    await card.getByRole("radio", { name: "Red" }).waitFor({ timeout: 60_000 });
    await p.getByRole("button", { name: "Status: Asks you a question. Details" }).waitFor();
    // The CLI has closed the cut-short turn by now (it does so before it sends the new prompt); the card stays.
    await expect.poll(() => screen(), { timeout: 15_000 }).toContain("Which color do you prefer?");
    await p.getByText("@@ask again").first().waitFor({ timeout: 15_000 });
    expect(await card.getByRole("radio", { name: "Red" }).isVisible()).toBe(true);
    await p.screenshot({ path: join(SHOTS, `interactive-resume-${version}-phone-question.png`) });
    await d.screenshot({ path: join(SHOTS, `interactive-resume-${version}-desktop-question.png`) });
    await card.getByRole("radio", { name: "Red" }).tap();
    await card.getByRole("button", { name: "Submit answers" }).tap();
    await p.getByText(/You answered: .*"Which color do you prefer\?"="Red"/).waitFor({ timeout: 60_000 });
    await p.screenshot({ path: join(SHOTS, `interactive-resume-${version}-phone-answered.png`) });

    const since = await eventsAfter(client, conversationId, seqBefore);
    // Nothing of the cut-short turn was mirrored again: no unknown call, no made-up answer ending the new turn early.
    expect(since.filter((e) => e.type === "notice").map((e) => e.text)).toEqual([expect.stringContaining("Continues in the interactive Claude terminal")]);
    expect(since.filter((e) => e.type === "turn.completed")).toHaveLength(1);
    expect(since.flatMap((e) => (e.type === "message.created" ? (e.message?.parts ?? []).map((part) => part.text ?? part.kind) : []))).toEqual(["@@ask again", "tool", expect.stringMatching(/^You answered: /)]);
  }, 240_000);
});

async function lastSeq(client: ChatmlClient, conversationId: string): Promise<number> {
  const { events } = await client.api<{ events: { seq: number }[] }>(`/api/conversations/${conversationId}/events?afterSeq=0&limit=1000`);
  return events.at(-1)?.seq ?? 0;
}

async function eventsAfter(client: ChatmlClient, conversationId: string, seq: number): Promise<Event[]> {
  const { events } = await client.api<{ events: { event: Event }[] }>(`/api/conversations/${conversationId}/events?afterSeq=${seq}&limit=1000`);
  return events.map(({ event }) => event);
}

async function toolsOf(client: ChatmlClient, conversationId: string): Promise<string[]> {
  type Part = { kind: string; name?: string; status?: string };
  const { messages } = await client.api<{ messages: { parts: Part[] }[] }>(`/api/conversations/${conversationId}/messages`);
  return messages.flatMap((m) => m.parts.flatMap((part) => (part.kind === "tool" ? [`${part.name} ${part.status}`] : [])));
}
