import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DurableEvent } from "../shared/protocol/events.ts";
import type { MessageQueue } from "../shared/protocol/queue.ts";
import { cliBinPath, cliEnv, startChatml, startFakeApi, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";

const userTexts = (events: DurableEvent[]) =>
  events.flatMap((e) => (e.type === "message.created" && e.message.role === "user" ? [e.message.parts.map((p) => (p.kind === "text" ? p.text : "")).join("")] : []));
const notices = (events: DurableEvent[]) => events.flatMap((e) => (e.type === "notice" ? [e.text] : []));
const exits = (events: DurableEvent[]) => events.filter((e) => e.type === "process.exited");

/**
 * Switching a running conversation into Bypass permissions (ADR 0104): the pinned CLIs refuse set_permission_mode to
 * bypass unless they were started in it, so ChatML restarts the CLI with --resume: at once when no turn runs, after
 * the turn otherwise, keeping the history, a pending approval and a queued message. The server runs as root here, so
 * it is started with IS_SANDBOX=1, as a user running ChatML as root in a sandbox of their own would (ADR 0097).
 */
describe.each(["2.1.119", "2.1.332"])("switching to bypass on the real CLI %s", (version) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let client: ChatmlClient;

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    const env = { ...cliEnv({ apiUrl: api.url, home: tempDir("chatml-bypass-home") }), IS_SANDBOX: "1" };
    server = await startChatml({ dataDir: tempDir("chatml-bypass-data"), claudeBin: cliBinPath(version), env });
    client = new ChatmlClient({ url: server.origin, token: server.token });
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
    await api?.stop();
  });

  async function open(extra: Record<string, unknown> = {}): Promise<string> {
    const conversation = await client.startInFolder(tempDir("chatml-bypass-work"), extra);
    await client.connect([conversation.id]);
    return conversation.id;
  }
  const setMode = (id: string, mode: string) => client.api(`/api/conversations/${id}/permission-mode`, { body: { commandId: client.commandId(), mode } });
  const storedMode = async (id: string) => (await client.api<{ conversation: { permissionMode: string } }>(`/api/conversations/${id}`)).conversation.permissionMode;
  const turns = (id: string) => client.list(id).filter((e) => e.type === "turn.completed").length;

  it("restarts an idle CLI in bypass, keeping the conversation, and its tools then run unasked", async () => {
    const id = await open();
    await client.send(id, "First words @@text");
    await client.waitForEvent(id, "turn.completed");
    await setMode(id, "bypassPermissions");
    expect(await storedMode(id)).toBe("bypassPermissions");
    expect(exits(client.list(id))).toEqual([expect.objectContaining({ handoff: "restart", reason: expect.stringMatching(/restarted in Bypass permissions/) })]);
    await client.send(id, "Run it @@bash");
    await client.waitUntil(() => turns(id) === 2, 90_000, "the bash turn");
    expect(client.list(id).some((e) => e.type === "permission.requested")).toBe(false);
    expect(client.assistantText(id)).toContain("hello-from-bash");
    await client.send(id, "@@remember now");
    await client.waitUntil(() => turns(id) === 3, 90_000, "the remember turn");
    // The restarted CLI resumed the same Claude session: it still has the first message.
    expect(client.assistantText(id)).toMatch(/I remember: .*First words/);
  });

  it("while a turn waits for an approval, switches after the turn, keeping the approval and the queued message", async () => {
    const id = await open();
    await client.send(id, "Run it @@bash");
    const asked = await client.waitForEvent(id, "permission.requested");
    await client.api<{ queue: MessageQueue }>(`/api/conversations/${id}/queue`, { method: "POST", body: { commandId: client.commandId(), text: "Again @@write", sendAfter: null } });
    await setMode(id, "bypassPermissions");
    expect(await storedMode(id)).toBe("bypassPermissions");
    expect(notices(client.list(id)).join("\n")).toMatch(/Bypass permissions starts when this turn ends/);
    expect(exits(client.list(id))).toHaveLength(0);
    await client.answer(id, asked.request.id, { decision: "allow" });
    await client.waitUntil(() => userTexts(client.list(id)).length === 2 && turns(id) === 2, 120_000, "the queued message answered");
    // The queued message went to the restarted CLI, which wrote the file without asking.
    expect(exits(client.list(id))).toEqual([expect.objectContaining({ handoff: "restart", reason: expect.stringMatching(/restarted in Bypass permissions/) })]);
    expect(client.list(id).filter((e) => e.type === "permission.requested")).toHaveLength(1);
    expect(client.assistantText(id)).toContain("Wrote hello.txt.");
    const { items } = (await client.api<{ queue: MessageQueue }>(`/api/conversations/${id}/queue`)).queue;
    expect(items).toEqual([]);
  });

  it("leaves bypass for another mode without a restart", async () => {
    const id = await open({ permissionMode: "bypassPermissions" });
    await client.send(id, "Hello @@text");
    await client.waitForEvent(id, "turn.completed");
    await setMode(id, "default");
    await client.waitForEvent(id, "cli.status.changed", (e) => e.permissionMode === "default");
    // Back into bypass works too: this CLI was started in it.
    await setMode(id, "bypassPermissions");
    await client.waitForEvent(id, "cli.status.changed", (e) => e.permissionMode === "bypassPermissions");
    expect(exits(client.list(id))).toHaveLength(0);
    expect(await storedMode(id)).toBe("bypassPermissions");
  });
});
