import { describe, expect, it } from "vitest";
import type { DurableEvent } from "../shared/protocol/events.ts";
import { conversationStack } from "./support/conversation-stack.ts";

const turns = (events: DurableEvent[]) => events.filter((e) => e.type === "turn.completed").length;
const asked = (events: DurableEvent[]) => events.filter((e) => e.type === "permission.requested").length;
const exits = (events: DurableEvent[]) => events.filter((e) => e.type === "process.exited");

/**
 * A permission mode chosen while the conversation's CLI is still starting (its first message launched it, before the
 * CLI's init) was stored but never reached that process: its turn ran in the mode it was started in. Bypass needs a
 * restart (ADR 0104), so the server runs with IS_SANDBOX=1 as root in a sandbox of one's own would (ADR 0097).
 */
describe.each(["2.1.119", "2.1.332"])("a mode chosen while the real CLI %s starts", (version) => {
  const stack = conversationStack("chatml-mode-starting", version, { IS_SANDBOX: "1" });
  const setMode = (id: string, mode: string) => stack.client.api(`/api/conversations/${id}/permission-mode`, { body: { commandId: stack.client.commandId(), mode } });

  /** Sends `text` and, once the CLI it launches is starting, chooses `mode`; resolves when the message was taken. */
  async function sendChoosingModeWhileStarting(id: string, text: string, mode: string): Promise<void> {
    const sent = stack.client.send(id, text);
    await stack.client.waitForEvent(id, "conversation.status.changed", (e) => e.status === "starting");
    await setMode(id, mode);
    await sent;
  }

  it("reaches the process before the message that started it: Accept edits writes without asking", async () => {
    const id = await stack.open();
    await sendChoosingModeWhileStarting(id, "Write it @@write", "acceptEdits");
    await stack.client.waitUntil(() => turns(stack.client.list(id)) === 1, 90_000, "the write turn");
    expect(asked(stack.client.list(id))).toBe(0);
    expect(stack.client.assistantText(id)).toContain("Wrote hello.txt.");
    expect(stack.client.list(id)).toContainEqual(expect.objectContaining({ type: "cli.status.changed", permissionMode: "acceptEdits" }));
  });

  it("bypass restarts the CLI in it, and stays the stored mode, so the next tools run unasked", async () => {
    const id = await stack.open();
    await sendChoosingModeWhileStarting(id, "Run it @@bash", "bypassPermissions");
    const list = () => stack.client.list(id);
    // A CLI that was up before the choice (stdio is up as soon as it is spawned) runs this turn as started, asking.
    await stack.client.waitUntil(() => turns(list()) === 1 || asked(list()) === 1, 90_000, "the bash turn or its question");
    const question = list().find((e) => e.type === "permission.requested");
    if (question?.type === "permission.requested" && turns(list()) === 0) await stack.client.answer(id, question.request.id, { decision: "allow" });
    await stack.client.waitUntil(() => turns(list()) === 1 && exits(list()).length === 1, 90_000, "the turn and the restart in bypass");
    expect(exits(list())).toEqual([expect.objectContaining({ handoff: "restart", reason: expect.stringMatching(/restarted in Bypass permissions/) })]);
    const askedBefore = asked(list());
    await stack.client.send(id, "Again @@bash");
    await stack.client.waitUntil(() => turns(list()) === 2, 90_000, "the second bash turn");
    expect(asked(list())).toBe(askedBefore);
    const { conversation } = await stack.client.api<{ conversation: { permissionMode: string } }>(`/api/conversations/${id}`);
    expect(conversation.permissionMode).toBe("bypassPermissions");
  });
});
