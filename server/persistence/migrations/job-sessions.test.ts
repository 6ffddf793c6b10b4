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

describe("migration job-conversations", () => {
  it("gives the conversations runs made their job, and leaves the user's own without one", () => {
    const before = MIGRATIONS.findIndex((m) => m.name === "job-conversations");
    const db = openDatabase(":memory:", { migrations: MIGRATIONS.slice(0, before) });
    db.run("INSERT INTO workspaces (id, name, path, created_at) VALUES ('wsp_1', 'w', '/tmp/w', 0)");
    db.run("INSERT INTO sessions (id, workspace_id, name, cwd, created_at, updated_at) VALUES ('ses_1', 'wsp_1', 's', '/tmp/w', 0, 0)");
    const conversation = (id: string) =>
      db.run("INSERT INTO conversations (id, session_id, title, kind, permission_mode, status, created_at, updated_at) VALUES ($id, 'ses_1', 't', 'task', 'default', 'idle', 0, 0)", { id });
    conversation("cnv_mine");
    conversation("cnv_run");
    db.run("INSERT INTO runs (id, job_id, status, queued_at, data) VALUES ('run_1', 'job_fixed', 'succeeded', 0, $data)", { data: JSON.stringify({ sessionId: "ses_1", conversationId: "cnv_run" }) });
    runMigrations(db, MIGRATIONS);
    expect(db.all<{ id: string; job_id: string | null }>("SELECT id, job_id FROM conversations ORDER BY id")).toEqual([
      { id: "cnv_mine", job_id: null },
      { id: "cnv_run", job_id: "job_fixed" },
    ]);
    db.close();
  });
});
