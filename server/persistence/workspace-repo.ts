import { basename } from "node:path";
import { AppError } from "../../shared/protocol/errors.ts";
import { newId, type WorkspaceId } from "../../shared/ids.ts";
import { Workspace } from "../../shared/protocol/model.ts";
import { isEmptyWorkspace, type WorkspaceHoldings } from "../../shared/workspace-holdings.ts";
import type { Clock, Db, Params } from "./db.ts";
import { DecodedRows } from "./decoded-rows.ts";
import type { KeptRows } from "./kept-rows.ts";
import { countHoldings } from "./workspace-holdings.ts";
import { decodeRow, notFound, parseJsonColumn } from "./errors.ts";

type WorkspaceRow = {
  id: string;
  name: string;
  path: string;
  created_at: number;
  is_git_repo: number;
  default_branch: string | null;
  branch_prefix_mode: string;
  branch_prefix: string;
  setup_script: string | null;
  copy_files: string;
  env_sets: string;
  problem: string | null;
  archived_at: number | null;
};

const COLUMNS =
  "id, name, path, created_at, is_git_repo, default_branch, branch_prefix_mode, branch_prefix, setup_script, copy_files, env_sets, problem, archived_at";

/** Input of {@link WorkspaceRepo.create}; the name defaults to the folder's name. */
export type NewWorkspace = { path: string; name?: string; isGitRepo?: boolean; defaultBranch?: string | null };
/** The workspace fields that change after creation. */
export type WorkspacePatch = Partial<Omit<Workspace, "id" | "createdAt">>;

/** Column and encoder of each patchable field, in a fixed order so the generated SQL stays stable. */
const COLUMN_OF: Record<keyof Required<WorkspacePatch>, [string, (value: never) => string | number | null]> = {
  name: ["name", (v: string) => v],
  path: ["path", (v: string) => v],
  isGitRepo: ["is_git_repo", (v: boolean) => (v ? 1 : 0)],
  defaultBranch: ["default_branch", (v: string | null) => v],
  branchPrefixMode: ["branch_prefix_mode", (v: string) => v],
  branchPrefix: ["branch_prefix", (v: string) => v],
  setupScript: ["setup_script", (v: string | null) => v],
  copyFiles: ["copy_files", (v: string[]) => JSON.stringify(v)],
  envSets: ["env_sets", (v: Record<string, unknown>) => JSON.stringify(v)],
  problem: ["problem", (v: string | null) => v],
  archivedAt: ["archived_at", (v: number | null) => v],
};

/** Workspaces: one per project folder (a git repository or a plain folder) the user added. */
export class WorkspaceRepo {
  private readonly decoded = new DecodedRows<WorkspaceRow, Workspace>(toWorkspace);
  /** Read ~3 times per send; forgotten by `db` on every write that may change a row (ADR 0132). */
  private readonly kept: KeptRows<Workspace>;

  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {
    this.kept = db.keepRows<Workspace>("workspaces");
  }

  /** Adds a workspace; `conflict` when one already has this path. */
  create(input: NewWorkspace): Workspace {
    return this.db.transaction(() => {
      const existing = this.getByPath(input.path);
      if (existing) throw new AppError("conflict", `a workspace for ${input.path} exists`, { id: existing.id });
      const id = newId("workspace");
      this.db.run(
        `INSERT INTO workspaces (id, name, path, created_at, is_git_repo, default_branch)
         VALUES ($id, $name, $path, $createdAt, $isGitRepo, $defaultBranch)`,
        {
          id,
          name: input.name ?? (basename(input.path) || input.path),
          path: input.path,
          createdAt: this.now(),
          isGitRepo: input.isGitRepo ? 1 : 0,
          defaultBranch: input.defaultBranch ?? null,
        },
      );
      return this.require(id);
    });
  }

  /** The workspace with this id, or null. */
  get(id: WorkspaceId): Workspace | null {
    return this.kept.of(id, () => this.one(this.db.get<WorkspaceRow>(`SELECT ${COLUMNS} FROM workspaces WHERE id = $id`, { id })));
  }

  /** The workspace for this exact folder path, or null. */
  getByPath(path: string): Workspace | null {
    return this.one(this.db.get<WorkspaceRow>(`SELECT ${COLUMNS} FROM workspaces WHERE path = $path`, { path }));
  }

  /** What the workspace owns, by kind (see {@link countHoldings}). */
  holdings(id: WorkspaceId): WorkspaceHoldings {
    return countHoldings(this.db, id);
  }

  /** How many of the workspace's conversations are runs of these jobs (a run's conversation names its job). */
  conversationsOfJobs(id: WorkspaceId, jobIds: readonly string[]): number {
    if (jobIds.length === 0) return 0;
    const params = Object.fromEntries(jobIds.map((jobId, i) => [`j${i}`, jobId]));
    const sql = `SELECT COUNT(*) AS count FROM conversations c JOIN sessions s ON s.id = c.session_id WHERE s.workspace_id = $id AND c.job_id IN (${jobIds.map((_, i) => `$j${i}`).join(", ")})`;
    return this.db.get<{ count: number }>(sql, { id, ...params })!.count;
  }

  /**
   * Deletes the workspace's row if it owns nothing at all, deciding and deleting in one transaction: a job or session
   * made for it meanwhile keeps it. True when it was deleted; false when it owns something (or does not exist).
   */
  forgetIfEmpty(id: WorkspaceId): boolean {
    return this.db.transaction(() => {
      if (!this.get(id) || !isEmptyWorkspace(this.holdings(id))) return false;
      this.remove(id);
      return true;
    });
  }

  /** All workspaces (archived ones too), oldest first. */
  list(): Workspace[] {
    return this.db.all<WorkspaceRow>(`SELECT ${COLUMNS} FROM workspaces ORDER BY created_at, id`).map((row) => this.decoded.of(row));
  }

  /** Renames a workspace; `not_found` when it does not exist. */
  rename(id: WorkspaceId, name: string): Workspace {
    return this.update(id, { name });
  }

  /** Changes fields and returns the result; `not_found` when it does not exist, `conflict` for a taken path. */
  update(id: WorkspaceId, patch: WorkspacePatch): Workspace {
    const sets: string[] = [];
    const params: Params = { id };
    for (const [field, [column, encode]] of Object.entries(COLUMN_OF)) {
      const value = patch[field as keyof WorkspacePatch];
      if (value === undefined) continue;
      sets.push(`${column} = $${field}`);
      params[field] = (encode as (v: unknown) => string | number | null)(value);
    }
    if (sets.length > 0) {
      if (patch.path !== undefined && this.getByPath(patch.path)?.id !== id && this.getByPath(patch.path)) {
        throw new AppError("conflict", `a workspace for ${patch.path} exists`);
      }
      this.db.run(`UPDATE workspaces SET ${sets.join(", ")} WHERE id = $id`, params);
    }
    return this.require(id);
  }

  /**
   * Deletes a workspace with its sessions and conversations (rows only; never files). `alongside` runs in the same
   * transaction (what other rooms delete with it): if either fails, nothing is deleted.
   */
  remove(id: WorkspaceId, alongside?: () => void): void {
    this.db.transaction(() => {
      alongside?.();
      if (this.db.run("DELETE FROM workspaces WHERE id = $id", { id }).changes === 0) throw notFound("workspace", id);
    });
  }

  private require(id: WorkspaceId): Workspace {
    const workspace = this.get(id);
    if (!workspace) throw notFound("workspace", id);
    return workspace;
  }

  private one(row: WorkspaceRow | null): Workspace | null {
    return row ? this.decoded.of(row) : null;
  }
}

/** Decodes and validates one row; its JSON columns are validated once, as part of the `Workspace` schema. */
function toWorkspace(row: WorkspaceRow): Workspace {
  const where = `workspace ${row.id}`;
  const value = {
    id: row.id,
    name: row.name,
    path: row.path,
    createdAt: row.created_at,
    isGitRepo: row.is_git_repo === 1,
    defaultBranch: row.default_branch,
    branchPrefixMode: row.branch_prefix_mode,
    branchPrefix: row.branch_prefix,
    setupScript: row.setup_script,
    copyFiles: parseJsonColumn(row.copy_files, where),
    envSets: parseJsonColumn(row.env_sets, where),
    problem: row.problem,
    archivedAt: row.archived_at,
  };
  return decodeRow(Workspace, value, where);
}
