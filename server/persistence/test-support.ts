import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newId, type MessageId, type PartId, type PermissionId } from "../../shared/ids.ts";
import type { DurableEvent } from "../../shared/protocol/events.ts";
import type { Message, PermissionRequest, TextPart, ToolPart } from "../../shared/protocol/model.ts";
import { openDatabase, type Db } from "./db.ts";
import { createRepositories, type Repositories } from "./repositories.ts";

/** A real database file in a fresh temp dir; `cleanup` closes it and removes the dir. For tests only. */
export type TempDb = { dir: string; path: string; db: Db; repos: Repositories; reopen(): TempDb; cleanup(): void };

/** Opens a database file in a new temp dir, with repositories and a fixed clock. */
export function openTempDb(dir = mkdtempSync(join(tmpdir(), "chatml-db-"))): TempDb {
  const path = join(dir, "data", "chatml.db");
  const db = openDatabase(path);
  const repos = createRepositories(db, { now: () => 1_000 });
  const temp: TempDb = {
    dir,
    path,
    db,
    repos,
    reopen: () => {
      db.close();
      return openTempDb(dir);
    },
    cleanup: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return temp;
}

/** A workspace, a session in its folder and one conversation. */
export function seedConversation(repos: Repositories, path = "/tmp/project") {
  const workspace = repos.workspaces.getByPath(path) ?? repos.workspaces.create({ path });
  const session = repos.sessions.create({ workspaceId: workspace.id, name: "main", cwd: path });
  const conversation = repos.conversations.create({ sessionId: session.id });
  return { workspace, session, conversation };
}

/** A text part. */
export function textPart(text: string): TextPart {
  return { id: newId("part"), kind: "text", text };
}

/** A running tool call. */
export function toolPart(toolUseId: string, input: unknown = { command: "ls" }): ToolPart {
  return {
    id: newId("part"),
    kind: "tool",
    toolUseId,
    name: "Bash",
    input,
    status: "running",
    result: null,
    startedAt: 1,
    endedAt: null,
  };
}

/** An assistant message with the given parts. */
export function assistantMessage(parts: Message["parts"], id: MessageId = newId("message")): Message {
  return { id, role: "assistant", parentToolUseId: null, model: "claude-test", createdAt: 5, parts };
}

/** A tool permission request. */
export function permissionRequest(id: PermissionId = newId("permission")): PermissionRequest {
  return {
    id,
    kind: "tool",
    toolName: "Bash",
    toolUseId: "toolu_1",
    input: { command: "rm -rf build" },
    description: null,
    blockedPath: null,
    agentId: null,
    suggestions: [],
    questions: null,
    plan: null,
    createdAt: 7,
  };
}

/** A small event that projects nothing. */
export function notice(text: string): DurableEvent {
  return { type: "notice", level: "info", text };
}

/** A checkpoint's text appended to a text part at `offset` (ADR 0041); no `streamState`: the part is complete. */
export function textAppended(messageId: MessageId, partId: PartId, offset: number, text: string, streamState?: "streaming" | "interrupted"): DurableEvent {
  return { type: "message.part.appended", messageId, partId, kind: "text", offset, text, ...(streamState ? { streamState } : {}) };
}

/**
 * The texts of a part's stored chunks (ADR 0041), in order, each read from where it is kept: the event it names (ADR
 * 0282) or, for a chunk stored before migration 0024, its own column. Read here without the readers' SQL.
 */
export function storedChunkTexts(db: Db, partId: PartId): string[] {
  const chunks = db.all<{ text: string; event_seq: number | null; conversation_id: string }>(
    "SELECT c.text, c.event_seq, p.conversation_id FROM part_chunks c JOIN parts p ON p.id = c.part_id WHERE c.part_id = $id ORDER BY c.start_offset",
    { id: partId },
  );
  return chunks.map((chunk) => {
    if (chunk.event_seq === null) return chunk.text;
    const event = db.get<{ payload: string }>("SELECT payload FROM events WHERE conversation_id = $conversationId AND seq = $seq", { conversationId: chunk.conversation_id, seq: chunk.event_seq });
    return event ? (JSON.parse(event.payload) as { text: string }).text : `(no event ${chunk.event_seq})`;
  });
}
