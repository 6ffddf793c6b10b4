import { basename } from "node:path";
import { AppError } from "../../shared/protocol/errors.ts";
import { newId, type WorkspaceId } from "../../shared/ids.ts";
import { Workspace } from "../../shared/protocol/model.ts";
import type { Clock, Db } from "./db.ts";
import { decodeRow, notFound } from "./errors.ts";

type WorkspaceRow = { id: string; name: string; path: string; created_at: number };

const COLUMNS = "id, name, path, created_at";

/** Input of {@link WorkspaceRepo.create}; the name defaults to the folder's name. */
export type NewWorkspace = { path: string; name?: string };

/** Workspaces: one per project folder the user opened. */
export class WorkspaceRepo {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {}

  /** Adds a workspace; `conflict` when one already has this path. */
  create(input: NewWorkspace): Workspace {
    return this.db.transaction(() => {
      const existing = this.getByPath(input.path);
      if (existing) throw new AppError("conflict", `a workspace for ${input.path} exists`, { id: existing.id });
      const workspace: Workspace = {
        id: newId("workspace"),
        name: input.name ?? (basename(input.path) || input.path),
        path: input.path,
        createdAt: this.now(),
      };
      this.db.run(`INSERT INTO workspaces (${COLUMNS}) VALUES ($id, $name, $path, $createdAt)`, workspace);
      return workspace;
    });
  }

  /** The workspace with this id, or null. */
  get(id: WorkspaceId): Workspace | null {
    return this.one(this.db.get<WorkspaceRow>(`SELECT ${COLUMNS} FROM workspaces WHERE id = $id`, { id }));
  }

  /** The workspace for this exact folder path, or null. */
  getByPath(path: string): Workspace | null {
    return this.one(this.db.get<WorkspaceRow>(`SELECT ${COLUMNS} FROM workspaces WHERE path = $path`, { path }));
  }

  /** All workspaces, oldest first. */
  list(): Workspace[] {
    return this.db.all<WorkspaceRow>(`SELECT ${COLUMNS} FROM workspaces ORDER BY created_at, id`).map(toWorkspace);
  }

  /** Renames a workspace; `not_found` when it does not exist. */
  rename(id: WorkspaceId, name: string): Workspace {
    this.db.run("UPDATE workspaces SET name = $name WHERE id = $id", { id, name });
    const workspace = this.get(id);
    if (!workspace) throw notFound("workspace", id);
    return workspace;
  }

  private one(row: WorkspaceRow | null): Workspace | null {
    return row ? toWorkspace(row) : null;
  }
}

function toWorkspace(row: WorkspaceRow): Workspace {
  return decodeRow(Workspace, { id: row.id, name: row.name, path: row.path, createdAt: row.created_at }, `workspace ${row.id}`);
}
