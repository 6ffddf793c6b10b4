import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { newId } from "../../../shared/ids.ts";
import { openDatabase } from "../db.ts";
import { createRepositories } from "../repositories.ts";
import { assistantMessage, openTempDb, storedChunkTexts, textAppended, type TempDb } from "../test-support.ts";
import { MIGRATIONS } from "./index.ts";

// A database written before migration 0024 holds each chunk's text in the chunk (ADR 0041); one written after names the
// event that carries it (ADR 0282). A part streamed across the upgrade has both, and every reader joins them in order.
let t: TempDb | undefined;
afterEach(() => t?.cleanup());

/** A database file migrated up to (not including) 0024, with a part streaming as the previous schema stored it. */
function databaseBefore0024() {
  const dir = mkdtempSync(join(tmpdir(), "chatml-db-"));
  const before = MIGRATIONS.findIndex((m) => m.name === "chunks-refer-to-their-events");
  const db = openDatabase(join(dir, "data", "chatml.db"), { migrations: MIGRATIONS.slice(0, before) });
  const repos = createRepositories(db, { now: () => 1_000 });
  // The conversation as that schema wrote it: the repository writes today's columns.
  const workspace = repos.workspaces.create({ path: "/tmp/project" });
  const session = repos.sessions.create({ workspaceId: workspace.id, name: "main", cwd: "/tmp/project" });
  const conversation = { id: newId("conversation") };
  db.run("INSERT INTO conversations (id, session_id, title, kind, permission_mode, status, created_at, updated_at) VALUES ($id, $sessionId, 't', 'chat', 'default', 'idle', 0, 0)", { id: conversation.id, sessionId: session.id });
  const message = assistantMessage([]);
  const partId = newId("part");
  // What the projection before 0024 wrote for two checkpoints: the first one's text in the row, the next one's in its chunk.
  repos.events.appendBatch(conversation.id, [{ type: "message.created", message: { ...message, parts: [{ id: partId, kind: "text", text: "Hello", streamState: "streaming" }] } }], 1);
  db.run("INSERT INTO part_chunks (part_id, start_offset, end_offset, text) VALUES ($id, 5, 15, ' old world')", { id: partId });
  db.close();
  return { dir, conversationId: conversation.id, messageId: message.id, partId };
}

describe("migration chunks-refer-to-their-events", () => {
  it("reads a part streamed across the upgrade whole: the old chunk's own text, then the new chunk's event's", async () => {
    const { dir, conversationId, messageId, partId } = databaseBefore0024();
    t = openTempDb(dir);
    const whole = "Hello old world, new words";
    t.repos.events.appendBatch(conversationId, [textAppended(messageId, partId, 15, ", new words", "streaming")], 3);
    expect(storedChunkTexts(t.db, partId)).toEqual([" old world", ", new words"]);
    expect(t.db.get<{ n: number }>("SELECT count(*) AS n FROM part_chunks WHERE event_seq IS NOT NULL AND text = ''")?.n).toBe(1);

    expect(t.repos.messages.part(conversationId, partId)).toEqual({ id: partId, kind: "text", text: whole, streamState: "streaming" });
    expect(t.repos.messages.unfinishedParts(conversationId)).toEqual([{ messageId, part: { id: partId, kind: "text", text: whole, streamState: "streaming" } }]);
    t.repos.events.appendBatch(conversationId, [textAppended(messageId, partId, whole.length, "!")], 4);
    expect(t.repos.messages.list(conversationId)[0]?.parts).toEqual([{ id: partId, kind: "text", text: `${whole}!` }]);
    expect((await t.repos.search.search("old", 10)).map((hit) => hit.messageId)).toEqual([messageId]);
    expect((await t.repos.search.search("words", 10)).map((hit) => hit.messageId)).toEqual([messageId]);
  });
});
