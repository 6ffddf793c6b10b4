import { afterEach, describe, expect, it } from "vitest";
import { newId, type MessageId, type PartId } from "../../../shared/ids.ts";
import type { DomainEvent } from "../../../shared/protocol/events.ts";
import { openTempDb, seedConversation, textPart, type TempDb } from "../../persistence/test-support.ts";
import { EventBus, type BusMessage } from "../event-bus.ts";
import { EventCommitter } from "./event-committer.ts";

let temp: TempDb;
afterEach(() => temp?.cleanup());

function setup() {
  temp = openTempDb();
  const { conversation } = seedConversation(temp.repos);
  const bus = new EventBus();
  const published: BusMessage[] = [];
  bus.subscribe((message) => {
    // Durable events must already be in SQLite when they are published.
    if (message.kind === "event") expect(temp.repos.events.lastSeq(conversation.id)).toBeGreaterThanOrEqual(message.sequenced.seq);
    published.push(message);
  });
  const store = { appendBatch: temp.repos.events.appendBatch.bind(temp.repos.events) };
  return { conversation, published, committer: new EventCommitter(conversation.id, store, bus, () => 5) };
}

const message = (id: MessageId): DomainEvent => ({
  type: "message.created",
  message: { id, role: "assistant", parentToolUseId: null, model: null, createdAt: 1, parts: [] },
});
const delta = (messageId: MessageId, partId: PartId, text: string): DomainEvent => ({
  type: "message.part.delta",
  messageId,
  partId,
  partKind: "text",
  toolName: null,
  delta: text,
  isReset: false,
});

describe("EventCommitter", () => {
  it("commits durable events in one batch and publishes everything in the order it happened", () => {
    const { published, committer, conversation } = setup();
    const messageId = newId("message");
    const part = textPart("Hello world");
    committer.add([message(messageId), delta(messageId, part.id, "Hello"), delta(messageId, part.id, " world")]);
    committer.add([{ type: "message.part.updated", messageId, part }]);
    committer.flush();
    expect(published.map((entry) => (entry.kind === "event" ? `${entry.sequenced.seq}:${entry.sequenced.event.type}` : entry.kind))).toEqual([
      "1:message.created",
      "delta",
      "2:message.part.updated",
    ]);
    expect(published[1]).toMatchObject({ kind: "delta", event: { delta: "Hello world", isReset: false } });
    expect(temp.repos.messages.list(conversation.id)[0]?.parts).toEqual([part]);
    expect(committer.flush()).toEqual([]);
  });

  it("publishes a batch of deltas alone in order and stores nothing for it", () => {
    const { published, committer, conversation } = setup();
    const messageId = newId("message");
    const [a, b] = [newId("part"), newId("part")];
    committer.add([delta(messageId, a, "1"), delta(messageId, b, "2")]);
    expect(committer.flush()).toEqual([]);
    expect(published.map((entry) => (entry.kind === "delta" && entry.event.type === "message.part.delta" ? entry.event.delta : entry.kind))).toEqual(["1", "2"]);
    expect(temp.repos.events.lastSeq(conversation.id)).toBe(0);
  });

  it("keeps the good events of a batch the store refuses, and says that one was lost", () => {
    const { published, committer, conversation } = setup();
    const good = newId("message");
    committer.add([message(good), { type: "message.part.updated", messageId: newId("message"), part: textPart("orphan") }]);
    committer.flush();
    const types = temp.repos.events.listAfter(conversation.id, 0, 10).map((entry) => entry.event.type);
    expect(types).toEqual(["message.created", "notice"]);
    expect(published.filter((entry) => entry.kind === "event")).toHaveLength(2);
  });

  it("drops the events of a conversation deleted meanwhile (a terminal still reporting) instead of retrying for ever", () => {
    const { published, committer, conversation } = setup();
    temp.repos.conversations.remove(conversation.id);
    committer.add([message(newId("message")), { type: "notice", level: "info", text: "The interactive Claude terminal was closed." }]);
    expect(committer.flush()).toEqual([]);
    expect(published).toEqual([]);
  });

  it("gives up when even the notice of lost events cannot be stored (a failing disk), instead of retrying for ever", () => {
    const { conversation } = setup();
    const store = { appendBatch: () => { throw new Error("disk I/O error"); } };
    const committer = new EventCommitter(conversation.id, store, new EventBus(), () => 5);
    committer.add([message(newId("message"))]);
    expect(committer.flush()).toEqual([]);
  });

  it("joins only deltas of one part that follow each other, so the order of everything stays as it happened", () => {
    const { published, committer } = setup();
    const messageId = newId("message");
    const [a, b] = [newId("part"), newId("part")];
    committer.add([message(messageId), delta(messageId, a, "1"), delta(messageId, a, "2"), delta(messageId, b, "x"), delta(messageId, a, "3")]);
    committer.add([{ ...(delta(messageId, a, "whole") as Extract<DomainEvent, { type: "message.part.delta" }>), isReset: true }, delta(messageId, a, "4")]);
    committer.flush();
    const deltas = published.flatMap((entry) => (entry.kind === "delta" && entry.event.type === "message.part.delta" ? [[entry.event.partId === a ? "a" : "b", entry.event.delta, entry.event.isReset]] : []));
    expect(deltas).toEqual([["a", "12", false], ["b", "x", false], ["a", "3", false], ["a", "whole4", true]]);
  });
});
