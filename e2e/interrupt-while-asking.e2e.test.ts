import { describe, expect, it } from "vitest";
import type { DurableEvent } from "../shared/protocol/events.ts";
import { conversationStack } from "./support/conversation-stack.ts";

/**
 * "Interrupt & send" while Claude waits on a permission or a question (the composer interrupts, then sends): on the
 * newest pinned CLI the card is withdrawn and cannot be answered, the interrupted turn ends before the new message in
 * the timeline, and the conversation works (not "ready") until the new message is answered.
 */
describe("interrupt & send while Claude asks, on the real CLI 2.1.332", () => {
  const stack = conversationStack("chatml-interrupt-ask", "2.1.332");

  /** Types of the events after the card was withdrawn, the status as its value ("status:running"). */
  const after = (events: DurableEvent[], requestId: string) => {
    const from = events.findIndex((event) => event.type === "permission.resolved" && event.requestId === requestId);
    return events.slice(from + 1).flatMap((event) => {
      if (event.type === "conversation.status.changed") return [`status:${event.status}`];
      if (event.type === "message.created") return [`${event.message.role}-message`];
      return event.type === "turn.completed" ? [event.isError ? "turn-failed" : "turn-done"] : [];
    });
  };

  it.each([
    ["a permission", "Write a file @@write"],
    ["a question", "Ask me something @@ask"],
  ])("withdraws %s, ends its turn first and keeps the new message's turn working", async (_, prompt) => {
    const id = await stack.open();
    await stack.client.send(id, prompt);
    const { request } = await stack.client.waitForEvent(id, "permission.requested");
    await stack.client.interrupt(id);
    await stack.client.send(id, "And now? @@text");
    const steps = () => after(stack.client.list(id), request.id);
    await stack.client.waitUntil(() => steps().filter((step) => step.startsWith("turn-")).length === 2 && steps().findLast((step) => step.startsWith("status:")) === "status:ready", 60_000, "the new message's turn to end");

    const events = stack.client.list(id);
    expect(events).toContainEqual({ type: "permission.resolved", requestId: request.id, outcome: "cancelled", message: "The CLI withdrew the request." });
    expect(steps()).toEqual(["status:running", "turn-failed", "status:ready", "user-message", "status:running", "assistant-message", "turn-done", "status:ready"]);
    await expect(stack.client.answer(id, request.id, { decision: "allow" })).rejects.toThrow(/permission_not_pending/);
    expect(stack.client.assistantText(id)).toContain("Hello! This is the fake API");
  });
});
