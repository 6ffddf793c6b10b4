import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import type { DurableEvent } from "../../shared/protocol/events.ts";
import { openDatabase } from "./db.ts";
import { createRepositories } from "./repositories.ts";
import { assistantMessage, notice, openTempDb, seedConversation, storedChunkTexts, textAppended, textPart, toolPart, type TempDb } from "./test-support.ts";

let t: TempDb;
beforeEach(() => {
  t = openTempDb();
});
afterEach(() => t.cleanup());

const seqs = (events: { seq: number }[]) => events.map((e) => e.seq);

describe("EventRepo.appendBatch", () => {
  it("assigns gap-free seqs per conversation and bumps lastSeq and updatedAt", () => {
    const a = seedConversation(t.repos).conversation;
    const b = seedConversation(t.repos).conversation;
    expect(seqs(t.repos.events.appendBatch(a.id, [notice("1"), notice("2")], 10))).toEqual([1, 2]);
    expect(seqs(t.repos.events.appendBatch(b.id, [notice("x")], 11))).toEqual([1]);
    expect(seqs(t.repos.events.appendBatch(a.id, [notice("3")], 12))).toEqual([3]);
    expect(t.repos.events.lastSeq(a.id)).toBe(3);
    expect(t.repos.conversations.get(a.id)).toMatchObject({ lastSeq: 3, updatedAt: 12 });
    expect(t.repos.events.appendBatch(a.id, [], 13)).toEqual([]);
    expect(t.repos.conversations.get(a.id)?.updatedAt).toBe(12);
  });

  it("returns what it stored, and listAfter pages through it in order", () => {
    const { conversation } = seedConversation(t.repos);
    const events = Array.from({ length: 10 }, (_, i) => notice(`n${i}`));
    const stored = t.repos.events.appendBatch(conversation.id, events, 20);
    expect(stored[0]).toEqual({ seq: 1, at: 20, event: events[0] });
    expect(t.repos.events.listAfter(conversation.id, 0, 100)).toEqual(stored);
    expect(seqs(t.repos.events.listAfter(conversation.id, 3, 4))).toEqual([4, 5, 6, 7]);
    expect(t.repos.events.listAfter(conversation.id, 10, 5)).toEqual([]);
    expect(t.repos.events.listAfter(conversation.id, 0, 0)).toEqual([]);
  });

  it("stays gap-free when two connections interleave batches (concurrent writers)", async () => {
    // Neither connection keeps the conversation row, so each batch reads last_seq under the write lock. A connection
    // that kept it would continue from its own last stamp (ADR 0215): the server is the one writer (ADR 0132).
    const { conversation } = seedConversation(t.repos);
    const second = openDatabase(t.path);
    const other = createRepositories(second);
    try {
      const writers = [t.repos, other].map(async (repos, w) => {
        for (let i = 0; i < 25; i++) {
          await Promise.resolve();
          repos.events.appendBatch(conversation.id, [notice(`${w}-${i}`), notice(`${w}-${i}b`)], i);
        }
      });
      await Promise.all(writers);
      const all = t.repos.events.listAfter(conversation.id, 0, 1_000);
      expect(seqs(all)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(other.events.lastSeq(conversation.id)).toBe(100);
    } finally {
      second.close();
    }
  });

  it("stores nothing and uses no seq when one event of the batch cannot be projected", () => {
    const { conversation } = seedConversation(t.repos);
    t.repos.events.appendBatch(conversation.id, [notice("before")], 1);
    const orphan: DurableEvent = { type: "message.part.updated", messageId: newId("message"), part: textPart("lost") };
    const append = () => t.repos.events.appendBatch(conversation.id, [notice("a"), orphan], 2);
    expect(append).toThrow(/event batch rejected: part .* names message/);
    expect(t.repos.events.lastSeq(conversation.id)).toBe(1);
    expect(t.repos.events.listAfter(conversation.id, 0, 10)).toHaveLength(1);
    expect(seqs(t.repos.events.appendBatch(conversation.id, [notice("after")], 3))).toEqual([2]);
  });

  it("continues from the seq in the conversation row it keeps, and from the stored one after a batch rolled back (ADR 0215)", () => {
    const { conversation } = seedConversation(t.repos);
    expect(t.repos.conversations.get(conversation.id)?.lastSeq).toBe(0);
    expect(seqs(t.repos.events.appendBatch(conversation.id, [notice("1"), notice("2")], 1))).toEqual([1, 2]);
    expect(t.repos.conversations.get(conversation.id)?.lastSeq).toBe(2);
    // The batch commits inside a transaction that then fails: the seq it kept was never stored.
    expect(() => t.db.transaction(() => {
      t.repos.events.appendBatch(conversation.id, [notice("rolled back")], 2);
      throw new Error("the outer transaction fails");
    })).toThrow("the outer transaction fails");
    expect(seqs(t.repos.events.appendBatch(conversation.id, [notice("3")], 3))).toEqual([3]);
    t.repos.conversations.update(conversation.id, { title: "Renamed" });
    expect(seqs(t.repos.events.appendBatch(conversation.id, [notice("4")], 4))).toEqual([4]);
    expect(seqs(t.repos.events.listAfter(conversation.id, 0, 10))).toEqual([1, 2, 3, 4]);
  });

  it("answers not_found for a conversation that does not exist", () => {
    const missing = newId("conversation");
    expect(() => t.repos.events.appendBatch(missing, [notice("x")], 1)).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(() => t.repos.events.lastSeq(missing)).toThrow(expect.objectContaining({ code: "not_found" }));
  });

  // How fast is measured by bench/, beside a floor; a test only checks that big batches stay contiguous.
  it("appends batches of 1,000 events with contiguous sequence numbers", () => {
    const { conversation } = seedConversation(t.repos);
    const batch = Array.from({ length: 1_000 }, (_, i) => notice(`event ${i}`));
    t.repos.events.appendBatch(conversation.id, batch, 1);
    const stored = t.repos.events.appendBatch(conversation.id, batch, 2);
    expect(stored.map((event) => event.seq)).toEqual(Array.from({ length: 1_000 }, (_, i) => 1_001 + i));
  });

  it("round-trips a multi-megabyte tool output", () => {
    const { conversation } = seedConversation(t.repos);
    const tool = toolPart("toolu_big");
    const message = assistantMessage([tool]);
    const output = "x".repeat(4 * 1024 * 1024);
    const done = { ...tool, status: "completed" as const, result: { text: output, isError: false, isTruncated: false }, endedAt: 9 };
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message }], 1);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.part.updated", messageId: message.id, part: done }], 2);
    const [last] = t.repos.events.listAfter(conversation.id, 1, 1);
    expect(last?.event).toEqual({ type: "message.part.updated", messageId: message.id, part: done });
    expect(t.repos.messages.list(conversation.id)[0]?.parts[0]).toEqual(done);
  });

  it("builds a streaming part from appended checkpoints, each storing only its new text (ADR 0041)", async () => {
    const { conversation } = seedConversation(t.repos);
    const message = assistantMessage([]);
    const partId = newId("part");
    const append = (offset: number, text: string, streamState?: "streaming" | "interrupted") => textAppended(message.id, partId, offset, text, streamState);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message }, append(0, "Hello 🌍", "streaming")], 1);
    t.repos.events.appendBatch(conversation.id, [append(8, ", and more", "streaming")], 2);
    expect(t.repos.messages.list(conversation.id)[0]?.parts).toEqual([{ id: partId, kind: "text", text: "Hello 🌍, and more", streamState: "streaming" }]);
    expect(t.repos.messages.unfinishedParts(conversation.id)).toHaveLength(1);
    const payloads = t.db.all<{ payload: string }>("SELECT payload FROM events WHERE type = 'message.part.appended' ORDER BY seq").map((row) => row.payload);
    expect(payloads[1]).not.toContain("Hello");
    // The second checkpoint left the part's row as the first one wrote it and stored its text beside it.
    const rowText = () => t.db.get<{ text: string }>("SELECT json_extract(payload, '$.text') AS text FROM parts WHERE id = $id", { id: partId })?.text;
    const chunks = () => storedChunkTexts(t.db, partId);
    // Each checkpoint's text is stored once, in its event: its chunk names the event (ADR 0282) and the row holds none.
    expect(rowText()).toBe("");
    expect(chunks()).toEqual(["Hello 🌍", ", and more"]);
    expect(t.db.all("SELECT 1 FROM part_chunks WHERE part_id = $id AND (text <> '' OR event_seq IS NULL)", { id: partId })).toEqual([]);
    expect(t.repos.messages.part(conversation.id, partId)).toMatchObject({ text: "Hello 🌍, and more" });
    expect(t.repos.messages.unfinishedParts(conversation.id)[0]?.part).toMatchObject({ text: "Hello 🌍, and more" });
    expect(await t.repos.search.search("more", 10)).toHaveLength(1);

    // An end where the stored text ends adds its text beside the row and changes only the row's state.
    t.repos.events.appendBatch(conversation.id, [append(18, "!")], 3);
    expect(t.repos.messages.list(conversation.id)[0]?.parts).toEqual([{ id: partId, kind: "text", text: "Hello 🌍, and more!" }]);
    expect([rowText(), chunks()]).toEqual(["", ["Hello 🌍", ", and more", "!"]]);
    expect(t.repos.messages.unfinishedParts(conversation.id)).toEqual([]);

    // An end elsewhere replaces what follows `offset` in the row; a state-only append (a crash's "interrupted") keeps the text.
    t.repos.events.appendBatch(conversation.id, [append(8, ", done")], 3);
    expect(t.repos.messages.list(conversation.id)[0]?.parts).toEqual([{ id: partId, kind: "text", text: "Hello 🌍, done" }]);
    expect([rowText(), chunks()]).toEqual(["Hello 🌍, done", []]);
    t.repos.events.appendBatch(conversation.id, [append(14, "", "interrupted")], 4);
    expect(t.repos.messages.list(conversation.id)[0]?.parts).toEqual([{ id: partId, kind: "text", text: "Hello 🌍, done", streamState: "interrupted" }]);
  });

  it("keeps all stored text when an append names an offset past it", () => {
    const { conversation } = seedConversation(t.repos);
    const message = assistantMessage([textPart("short")]);
    const partId = message.parts[0]?.id ?? newId("part");
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message }], 1);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.part.appended", messageId: message.id, partId, kind: "text", offset: 50, text: " tail" }], 2);
    expect(t.repos.messages.list(conversation.id)[0]?.parts[0]).toMatchObject({ text: "short tail" });
  });

  it("drops a streaming part's stored chunks with its conversation", () => {
    const { conversation } = seedConversation(t.repos);
    const message = assistantMessage([]);
    const partId = newId("part");
    const append = (offset: number, text: string) => textAppended(message.id, partId, offset, text, "streaming");
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message }, append(0, "one")], 1);
    t.repos.events.appendBatch(conversation.id, [append(3, " two"), append(7, " three")], 2);
    expect(t.db.get<{ n: number }>("SELECT count(*) AS n FROM part_chunks")?.n).toBe(3);
    t.repos.conversations.remove(conversation.id);
    expect(t.db.get<{ n: number }>("SELECT count(*) AS n FROM part_chunks")?.n).toBe(0);
  });
});
