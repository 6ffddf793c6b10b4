import type { ConversationId } from "../../shared/ids.ts";
import type { Checkpoint } from "../../shared/protocol/checkpoints.ts";
import type { Db } from "./db.ts";
import type { KeptRows } from "./kept-rows.ts";

/**
 * A stored checkpoint with the git objects it points at. `gapStartTree`: on a turn's checkpoint, the work tree at the
 * end of the folder's previous turn when no turn ran since (ADR 0252); null when that is not sure.
 */
export type StoredCheckpoint = Checkpoint & { treeSha: string; headSha: string | null; gapStartTree: string | null };

type Row = { id: string; conversation_id: string; message_id: string | null; kind: "turn" | "before-rewind"; tree_sha: string; head_sha: string | null; label: string; created_at: number; gap_start_tree: string | null };

/** File checkpoints of conversations (the trees themselves live in the session's git repository). */
export class CheckpointRepo {
  /** Rewind notes by conversation, read at every send (most have none); forgotten by `db` on every write to them (ADR 0132). */
  private readonly notes: KeptRows<string>;

  constructor(private readonly db: Db) {
    this.notes = db.keepRows<string>("rewind_notes", { keepsMissing: true, cascadesFrom: ["conversations", "sessions", "workspaces"] });
  }

  add(checkpoint: StoredCheckpoint): void {
    this.db.run(
      `INSERT INTO checkpoints (id, conversation_id, message_id, kind, tree_sha, head_sha, label, created_at, gap_start_tree)
       VALUES ($id, $conversationId, $messageId, $kind, $treeSha, $headSha, $label, $createdAt, $gapStartTree)`,
      { id: checkpoint.id, conversationId: checkpoint.conversationId, messageId: checkpoint.messageId, kind: checkpoint.kind, treeSha: checkpoint.treeSha, headSha: checkpoint.headSha, label: checkpoint.label, createdAt: checkpoint.createdAt, gapStartTree: checkpoint.gapStartTree },
    );
  }

  list(conversationId: ConversationId): StoredCheckpoint[] {
    return this.db.all<Row>("SELECT * FROM checkpoints WHERE conversation_id = $conversationId ORDER BY created_at, rowid", { conversationId }).map(toCheckpoint);
  }

  /** Whether one of the conversation's checkpoints is of `treeSha` (and so its ref already keeps that tree). */
  hasTree(conversationId: ConversationId, treeSha: string): boolean {
    return this.db.get("SELECT 1 AS found FROM checkpoints WHERE conversation_id = $conversationId AND tree_sha = $treeSha LIMIT 1", { conversationId, treeSha }) !== null;
  }

  /** What Claude is owed about a rewind of the conversation's files, until a message carries it (ADR 0123). */
  rewindNote(conversationId: ConversationId): string | null {
    return this.notes.of(conversationId, () => this.db.get<{ text: string }>("SELECT text FROM rewind_notes WHERE conversation_id = $conversationId", { conversationId })?.text ?? null);
  }

  setRewindNote(conversationId: ConversationId, text: string, at: number): void {
    this.db.run(
      "INSERT INTO rewind_notes (conversation_id, text, created_at) VALUES ($conversationId, $text, $at) ON CONFLICT (conversation_id) DO UPDATE SET text = $text, created_at = $at",
      { conversationId, text, at },
    );
  }

  /** Drops the note; only when it is still `text` if given (a rewind made while a message carried the older one keeps its own). */
  clearRewindNote(conversationId: ConversationId, text?: string): void {
    if (text === undefined) this.db.run("DELETE FROM rewind_notes WHERE conversation_id = $conversationId", { conversationId });
    else this.db.run("DELETE FROM rewind_notes WHERE conversation_id = $conversationId AND text = $text", { conversationId, text });
  }

  get(conversationId: ConversationId, id: string): StoredCheckpoint | null {
    const row = this.db.get<Row>("SELECT * FROM checkpoints WHERE conversation_id = $conversationId AND id = $id", { conversationId, id });
    return row ? toCheckpoint(row) : null;
  }
}

function toCheckpoint(row: Row): StoredCheckpoint {
  return { id: row.id, conversationId: row.conversation_id, messageId: row.message_id, kind: row.kind, treeSha: row.tree_sha, headSha: row.head_sha, label: row.label, createdAt: row.created_at, gapStartTree: row.gap_start_tree };
}
