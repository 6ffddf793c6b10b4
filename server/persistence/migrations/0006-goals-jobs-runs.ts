import type { Migration } from "../migrate.ts";

/**
 * Goals, jobs, runs and run logs. Each row keeps its entity as a JSON document (validated on read) plus the columns
 * queries filter on. No foreign key to workspaces: a removed workspace must not take its run history with it.
 * `runs.fire_key` is unique: a scheduled fire is claimed by inserting its run, so it can never be claimed twice.
 */
export const migration0006: Migration = {
  version: 6,
  name: "goals-jobs-runs",
  sql: `
CREATE TABLE goals (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  status TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX goals_by_workspace ON goals (workspace_id, updated_at);

CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  goal_id TEXT,
  next_fire_at INTEGER,
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX jobs_by_goal ON jobs (goal_id);

CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  job_id TEXT NOT NULL,
  status TEXT NOT NULL,
  fire_key TEXT UNIQUE,
  queued_at INTEGER NOT NULL,
  data TEXT NOT NULL
) STRICT;
CREATE INDEX runs_by_job ON runs (job_id, queued_at);
CREATE INDEX runs_by_status ON runs (status);

CREATE TABLE run_logs (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  level TEXT NOT NULL,
  text TEXT NOT NULL
) STRICT;
CREATE INDEX run_logs_by_run ON run_logs (run_id, id);

CREATE TABLE scheduler_state (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;
`,
};
