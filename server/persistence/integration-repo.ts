import type { ConversationId, SessionId, WorkspaceId } from "../../shared/ids.ts";
import { LinearIssue, PullRequest } from "../../shared/protocol/integrations.ts";
import type { Clock, Db } from "./db.ts";
import { decodeJson } from "./errors.ts";

/** What the git state needs of a merged pull request (see {@link IntegrationRepo.getMergedPullRequest}). */
export type MergedPullRequest = { number: number; baseRef: string; headSha: string };

/** Sessions' pull requests (one JSON document each), Linear links, and per-workspace integration settings. */
export class IntegrationRepo {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {}

  getPullRequest(sessionId: SessionId): PullRequest | null {
    const row = this.db.get<{ data: string }>("SELECT data FROM pull_requests WHERE session_id = $id", { id: sessionId });
    return row ? decodeJson(PullRequest, row.data, `pull request of ${sessionId}`) : null;
  }

  /**
   * A session's pull request once merged on GitHub: its number, the base it merged into and its head as last read (the
   * git state counts the branch's work against it); null while it has none or it is not merged.
   */
  getMergedPullRequest(sessionId: SessionId): MergedPullRequest | null {
    const row = this.db.get<{ number: number; baseRef: string | null; headSha: string | null }>(
      "SELECT number, json_extract(data, '$.baseRef') AS baseRef, json_extract(data, '$.headSha') AS headSha FROM pull_requests WHERE session_id = $id AND state = 'merged'",
      { id: sessionId },
    );
    return row && row.baseRef && row.headSha ? { number: row.number, baseRef: row.baseRef, headSha: row.headSha } : null;
  }

  /**
   * Sessions whose open pull request has Claude asked, in `conversationId`, to merge its base (ADR 0188). Asked at every
   * turn's end, so read in SQLite: no pull request's document is decoded for it.
   */
  sessionsAskedToMergeIn(conversationId: ConversationId): SessionId[] {
    return this.db
      .all<{ session_id: SessionId }>(
        "SELECT session_id FROM pull_requests WHERE state IN ('open', 'draft') AND json_extract(data, '$.mergeBaseAsk.conversationId') = $conversationId",
        { conversationId },
      )
      .map((row) => row.session_id);
  }

  /** Every stored pull request; only open and draft ones when `isOpenOnly`. */
  listPullRequests(isOpenOnly = false): PullRequest[] {
    const where = isOpenOnly ? "WHERE state IN ('open', 'draft')" : "";
    return this.db
      .all<{ session_id: string; data: string }>(`SELECT session_id, data FROM pull_requests ${where} ORDER BY updated_at DESC`)
      .map((row) => decodeJson(PullRequest, row.data, `pull request of ${row.session_id}`));
  }

  savePullRequest(pr: PullRequest): void {
    this.db.run(
      `INSERT INTO pull_requests (session_id, workspace_id, number, state, data, updated_at) VALUES ($session, $workspace, $number, $state, $data, $at)
       ON CONFLICT (session_id) DO UPDATE SET number = excluded.number, state = excluded.state, data = excluded.data, updated_at = excluded.updated_at`,
      { session: pr.sessionId, workspace: pr.workspaceId, number: pr.number, state: pr.state, data: JSON.stringify(pr), at: this.now() },
    );
  }

  getLinearLink(sessionId: SessionId): LinearIssue | null {
    const row = this.db.get<{ data: string }>("SELECT data FROM linear_links WHERE session_id = $id", { id: sessionId });
    return row ? decodeJson(LinearIssue, row.data, `linear link of ${sessionId}`) : null;
  }

  listLinearLinks(): { sessionId: SessionId; issue: LinearIssue }[] {
    return this.db
      .all<{ session_id: string; data: string }>("SELECT session_id, data FROM linear_links")
      .map((row) => ({ sessionId: row.session_id as SessionId, issue: decodeJson(LinearIssue, row.data, `linear link of ${row.session_id}`) }));
  }

  saveLinearLink(sessionId: SessionId, issue: LinearIssue): void {
    this.db.run(
      `INSERT INTO linear_links (session_id, issue_id, data) VALUES ($session, $issue, $data)
       ON CONFLICT (session_id) DO UPDATE SET issue_id = excluded.issue_id, data = excluded.data`,
      { session: sessionId, issue: issue.id, data: JSON.stringify(issue) },
    );
  }

  deleteLinearLink(sessionId: SessionId): void {
    this.db.run("DELETE FROM linear_links WHERE session_id = $id", { id: sessionId });
  }

  isArchiveOnMerge(workspaceId: WorkspaceId): boolean {
    const row = this.db.get<{ archive_on_merge: number }>("SELECT archive_on_merge FROM workspace_integration_settings WHERE workspace_id = $id", { id: workspaceId });
    return row?.archive_on_merge === 1;
  }

  setArchiveOnMerge(workspaceId: WorkspaceId, isOn: boolean): void {
    this.db.run(
      `INSERT INTO workspace_integration_settings (workspace_id, archive_on_merge) VALUES ($id, $on)
       ON CONFLICT (workspace_id) DO UPDATE SET archive_on_merge = excluded.archive_on_merge`,
      { id: workspaceId, on: isOn ? 1 : 0 },
    );
  }
}
