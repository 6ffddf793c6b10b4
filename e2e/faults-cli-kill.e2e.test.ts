import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBinPath, cliEnv, startChatml, startFakeApi, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { viewOf, visibleText } from "./support/view-of.ts";

/**
 * The real CLI (2.1.330, stdio) is SIGKILLed mid-turn: the conversation shows "exited" with the reason, the next
 * message resumes it with its context, and nothing a browser already showed disappears — not for the browser that
 * watched, and not for one that opens the conversation afterwards.
 */
describe("the real CLI killed mid-turn", () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let client: ChatmlClient;
  let conversationId: string;

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    const env = cliEnv({ apiUrl: api.url, home: tempDir("chatml-kill-home") });
    server = await startChatml({ dataDir: tempDir("chatml-kill-data"), claudeBin: cliBinPath("2.1.330"), env });
    client = new ChatmlClient({ url: server.origin, token: server.token });
    conversationId = (await client.startInFolder(tempDir("chatml-kill-work"))).id;
    await client.connect([conversationId]);
  });

  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
    await api?.stop();
  });

  const streamedText = () =>
    (client.deltas.get(conversationId) ?? []).map((delta) => (delta.type === "message.part.delta" && delta.partKind === "text" ? delta.delta : "")).join("");

  let shown: ReturnType<typeof viewOf>;
  let reloaded: ReturnType<typeof viewOf>;

  it("shows exited with the reason when the CLI is SIGKILLed mid-turn", async () => {
    await client.send(conversationId, "The secret word is MANGO.");
    await client.waitForEvent(conversationId, "turn.completed");
    await client.send(conversationId, "Talk slowly @@long");
    await client.waitUntil(() => streamedText().includes("slow-05"), 60_000, "the slow turn to stream");
    // The server's child is the CLI's guard (ADR 0008); the CLI is the guard's child.
    const [guardPid] = childPids(server.proc.pid);
    const [cliPid] = childPids(guardPid as number);
    expect(cliPid).toBeDefined();
    process.kill(cliPid as number, "SIGKILL");

    const exited = await client.waitForEvent(conversationId, "process.exited", (event) => !event.isExpected, 20_000);
    expect(exited).toMatchObject({ signal: "SIGKILL", isExpected: false, reason: expect.stringContaining("SIGKILL") });
    const status = await client.waitForEvent(conversationId, "conversation.status.changed", (event) => event.status === "exited");
    expect(status.reason).toContain("SIGKILL");
    const { conversation } = await client.api<{ conversation: { status: string; statusReason: string } }>(`/api/conversations/${conversationId}`);
    expect(conversation).toMatchObject({ status: "exited", statusReason: expect.stringContaining("SIGKILL") });
    // What the watching browser shows, and what a browser opening the conversation now gets from history.
    shown = viewOf(client.frames, conversationId);
    const fresh = new ChatmlClient({ url: server.origin, token: server.token });
    await fresh.connect([conversationId]);
    fresh.disconnect();
    reloaded = viewOf(fresh.frames, conversationId);
    expect(visibleText(shown)).toContain("slow-05");
  });

  it("keeps every durable event the watching browser had", () => {
    expect(reloaded.lastSeq).toBe(shown.lastSeq);
    expect(reloaded.items).toEqual(shown.items);
    expect(visibleText(reloaded)).toContain("The secret word is MANGO.");
    expect(visibleText(reloaded)).toContain("Talk slowly @@long");
  });

  // Text streamed before the CLI died is settled as a durable update on exit, marked interrupted, so a reload shows it.
  it("keeps the text that was streamed before the kill in history, marked interrupted", () => {
    expect(visibleText(reloaded)).toBe(visibleText(shown));
    const cut = [...client.textParts(conversationId).values()].filter((part) => part.streamState === "interrupted");
    expect(cut).toHaveLength(1);
    expect(cut[0]?.text).toContain("slow-05");
  });

  it("resumes with the conversation's context on the next message", async () => {
    await client.send(conversationId, "What did I tell you? @@remember");
    await client.waitUntil(() => client.list(conversationId).filter((event) => event.type === "turn.completed").length === 2, 60_000, "the resumed turn");
    expect(client.assistantText(conversationId)).toContain("MANGO");
    const session = client.list(conversationId).filter((event) => event.type === "cli.session.updated");
    expect(new Set(session.map((event) => event.type === "cli.session.updated" && event.cliSessionId)).size).toBe(1);
    expect(visibleText(viewOf(client.frames, conversationId)).startsWith(visibleText(shown))).toBe(true);
    expect(client.anomalies).toEqual([]);
  });
});

function childPids(parent: number): number[] {
  return Bun.spawnSync(["pgrep", "-P", String(parent)]).stdout.toString().split("\n").filter(Boolean).map(Number);
}
