import { newId, type ConversationId, type JobId, type SessionId, type WorkspaceId } from "../../shared/ids.ts";
import { Conversation, type ConversationKind, type EffortLevel, type PermissionMode, type Transport } from "../../shared/protocol/model.ts";
import { writeConversationPatch, type ConversationPatch } from "./conversation-patch.ts";
import type { Clock, Db } from "./db.ts";
import { decodeRow, notFound } from "./errors.ts";
import type { KeptRows } from "./kept-rows.ts";

type ConversationRow = {
  id: string;
  session_id: string;
  title: string;
  kind: string;
  model: string | null;
  effort: string | null;
  permission_mode: string;
  cli_session_id: string | null;
  transport: string | null;
  status: string;
  status_reason: string | null;
  last_seq: number;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
  job_id: string | null;
};

const COLUMNS =
  "id, session_id, title, kind, model, effort, permission_mode, cli_session_id, transport, status, status_reason, last_seq, created_at, updated_at, job_id";
/** What reads select: the inserted columns plus the ones set later. */
const READ_COLUMNS = `${COLUMNS}, closed_at`;
/** The read columns of `conversations c` in a join (sessions have an id, a title and timestamps too). */
const QUALIFIED_READ_COLUMNS = READ_COLUMNS.split(", ").map((column) => `c.${column}`).join(", ");
const VALUES =
  "$id, $sessionId, $title, $kind, $model, $effort, $permissionMode, $cliSessionId, $transport, $status, $statusReason, $lastSeq, $createdAt, $updatedAt, $jobId";

/** Title of a conversation created without one. */
export const DEFAULT_CONVERSATION_TITLE = "New conversation";

/** Input of {@link ConversationRepo.create}; omitted fields get defaults (chat, default mode, idle). */
export type NewConversation = {
  sessionId: SessionId;
  title?: string;
  kind?: ConversationKind;
  model?: string | null;
  effort?: EffortLevel | null;
  permissionMode?: PermissionMode;
  transport?: Transport | null;
  /** The job whose run makes it. */
  jobId?: JobId | null;
};

/** Conversations: one CLI session each; their status and CLI facts are kept current by the event projection. */
export class ConversationRepo {
  /** Read ~a dozen times per send and turn start; forgotten by `db` on every write that may change a row (ADR 0132). */
  private readonly kept: KeptRows<Conversation>;

  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {
    this.kept = db.keepRows<Conversation>("conversations", { cascadesFrom: ["sessions", "workspaces"] });
  }

  /** Adds an idle conversation; `not_found` when the session does not exist. */
  create(input: NewConversation): Conversation {
    return this.db.transaction(() => {
      if (!this.db.get("SELECT 1 AS one FROM sessions WHERE id = $id", { id: input.sessionId })) {
        throw notFound("session", input.sessionId);
      }
      const conversation = newConversation(input, this.now());
      this.db.run(`INSERT INTO conversations (${COLUMNS}) VALUES (${VALUES})`, conversation);
      return conversation;
    });
  }

  /** The conversation with this id, or null. */
  get(id: ConversationId): Conversation | null {
    return this.kept.of(id, () => {
      const row = this.db.get<ConversationRow>(`SELECT ${READ_COLUMNS} FROM conversations WHERE id = $id`, { id });
      return row ? toConversation(row) : null;
    });
  }

  /** Conversations, most recently updated first; only one session's when `sessionId` is given. */
  list(sessionId?: SessionId): Conversation[] {
    const rows = sessionId
      ? this.db.all<ConversationRow>(
          `SELECT ${READ_COLUMNS} FROM conversations WHERE session_id = $sessionId ORDER BY updated_at DESC, id`,
          { sessionId },
        )
      : this.db.all<ConversationRow>(`SELECT ${READ_COLUMNS} FROM conversations ORDER BY updated_at DESC, id`);
    return rows.map(toConversation);
  }

  /**
   * A workspace's conversations in one query, in the order listing each of its sessions (newest first) would give:
   * per session, most recently updated first.
   */
  listInWorkspace(workspaceId: WorkspaceId): Conversation[] {
    return this.db
      .all<ConversationRow>(
        `SELECT ${QUALIFIED_READ_COLUMNS} FROM conversations c JOIN sessions s ON s.id = c.session_id
         WHERE s.workspace_id = $workspaceId ORDER BY s.updated_at DESC, s.id, c.updated_at DESC, c.id`,
        { workspaceId },
      )
      .map(toConversation);
  }

  /** Conversations whose status says a process may be alive (not idle, not exited): the ones to settle on startup. */
  listActive(): Conversation[] {
    return this.db
      .all<ConversationRow>(`SELECT ${READ_COLUMNS} FROM conversations WHERE status NOT IN ('idle', 'exited') ORDER BY id`)
      .map(toConversation);
  }

  /** Changes fields directly (outside the event log) and returns the result; `not_found` when it does not exist. */
  update(id: ConversationId, patch: ConversationPatch): Conversation {
    return this.db.transaction(() => {
      if (!writeConversationPatch(this.db, id, patch, { updatedAt: this.now() })) throw notFound("conversation", id);
      const conversation = this.get(id);
      if (!conversation) throw notFound("conversation", id);
      return conversation;
    });
  }

  /**
   * Deletes a conversation and everything stored for it, in one transaction: its events, messages and parts (and so
   * their search entries), pending permissions, checkpoints and process rows by cascade; its attached images, its
   * command answers and its budget here. `not_found` when it does not exist.
   */
  remove(id: ConversationId): void {
    this.db.transaction(() => {
      this.db.run(
        `DELETE FROM blobs WHERE id IN (SELECT json_extract(payload, '$.blobId') FROM parts WHERE conversation_id = $id AND kind = 'image')`,
        { id },
      );
      this.db.run("DELETE FROM commands WHERE conversation_id = $id", { id });
      this.db.run("DELETE FROM budgets WHERE scope = 'conversation' AND owner_id = $id", { id });
      if (this.db.run("DELETE FROM conversations WHERE id = $id", { id }).changes === 0) throw notFound("conversation", id);
    });
  }

  /** Closes (at > 0) or reopens (null) a conversation; its history stays. `not_found` when it does not exist. */
  setClosed(id: ConversationId, at: number | null): Conversation {
    return this.db.transaction(() => {
      const changes = this.db.run("UPDATE conversations SET closed_at = $at, updated_at = $now WHERE id = $id", { id, at, now: this.now() });
      const conversation = changes.changes > 0 ? this.get(id) : null;
      if (!conversation) throw notFound("conversation", id);
      return conversation;
    });
  }
}

function newConversation(input: NewConversation, at: number): Conversation {
  return {
    id: newId("conversation"),
    sessionId: input.sessionId,
    title: input.title ?? DEFAULT_CONVERSATION_TITLE,
    kind: input.kind ?? "chat",
    model: input.model ?? null,
    effort: input.effort ?? null,
    permissionMode: input.permissionMode ?? "default",
    cliSessionId: null,
    transport: input.transport ?? null,
    status: "idle",
    statusReason: null,
    lastSeq: 0,
    createdAt: at,
    updatedAt: at,
    jobId: input.jobId ?? null,
  };
}

function toConversation(row: ConversationRow): Conversation {
  const value = {
    id: row.id,
    sessionId: row.session_id,
    title: row.title,
    kind: row.kind,
    model: row.model,
    effort: row.effort,
    permissionMode: row.permission_mode,
    cliSessionId: row.cli_session_id,
    transport: row.transport,
    status: row.status,
    statusReason: row.status_reason,
    lastSeq: row.last_seq,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.closed_at === null ? {} : { closedAt: row.closed_at }),
    jobId: row.job_id,
  };
  return decodeRow(Conversation, value, `conversation ${row.id}`);
}
