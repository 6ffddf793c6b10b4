import { describe, expect, it } from "vitest";
import type { DurableEvent } from "../shared/protocol/events.ts";
import type { MessageQueue } from "../shared/protocol/queue.ts";
import { conversationStack } from "./support/conversation-stack.ts";

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
  const stack = conversationStack("chatml-bypass", version, { IS_SANDBOX: "1" });
  const { open } = stack;
  const setMode = (id: string, mode: string) => stack.client.api(`/api/conversations/${id}/permission-mode`, { body: { commandId: stack.client.commandId(), mode } });
  const storedMode = async (id: string) => (await stack.client.api<{ conversation: { permissionMode: string } }>(`/api/conversations/${id}`)).conversation.permissionMode;
  const turns = (id: string) => stack.client.list(id).filter((e) => e.type === "turn.completed").length;

  it("restarts an idle CLI in bypass, keeping the conversation, and its tools then run unasked", async () => {
    const id = await open();
    await stack.client.send(id, "First words @@text");
    await stack.client.waitForEvent(id, "turn.completed");
    await setMode(id, "bypassPermissions");
    expect(await storedMode(id)).toBe("bypassPermissions");
    expect(exits(stack.client.list(id))).toEqual([expect.objectContaining({ handoff: "restart", reason: expect.stringMatching(/restarted in Bypass permissions/) })]);
    await stack.client.send(id, "Run it @@bash");
    await stack.client.waitUntil(() => turns(id) === 2, 90_000, "the bash turn");
    expect(stack.client.list(id).some((e) => e.type === "permission.requested")).toBe(false);
    expect(stack.client.assistantText(id)).toContain("hello-from-bash");
    await stack.client.send(id, "@@remember now");
    await stack.client.waitUntil(() => turns(id) === 3, 90_000, "the remember turn");
    // The restarted CLI resumed the same Claude session: it still has the first message.
    expect(stack.client.assistantText(id)).toMatch(/I remember: .*First words/);
  });

  // When the restart happens (after the turn, the approval and queue kept) is the server's, the same on either
  // transport (ADR 0156): the newest CLI only. The restart itself and leaving bypass run on both.
  it.runIf(version === "2.1.332")("while a turn waits for an approval, switches after the turn, keeping the approval and the queued message", async () => {
    const id = await open();
    await stack.client.send(id, "Run it @@bash");
    const asked = await stack.client.waitForEvent(id, "permission.requested");
    await stack.client.api<{ queue: MessageQueue }>(`/api/conversations/${id}/queue`, { method: "POST", body: { commandId: stack.client.commandId(), text: "Again @@write", sendAfter: null } });
    await setMode(id, "bypassPermissions");
    expect(await storedMode(id)).toBe("bypassPermissions");
    expect(notices(stack.client.list(id)).join("\n")).toMatch(/Bypass permissions starts when this turn ends/);
    expect(exits(stack.client.list(id))).toHaveLength(0);
    await stack.client.answer(id, asked.request.id, { decision: "allow" });
    await stack.client.waitUntil(() => userTexts(stack.client.list(id)).length === 2 && turns(id) === 2, 120_000, "the queued message answered");
    // The queued message went to the restarted CLI, which wrote the file without asking.
    expect(exits(stack.client.list(id))).toEqual([expect.objectContaining({ handoff: "restart", reason: expect.stringMatching(/restarted in Bypass permissions/) })]);
    expect(stack.client.list(id).filter((e) => e.type === "permission.requested")).toHaveLength(1);
    expect(stack.client.assistantText(id)).toContain("Wrote hello.txt.");
    const { items } = (await stack.client.api<{ queue: MessageQueue }>(`/api/conversations/${id}/queue`)).queue;
    expect(items).toEqual([]);
  });

  it("leaves bypass for another mode without a restart", async () => {
    const id = await open({ permissionMode: "bypassPermissions" });
    await stack.client.send(id, "Hello @@text");
    await stack.client.waitForEvent(id, "turn.completed");
    await setMode(id, "default");
    await stack.client.waitForEvent(id, "cli.status.changed", (e) => e.permissionMode === "default");
    // Back into bypass works too: this CLI was started in it.
    await setMode(id, "bypassPermissions");
    await stack.client.waitForEvent(id, "cli.status.changed", (e) => e.permissionMode === "bypassPermissions");
    expect(exits(stack.client.list(id))).toHaveLength(0);
    expect(await storedMode(id)).toBe("bypassPermissions");
  });
});
