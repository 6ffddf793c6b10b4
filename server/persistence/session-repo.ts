import { newId, type SessionId, type WorkspaceId } from "../../shared/ids.ts";
import { Session } from "../../shared/protocol/model.ts";
import type { Clock, Db } from "./db.ts";
import { decodeRow, notFound } from "./errors.ts";

type SessionRow = { id: string; workspace_id: string; name: string; cwd: string; created_at: number; updated_at: number };

const COLUMNS = "id, workspace_id, name, cwd, created_at, updated_at";
const S_COLUMNS = "s.id, s.workspace_id, s.name, s.cwd, s.created_at, s.updated_at";

/** Input of {@link SessionRepo.create}. */
export type NewSession = { workspaceId: WorkspaceId; name: string; cwd: string };

/** Sessions: a workspace's working folders (the workspace folder itself, or a worktree). */
export class SessionRepo {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {}

  /** Adds a session; `not_found` when the workspace does not exist. */
  create(input: NewSession): Session {
    return this.db.transaction(() => {
      if (!this.db.get("SELECT 1 AS one FROM workspaces WHERE id = $id", { id: input.workspaceId })) {
        throw notFound("workspace", input.workspaceId);
      }
      const at = this.now();
      const session: Session = { id: newId("session"), ...input, createdAt: at, updatedAt: at };
      this.db.run(
        `INSERT INTO sessions (${COLUMNS}) VALUES ($id, $workspaceId, $name, $cwd, $createdAt, $updatedAt)`,
        session,
      );
      return session;
    });
  }

  /** The session with this id, or null. */
  get(id: SessionId): Session | null {
    const row = this.db.get<SessionRow>(`SELECT ${COLUMNS} FROM sessions WHERE id = $id`, { id });
    return row ? toSession(row) : null;
  }

  /** Sessions, most recently used first; only one workspace's when `workspaceId` is given. */
  list(workspaceId?: WorkspaceId): Session[] {
    const rows = workspaceId
      ? this.db.all<SessionRow>(
          `SELECT ${COLUMNS} FROM sessions WHERE workspace_id = $workspaceId ORDER BY updated_at DESC, id`,
          { workspaceId },
        )
      : this.db.all<SessionRow>(`SELECT ${COLUMNS} FROM sessions ORDER BY updated_at DESC, id`);
    return rows.map(toSession);
  }

  /** The most recently used session that runs in the workspace folder itself (not a worktree), or null. */
  findDefaultForWorkspace(workspaceId: WorkspaceId): Session | null {
    const row = this.db.get<SessionRow>(
      `SELECT ${S_COLUMNS} FROM sessions s JOIN workspaces w ON w.id = s.workspace_id
       WHERE s.workspace_id = $workspaceId AND s.cwd = w.path ORDER BY s.updated_at DESC, s.id LIMIT 1`,
      { workspaceId },
    );
    return row ? toSession(row) : null;
  }

  /** Marks a session as just used (sorts it first); `not_found` when it does not exist. */
  touch(id: SessionId, at: number = this.now()): void {
    const changes = this.db.run("UPDATE sessions SET updated_at = $at WHERE id = $id", { id, at });
    if (changes.changes === 0) throw notFound("session", id);
  }
}

function toSession(row: SessionRow): Session {
  const value = {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    cwd: row.cwd,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  return decodeRow(Session, value, `session ${row.id}`);
}
