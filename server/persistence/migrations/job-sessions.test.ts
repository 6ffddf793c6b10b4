import { describe, expect, it } from "vitest";
import { openDatabase } from "../db.ts";
import { runMigrations } from "../migrate.ts";
import { MIGRATIONS } from "./index.ts";

describe("migration job-sessions-and-link-endings", () => {
  it("gives the sessions runs made their job, and leaves a job's fixed session (there before its runs) the user's own", () => {
    const before = MIGRATIONS.findIndex((m) => m.name === "job-sessions-and-link-endings");
    const db = openDatabase(":memory:", { migrations: MIGRATIONS.slice(0, before) });
    db.run("INSERT INTO workspaces (id, name, path, created_at) VALUES ('wsp_1', 'w', '/tmp/w', 0)");
    const session = (id: string, at: number) => db.run("INSERT INTO sessions (id, workspace_id, name, cwd, created_at, updated_at) VALUES ($id, 'wsp_1', $id, '/tmp/w', $at, $at)", { id, at });
    const run = (id: string, jobId: string, sessionId: string, queuedAt: number) =>
      db.run("INSERT INTO runs (id, job_id, status, queued_at, data) VALUES ($id, $jobId, 'succeeded', $at, $data)", { id, jobId, at: queuedAt, data: JSON.stringify({ sessionId }) });
    session("ses_fixed", 10);
    run("run_1", "job_fixed", "ses_fixed", 20);
    run("run_2", "job_wt", "ses_made", 30);
    session("ses_made", 31);
    session("ses_mine", 40);
    runMigrations(db, MIGRATIONS);
    expect(db.all<{ id: string; job_id: string | null }>("SELECT id, job_id FROM sessions ORDER BY id")).toEqual([
      { id: "ses_fixed", job_id: null },
      { id: "ses_made", job_id: "job_wt" },
      { id: "ses_mine", job_id: null },
    ]);
    db.close();
  });
});
