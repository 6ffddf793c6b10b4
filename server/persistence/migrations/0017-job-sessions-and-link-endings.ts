import type { Migration } from "../migrate.ts";

/**
 * `sessions.job_id`: the job whose run made the session (a worktree run), so the sidebar can fold a job's runs under
 * one row (ADR 0064). Sessions made before are found through their run: a run queued before the session was created
 * (a job's fixed session was there before its runs, and stays the user's own).
 * `pairing_codes.ended_by`: what ended a link before its time, `sign-out` (its device was signed out) or `rotation`
 * (the sign-in token was rotated), so the link says why it stopped working.
 */
export const migration0017: Migration = {
  version: 17,
  name: "job-sessions-and-link-endings",
  sql: `
ALTER TABLE sessions ADD COLUMN job_id TEXT;
UPDATE sessions SET job_id = (
  SELECT r.job_id FROM runs r
  WHERE json_extract(r.data, '$.sessionId') = sessions.id AND r.queued_at <= sessions.created_at
  ORDER BY r.queued_at LIMIT 1
);
ALTER TABLE pairing_codes ADD COLUMN ended_by TEXT;
`,
};
