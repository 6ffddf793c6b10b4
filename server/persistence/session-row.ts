import { Session } from "../../shared/protocol/model.ts";
import type { Binding } from "./db.ts";
import { decodeRow, parseJsonColumn } from "./errors.ts";

/** A `sessions` row as SQLite returns it. */
export type SessionRow = {
  id: string;
  workspace_id: string;
  name: string;
  cwd: string;
  created_at: number;
  updated_at: number;
  kind: string;
  title: string | null;
  branch: string | null;
  base_branch: string | null;
  base_sha: string | null;
  worktree_path: string | null;
  priority: string;
  task_status: string;
  is_pinned: number;
  archived_at: number | null;
  summary: string | null;
  env_set: string | null;
  setup: string | null;
  git: string | null;
  warnings: string;
  problem: string | null;
  job_id: string | null;
};

/** Every column, in row order. */
export const SESSION_COLUMNS =
  "id, workspace_id, name, cwd, created_at, updated_at, kind, title, branch, base_branch, base_sha, worktree_path, priority, task_status, is_pinned, archived_at, summary, env_set, setup, git, warnings, problem, job_id";

/** The session fields that change after creation. */
export type SessionPatch = Partial<Omit<Session, "id" | "workspaceId" | "createdAt" | "updatedAt">>;

type Encode = (value: never) => Binding;
const json: Encode = (v: unknown) => (v === null ? null : JSON.stringify(v));
const plain: Encode = (v: string | number | null) => v;

/** Column and encoder of each patchable field, in a fixed order so the generated SQL stays stable. */
export const SESSION_COLUMN_OF: Record<keyof Required<SessionPatch>, [string, Encode]> = {
  name: ["name", plain],
  cwd: ["cwd", plain],
  kind: ["kind", plain],
  title: ["title", plain],
  branch: ["branch", plain],
  baseBranch: ["base_branch", plain],
  baseSha: ["base_sha", plain],
  worktreePath: ["worktree_path", plain],
  priority: ["priority", plain],
  taskStatus: ["task_status", plain],
  isPinned: ["is_pinned", (v: boolean) => (v ? 1 : 0)],
  archivedAt: ["archived_at", plain],
  summary: ["summary", plain],
  envSet: ["env_set", plain],
  setup: ["setup", json],
  git: ["git", json],
  warnings: ["warnings", json],
  problem: ["problem", plain],
  jobId: ["job_id", plain],
};

/** Decodes and validates one row; its JSON columns are validated once, as part of the `Session` schema. */
export function toSession(row: SessionRow): Session {
  const where = `session ${row.id}`;
  const value = {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    cwd: row.cwd,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    kind: row.kind,
    title: row.title,
    branch: row.branch,
    baseBranch: row.base_branch,
    baseSha: row.base_sha,
    worktreePath: row.worktree_path,
    priority: row.priority,
    taskStatus: row.task_status,
    isPinned: row.is_pinned === 1,
    archivedAt: row.archived_at,
    summary: row.summary,
    envSet: row.env_set,
    setup: row.setup === null ? null : parseJsonColumn(row.setup, where),
    git: row.git === null ? null : parseJsonColumn(row.git, where),
    warnings: parseJsonColumn(row.warnings, where),
    problem: row.problem,
    jobId: row.job_id,
  };
  return decodeRow(Session, value, where);
}
