import type { WorkspaceId } from "../../shared/ids.ts";
import type { HoldingKind, WorkspaceHoldings } from "../../shared/workspace-holdings.ts";
import type { Db } from "./db.ts";

/**
 * The ids of the jobs whose runs are the workspace `$id`'s, as the CTE `run_job_ids`: its jobs', and those of its jobs
 * deleted since (the inbox and run history still show them under the workspace). A job's runs share its workspace (a
 * job never moves), so a deleted job's is read from one of its runs. The job ids are walked one per step down the job
 * index: reading every run's document took 58 ms at 20,000 runs (ADR 0248).
 */
export const RUNS_OF_WORKSPACE = `WITH RECURSIVE run_jobs(job_id) AS (
    SELECT MIN(job_id) FROM runs
    UNION ALL SELECT (SELECT MIN(job_id) FROM runs WHERE job_id > run_jobs.job_id) FROM run_jobs WHERE run_jobs.job_id IS NOT NULL),
  run_job_ids(job_id) AS (
    SELECT id FROM jobs WHERE workspace_id = $id
    UNION ALL
    SELECT job_id FROM run_jobs
    WHERE job_id NOT IN (SELECT id FROM jobs) AND (SELECT json_extract(data, '$.workspaceId') FROM runs r WHERE r.job_id = run_jobs.job_id LIMIT 1) = $id)`;

/**
 * How each kind is counted for the workspace `$id`. Tables with a `workspace_id` column or a foreign key to workspaces
 * are named by `table` (a test checks every such table of the schema is here); the rest reach it another way.
 */
const COUNTS: Record<HoldingKind, { table: string; sql: string }> = {
  conversations: { table: "conversations", sql: "SELECT COUNT(*) FROM conversations c JOIN sessions s ON s.id = c.session_id WHERE s.workspace_id = $id" },
  // Any state: an archived session keeps its summary, and a worktree session its folder and branch.
  sessions: { table: "sessions", sql: "SELECT COUNT(*) FROM sessions WHERE workspace_id = $id" },
  // Goals, jobs and runs have no foreign key (a removed workspace keeps its run history): deleting the row would orphan them.
  goals: { table: "goals", sql: "SELECT COUNT(*) FROM goals WHERE workspace_id = $id" },
  jobs: { table: "jobs", sql: "SELECT COUNT(*) FROM jobs WHERE workspace_id = $id" },
  // Also the runs of jobs deleted since (see RUNS_OF_WORKSPACE).
  runs: { table: "runs", sql: `${RUNS_OF_WORKSPACE} SELECT COUNT(*) FROM runs WHERE job_id IN run_job_ids` },
  // Their secret values are in mcp-secrets.json by server id: none without a server.
  mcpServers: { table: "mcp_servers", sql: "SELECT COUNT(*) FROM mcp_servers WHERE workspace_id = $id" },
  skillSettings: { table: "skill_settings", sql: "SELECT COUNT(*) FROM skill_settings WHERE workspace_id = $id" },
  // A row back at its default (archive on merge switched on, then off) keeps nothing.
  integrationSettings: { table: "workspace_integration_settings", sql: "SELECT COUNT(*) FROM workspace_integration_settings WHERE workspace_id = $id AND archive_on_merge <> 0" },
  pullRequests: { table: "pull_requests", sql: "SELECT COUNT(*) FROM pull_requests WHERE workspace_id = $id" },
  budgets: { table: "budgets", sql: "SELECT COUNT(*) FROM budgets WHERE scope = 'workspace' AND owner_id = $id" },
  // The workspace's own settings a user wrote (a default branch is detected, not written): losing them loses work.
  workspaceSettings: {
    table: "workspaces",
    sql: `SELECT COALESCE(SUM((COALESCE(setup_script, '') <> '') + (copy_files <> '[]') + (env_sets <> '{}') + (branch_prefix_mode <> 'none')), 0)
          FROM workspaces WHERE id = $id`,
  },
};

/** The tables {@link countHoldings} reads, for the test that every table pointing at workspaces is counted. */
export const HOLDING_TABLES: readonly string[] = Object.values(COUNTS).map((count) => count.table);

const QUERY = `SELECT ${Object.entries(COUNTS)
  .map(([kind, { sql }]) => `(${sql}) AS ${kind}`)
  .join(",\n")}`;

/** What the workspace owns, counted by kind in one statement (all zero for a workspace that does not exist). */
export function countHoldings(db: Db, id: WorkspaceId): WorkspaceHoldings {
  return db.get<WorkspaceHoldings>(QUERY, { id })!;
}
