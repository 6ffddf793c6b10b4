import { newId, type SessionId, type WorkspaceId } from "../../shared/ids.ts";
import type { Session } from "../../shared/protocol/model.ts";
import type { Clock, Db, Params } from "./db.ts";
import { DecodedRows } from "./decoded-rows.ts";
import { notFound } from "./errors.ts";
import type { KeptRows } from "./kept-rows.ts";
import { SESSION_COLUMN_OF, SESSION_COLUMNS, toSession, type SessionPatch, type SessionRow } from "./session-row.ts";

const S_COLUMNS = SESSION_COLUMNS.split(", ").map((c) => `s.${c}`).join(", ");

/** Input of {@link SessionRepo.create}: the required facts plus any initial metadata. */
export type NewSession = { workspaceId: WorkspaceId; name: string; cwd: string } & SessionPatch;
export type { SessionPatch };

/** Sessions: a workspace's working folders (the workspace folder itself, or a worktree). */
export class SessionRepo {
  private readonly decoded = new DecodedRows<SessionRow, Session>(toSession);
  /** Read ~10 times per send and turn start; forgotten by `db` on every write that may change a row (ADR 0132). */
  private readonly kept: KeptRows<Session>;

  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {
    this.kept = db.keepRows<Session>("sessions", { cascadesFrom: ["workspaces"] });
  }

  /** Adds a session; `not_found` when the workspace does not exist. */
  create(input: NewSession): Session {
    return this.db.transaction(() => {
      if (!this.db.get("SELECT 1 AS one FROM workspaces WHERE id = $id", { id: input.workspaceId })) {
        throw notFound("workspace", input.workspaceId);
      }
      const at = this.now();
      const id = newId("session");
      this.db.run(
        `INSERT INTO sessions (id, workspace_id, name, cwd, created_at, updated_at) VALUES ($id, $workspaceId, $name, $cwd, $at, $at)`,
        { id, workspaceId: input.workspaceId, name: input.name, cwd: input.cwd, at },
      );
      const { workspaceId: _w, name: _n, cwd: _c, ...patch } = input;
      this.write(id, patch, at);
      return this.require(id);
    });
  }

  /** The session with this id, or null. */
  get(id: SessionId): Session | null {
    return this.kept.of(id, () => {
      const row = this.db.get<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $id`, { id });
      return row ? this.decoded.of(row) : null;
    });
  }

  /** Sessions, most recently used first; only one workspace's when `workspaceId` is given. */
  list(workspaceId?: WorkspaceId): Session[] {
    const rows = workspaceId
      ? this.db.all<SessionRow>(
          `SELECT ${SESSION_COLUMNS} FROM sessions WHERE workspace_id = $workspaceId ORDER BY updated_at DESC, id`,
          { workspaceId },
        )
      : this.db.all<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions ORDER BY updated_at DESC, id`);
    return rows.map((row) => this.decoded.of(row));
  }

  /** The most recently used session that runs in the workspace folder itself (not a worktree), or null. */
  findDefaultForWorkspace(workspaceId: WorkspaceId): Session | null {
    const row = this.db.get<SessionRow>(
      `SELECT ${S_COLUMNS} FROM sessions s JOIN workspaces w ON w.id = s.workspace_id
       WHERE s.workspace_id = $workspaceId AND s.cwd = w.path AND s.archived_at IS NULL
       ORDER BY s.updated_at DESC, s.id LIMIT 1`,
      { workspaceId },
    );
    return row ? this.decoded.of(row) : null;
  }

  /** Marks a session as just used (sorts it first); `not_found` when it does not exist. */
  touch(id: SessionId, at: number = this.now()): void {
    const changes = this.db.run("UPDATE sessions SET updated_at = $at WHERE id = $id", { id, at });
    if (changes.changes === 0) throw notFound("session", id);
  }

  /** Changes fields (and `updated_at` unless `isQuiet`) and returns the result; `not_found` when it does not exist. */
  update(id: SessionId, patch: SessionPatch, options: { isQuiet?: boolean } = {}): Session {
    return this.db.transaction(() => {
      this.write(id, patch, options.isQuiet ? null : this.now());
      return this.require(id);
    });
  }

  /** Deletes a session row with its conversations and history. */
  remove(id: SessionId): void {
    if (this.db.run("DELETE FROM sessions WHERE id = $id", { id }).changes === 0) throw notFound("session", id);
  }

  private write(id: SessionId, patch: SessionPatch, at: number | null): void {
    const sets: string[] = at === null ? [] : ["updated_at = $updatedAt"];
    const params: Params = at === null ? { id } : { id, updatedAt: at };
    for (const [field, [column, encode]] of Object.entries(SESSION_COLUMN_OF)) {
      const value = patch[field as keyof SessionPatch];
      if (value === undefined) continue;
      sets.push(`${column} = $${field}`);
      params[field] = (encode as (v: unknown) => Params[string])(value);
    }
    if (sets.length === 0) return;
    if (this.db.run(`UPDATE sessions SET ${sets.join(", ")} WHERE id = $id`, params).changes === 0) throw notFound("session", id);
  }

  private require(id: SessionId): Session {
    const session = this.get(id);
    if (!session) throw notFound("session", id);
    return session;
  }
}
