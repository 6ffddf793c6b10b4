import { afterEach, describe, expect, it } from "vitest";
import type { ConversationId } from "../../../shared/ids.ts";
import type { BusMessage } from "../event-bus.ts";
import type { ConversationService } from "./conversation-service.ts";
import { fakeCliConversationService } from "./conversation-test-kit.ts";
import { until } from "../../test-support/until.ts";

/*
 * Messages sent to several conversations at once (issue 16's turn start: 20 sends landing together). Real SQLite and
 * real (fake) CLI child processes over stdio; what each CLI is written is heard on its way out.
 */
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

let commands = 0;
const send = (s: ConversationService, id: ConversationId, text: string) => s.sendMessage(id, { commandId: `together-${commands++}`, text, images: [] });
const isUserMessage = (m: BusMessage) => m.kind === "event" && m.sequenced.event.type === "message.created" && m.sequenced.event.message.role === "user";

describe("sends that land together", () => {
  it("each prompt reaches its CLI before any of their messages is committed; each send is answered once its message is stored, ahead of its answer", async () => {
    /** For each prompt written to a CLI: how many user messages had been committed and published by then. */
    const committedAtPrompt: number[] = [];
    let published: BusMessage[] = [];
    const kit = await fakeCliConversationService({
      folderPrefix: "chatml-together-",
      conversations: 3,
      onHostLine: (_cwd, line) => void (line.type === "user" && committedAtPrompt.push(published.filter(isUserMessage).length)),
    });
    cleanup = kit.cleanup;
    const { service, conversations, messages, repos } = kit;
    published = messages; // the bus's messages as they are published (the kit hears them synchronously)
    const turnsCompleted = () => messages.filter((m) => m.kind === "event" && m.sequenced.event.type === "turn.completed").length;
    await Promise.all(conversations.map((c) => send(service, c.id, "hello")));
    await until(() => turnsCompleted() === conversations.length, "the first turns (each CLI launched)");

    committedAtPrompt.length = 0;
    const before = messages.filter(isUserMessage).length;
    const answered = await Promise.all(conversations.map((c) => send(service, c.id, "hello again")));

    // A send's commit (its message, its status, their frames) waits for the loop's check phase, so the prompts of
    // the sends beside it go out first (before, the third prompt waited for two commits).
    expect(committedAtPrompt).toEqual(conversations.map(() => before));
    answered.forEach(({ messageId }, i) => expect(repos.messages.list(conversations[i]!.id).map((m) => m.id)).toContain(messageId));
    // The CLIs' answers, which may arrive while the commits wait, are stored after the messages they answer.
    await until(() => turnsCompleted() === 2 * conversations.length, "the second turns");
    for (const c of conversations) expect(repos.messages.list(c.id).map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
  });

  it("commit one a turn of the event loop, so what arrives meanwhile (a CLI's first deltas) waits for one commit at most", async () => {
    const kit = await fakeCliConversationService({ folderPrefix: "chatml-together-", conversations: 3 });
    cleanup = kit.cleanup;
    const { service, conversations, messages, bus } = kit;
    const turnsCompleted = () => messages.filter((m) => m.kind === "event" && m.sequenced.event.type === "turn.completed").length;
    await Promise.all(conversations.map((c) => send(service, c.id, "hello")));
    await until(() => turnsCompleted() === conversations.length, "the first turns (each CLI launched)");

    // At each send's commit (its message published), a callback for the loop's next turn notes how many of the
    // sends' messages had been committed by the time it ran. Before, all three committed in one check phase. The
    // CLIs are sent "hang" (they answer nothing), so no CLI line commits a message ahead of its send.
    const committedAtNextTurn: number[] = [];
    let committed = 0;
    bus.subscribe((m) => {
      if (!isUserMessage(m)) return;
      committed += 1;
      setImmediate(() => committedAtNextTurn.push(committed));
    });
    await Promise.all(conversations.map((c) => send(service, c.id, "hang")));
    await until(() => committedAtNextTurn.length === conversations.length, "a loop turn after each commit");
    expect(committedAtNextTurn).toEqual([1, 2, 3]);
  });

  it("a send's commit publishes its message, its status and the listed row as one bus batch (one write a socket, ADR 0315)", async () => {
    const kit = await fakeCliConversationService({ folderPrefix: "chatml-together-", conversations: 1 });
    cleanup = kit.cleanup;
    const { service, conversations, messages, bus } = kit;
    const id = conversations[0]!.id;
    await send(service, id, "hello");
    await until(() => messages.some((m) => m.kind === "event" && m.sequenced.event.type === "turn.completed"), "the first turn (the CLI launched)");

    // Each batch's messages, as the browser hub groups them for its sockets' writes; a message outside any batch alone.
    const batches: string[][] = [];
    let current: string[] | null = null;
    const name = (m: BusMessage) => (m.kind === "event" ? m.sequenced.event.type : m.kind === "entity" ? `entity ${m.change.kind}` : m.kind);
    bus.subscribe((m) => (bus.isBatching ? (current ??= []).push(name(m)) : batches.push([name(m)])));
    bus.onBatchEnd(() => {
      if (current) batches.push(current);
      current = null;
    });
    await send(service, id, "hang"); // the CLI answers nothing: the send's commit is the only one
    expect(batches).toEqual([["message.created", "conversation.status.changed", "entity conversation"]]);
  });
});
