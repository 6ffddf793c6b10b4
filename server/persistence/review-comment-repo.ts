import type { ReviewComment } from "../../shared/api/workbench.ts";
import type { SessionId } from "../../shared/ids.ts";
import type { Clock, Db } from "./db.ts";

/** A comment as stored, before it gets an id and times. */
export type NewReviewComment = Omit<ReviewComment, "id" | "createdAt" | "isOutdated" | "isResolved" | "sentAt" | "editedAt" | "replyTo"> & { replyTo?: string | null };
/** What may change on a stored comment. */
export type ReviewCommentPatch = Partial<Pick<ReviewComment, "startLine" | "endLine" | "body" | "anchorText" | "isOutdated" | "isResolved" | "sentAt" | "editedAt">>;

type Row = {
  id: string;
  path: string;
  side: "old" | "new";
  start_line: number;
  end_line: number;
  body: string;
  commit_sha: string | null;
  anchor_text: string;
  is_outdated: number;
  is_resolved: number;
  sent_at: number | null;
  created_at: number;
  edited_at: number | null;
  reply_to: string | null;
};

const COLUMNS: Record<keyof ReviewCommentPatch, string> = {
  startLine: "start_line",
  endLine: "end_line",
  body: "body",
  anchorText: "anchor_text",
  isOutdated: "is_outdated",
  isResolved: "is_resolved",
  sentAt: "sent_at",
  editedAt: "edited_at",
};

/** Review comments per session (the review aggregate). */
export class ReviewCommentRepo {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {}

  insert(id: string, sessionId: SessionId, comment: NewReviewComment): ReviewComment {
    this.db.run(
      `INSERT INTO review_comments (id, session_id, path, side, start_line, end_line, body, commit_sha, anchor_text, reply_to, created_at, updated_at)
       VALUES ($id, $session, $path, $side, $start, $end, $body, $commit, $anchor, $replyTo, $at, $at)`,
      { id, session: sessionId, path: comment.path, side: comment.side, start: comment.startLine, end: comment.endLine, body: comment.body, commit: comment.commitSha, anchor: comment.anchorText, replyTo: comment.replyTo ?? null, at: this.now() },
    );
    return this.get(id) as ReviewComment;
  }

  get(id: string): ReviewComment | null {
    const row = this.db.get<Row>("SELECT * FROM review_comments WHERE id = $id", { id });
    return row ? toComment(row) : null;
  }

  /** The session a comment belongs to, or null. */
  sessionOf(id: string): SessionId | null {
    return this.db.get<{ session_id: SessionId }>("SELECT session_id FROM review_comments WHERE id = $id", { id })?.session_id ?? null;
  }

  listForSession(sessionId: SessionId): ReviewComment[] {
    return this.db.all<Row>("SELECT * FROM review_comments WHERE session_id = $session ORDER BY path, start_line, created_at", { session: sessionId }).map(toComment);
  }

  update(id: string, patch: ReviewCommentPatch): ReviewComment | null {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as [keyof ReviewCommentPatch, unknown][];
    if (entries.length > 0) {
      const sets = entries.map(([key]) => `${COLUMNS[key]} = $${key}`).join(", ");
      const params = Object.fromEntries(entries.map(([key, value]) => [key, typeof value === "boolean" ? Number(value) : value]));
      this.db.run(`UPDATE review_comments SET ${sets}, updated_at = $at WHERE id = $id`, { ...params, id, at: this.now() } as Record<string, string | number | null>);
    }
    return this.get(id);
  }

  /** Deletes a comment and, when it starts a thread, its replies. */
  remove(id: string): void {
    this.db.run("DELETE FROM review_comments WHERE id = $id OR reply_to = $id", { id });
  }
}

function toComment(row: Row): ReviewComment {
  return {
    id: row.id,
    path: row.path,
    side: row.side,
    startLine: row.start_line,
    endLine: row.end_line,
    body: row.body,
    commitSha: row.commit_sha,
    anchorText: row.anchor_text,
    isOutdated: row.is_outdated === 1,
    isResolved: row.is_resolved === 1,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    replyTo: row.reply_to,
  };
}
