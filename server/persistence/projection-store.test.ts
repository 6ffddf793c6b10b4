import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newId, type PartId } from "../../shared/ids.ts";
import type { DurableEvent } from "../../shared/protocol/events.ts";
import { assistantMessage, openTempDb, seedConversation, storedChunkTexts, textAppended, type TempDb } from "./test-support.ts";

// Where a streaming part's stored text ends is kept in memory between checkpoints (ADR 0270). These cases are the ways
// that memory could fall out of step with the disk; each ends with what is stored, read back, and how it is stored
// (a continuing checkpoint adds a chunk; any other append rewrites the row), which a wrong kept end would change.
let t: TempDb;
beforeEach(() => {
  t = openTempDb();
});
afterEach(() => t.cleanup());

function streamingPart() {
  const { conversation } = seedConversation(t.repos);
  const message = assistantMessage([]);
  t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message }], 1);
  const append = (partId: PartId, offset: number, text: string, streamState?: "streaming" | "interrupted") => textAppended(message.id, partId, offset, text, streamState);
  const commit = (...events: DurableEvent[]) => t.repos.events.appendBatch(conversation.id, events, 2);
  const stored = (partId: PartId) => t.repos.messages.part(conversation.id, partId);
  return { conversation, message, append, commit, stored };
}

/** The part's row text and its chunks' texts, in order. */
function storage(partId: PartId): [string | undefined, string[]] {
  const row = t.db.get<{ text: string }>("SELECT json_extract(payload, '$.text') AS text FROM parts WHERE id = $id", { id: partId })?.text;
  return [row, storedChunkTexts(t.db, partId)];
}

describe("ProjectionStore's kept stream ends", () => {
  it("does not run ahead of the disk when a batch after a checkpoint rolls back", () => {
    const { append, commit, stored } = streamingPart();
    const partId = newId("part");
    commit(append(partId, 0, "one", "streaming"));
    const unknownMessage = { type: "message.part.updated", messageId: newId("message"), part: { id: newId("part"), kind: "text", text: "x" } } as const;
    expect(() => commit(append(partId, 3, " two", "streaming"), unknownMessage)).toThrow(/event batch rejected/);
    // The disk ends at 3; an append at 7 (where the rolled-back batch would have left it) is not a continuation.
    commit(append(partId, 7, " three", "streaming"));
    expect(stored(partId)).toMatchObject({ text: "one three", streamState: "streaming" });
    expect(storage(partId)).toEqual(["one three", []]);
    commit(append(partId, 9, "!", "streaming"));
    expect(storage(partId)).toEqual(["one three", ["!"]]);
  });

  it("follows a whole-part write between checkpoints", () => {
    const { message, append, commit, stored } = streamingPart();
    const partId = newId("part");
    commit(append(partId, 0, "one", "streaming"), append(partId, 3, " two", "streaming"));
    commit({ type: "message.part.updated", messageId: message.id, part: { id: partId, kind: "text", text: "REWRITTEN", streamState: "streaming" } });
    // 7 was the end before the rewrite; the row now ends at 9, so this replaces "EN".
    commit(append(partId, 7, "!", "streaming"));
    expect(stored(partId)).toMatchObject({ text: "REWRITT!" });
    commit(append(partId, 8, "?", "streaming"));
    expect(storage(partId)).toEqual(["REWRITT!", ["?"]]);
  });

  it("keeps each part's end apart, and a part that ended takes no continuing chunk", () => {
    const { append, commit, stored } = streamingPart();
    const [a, b] = [newId("part"), newId("part")];
    commit(append(a, 0, "first", "streaming"), append(b, 0, "second", "streaming"));
    commit(append(a, 5, " A", "streaming"), append(b, 6, " B", "streaming"));
    commit(append(b, 8, " B2", "streaming"), append(a, 7, " A2"));
    expect([stored(a), stored(b)]).toEqual([
      { id: a, kind: "text", text: "first A A2" },
      { id: b, kind: "text", text: "second B B2", streamState: "streaming" },
    ]);
    expect([storage(a), storage(b)]).toEqual([["", ["first", " A", " A2"]], ["", ["second", " B", " B2"]]]);
    // The part is complete now: a streaming append at its end streams it again through its row, not a chunk.
    commit(append(a, 10, " more", "streaming"));
    expect(stored(a)).toEqual({ id: a, kind: "text", text: "first A A2 more", streamState: "streaming" });
    expect(storage(a)).toEqual(["first A A2 more", []]);
  });

  it("reads where a part ends after a restart, and continues it there", () => {
    const { conversation, append, commit } = streamingPart();
    const partId = newId("part");
    commit(append(partId, 0, "before", "streaming"), append(partId, 6, " the crash", "streaming"));
    t = t.reopen();
    t.repos.events.appendBatch(conversation.id, [append(partId, 16, " and after", "streaming")], 3);
    expect(storage(partId)).toEqual(["", ["before", " the crash", " and after"]]);
    t.repos.events.appendBatch(conversation.id, [append(partId, 26, "", "interrupted")], 4);
    expect(t.repos.messages.part(conversation.id, partId)).toEqual({ id: partId, kind: "text", text: "before the crash and after", streamState: "interrupted" });
  });
});
