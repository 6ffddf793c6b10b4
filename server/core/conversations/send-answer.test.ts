import { afterEach, describe, expect, it } from "vitest";
import { countStatements } from "../../test-support/statement-counter.ts";
import { fakeCliConversationService } from "./conversation-test-kit.ts";
import { until } from "../../test-support/until.ts";

// Counting wraps bun:sqlite before the kit opens its database (this file's worker has a module state of its own).
const counter = countStatements();
const CONVERSATION_STAMP = "UPDATE conversations SET updated_at = $updatedAt, last_seq = $lastSeq";

/*
 * A send's answer to its command id ({messageId}) is what a retried send is given instead of sending twice. It is
 * stored in the transaction that stores the message (issue 16's turn start: one commit a send, not two).
 * Real SQLite and a real (fake) CLI child process over stdio.
 */
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe("a send's command answer", () => {
  it("is stored by the commit that stores its message: stored when the message is published, and no commit of its own", async () => {
    const kit = await fakeCliConversationService({ folderPrefix: "chatml-send-answer-" });
    cleanup = kit.cleanup;
    const { service, conversation, repos, bus, messages } = kit;
    const turnsCompleted = () => messages.filter((m) => m.kind === "event" && m.sequenced.event.type === "turn.completed").length;
    await service.sendMessage(conversation.id, { commandId: "first", text: "hello", images: [] });
    await until(() => turnsCompleted() === 1, "the first turn (the CLI launched)");

    // What a retry would be given at the moment any device hears of the message (published once it is stored).
    const answerWhenPublished: unknown[] = [];
    bus.subscribe((m) => {
      if (m.kind === "event" && m.sequenced.event.type === "message.created" && m.sequenced.event.message.role === "user") answerWhenPublished.push(repos.commands.find(conversation.id, "second"));
    });
    counter.take();
    const { messageId } = await service.sendMessage(conversation.id, { commandId: "second", text: "hello again", images: [] });
    await until(() => turnsCompleted() === 2, "the second turn");
    const counts = counter.take();

    expect(answerWhenPublished).toEqual([{ messageId }]);
    // Every transaction of the send and its turn is a commit of the conversation's events (each stamps its row once);
    // before, the answer was stored after them, in one more.
    const eventCommits = Object.entries(counts.bySql).filter(([sql]) => sql.startsWith(CONVERSATION_STAMP)).reduce((sum, [, n]) => sum + n, 0);
    expect(eventCommits).toBeGreaterThan(0);
    expect(counts.transactions, JSON.stringify(counts.bySql, null, 1)).toBe(eventCommits);
    // A retry with the same command id is answered the same, and sends nothing.
    expect(await service.sendMessage(conversation.id, { commandId: "second", text: "hello again", images: [] })).toEqual({ messageId });
    expect(repos.messages.list(conversation.id).filter((m) => m.role === "user")).toHaveLength(2);
  });
});
