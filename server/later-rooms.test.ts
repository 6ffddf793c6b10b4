import { afterEach, describe, expect, it, vi } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Database } from "bun:sqlite";
import type { GoalId } from "../shared/ids.ts";
import { MIGRATIONS } from "./persistence/migrations/index.ts";
import { openTempDb } from "./persistence/test-support.ts";
import { makeTempRepo } from "./git/test-support.ts";
import { writeReplayCliBin } from "./claude/fixtures/replay-cli/replay-cli-bin.ts";
import { api, startTestServer, type TestServer } from "./test-support/test-server.ts";

/**
 * Jobs and the integrations (ADR 0081), source control, the workbench and interactive Claude (ADR 0189) are composed
 * after the server listens: nothing they do may wait for a user, and a request for them waits for them.
 */
let server: TestServer | null = null;
let dir = "";
afterEach(async () => {
  await server?.cleanup();
  server = null;
  vi.restoreAllMocks();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A data dir holding a goal whose planning a stop cut off (the jobs room marks it failed when it starts). */
function dataDirWithGoalBeingPlanned(): { dataDir: string; goalId: GoalId; planStatus: () => string | undefined } {
  dir = mkdtempSync(join(tmpdir(), "chatml-later-rooms-"));
  const seeded = openTempDb(dir);
  const workspace = seeded.repos.workspaces.create({ path: dir });
  const goal = seeded.repos.goals.create({ workspaceId: workspace.id, title: "Keep it tidy", description: "" });
  seeded.repos.goals.update(goal.id, (g) => ({ ...g, plan: { ...g.plan, status: "planning" } }));
  seeded.db.close();
  const dataDir = join(dir, "data");
  const planStatus = () => {
    const reader = openTempDb(dir);
    try {
      return reader.repos.goals.get(goal.id)?.plan.status;
    } finally {
      reader.db.close();
    }
  };
  return { dataDir, goalId: goal.id, planStatus };
}

describe("jobs and integrations start after the server listens", () => {
  it("start on their own soon after the start, with no request asking for them", async () => {
    const { dataDir, planStatus } = dataDirWithGoalBeingPlanned();
    server = await startTestServer({ dataDir });
    await vi.waitFor(() => expect(planStatus()).toBe("failed"), { timeout: 10_000, interval: 50 });
  });

  it("an /api request made the moment the server listens waits for them instead of failing", async () => {
    const { dataDir, goalId } = dataDirWithGoalBeingPlanned();
    server = await startTestServer({ dataDir });
    const [jobs, goal] = await Promise.all([api(server, "/api/jobs"), api(server, `/api/goals/${goalId}`)]);
    expect(jobs.status).toBe(200);
    expect(await jobs.json()).toEqual({ jobs: [] });
    expect(goal.status).toBe(200);
    expect(((await goal.json()) as { goal: { plan: { status: string } } }).goal.plan.status).toBe("failed");
  });

  it("a server stopped before they were composed stops cleanly and never composes them", async () => {
    const { dataDir, planStatus } = dataDirWithGoalBeingPlanned();
    const errors = vi.spyOn(console, "error");
    const stopped = await startTestServer({ dataDir });
    await stopped.stop();
    // Past the moment a start composes them (and the API's warm-up): neither runs on a stopped server.
    await Bun.sleep(600);
    expect(planStatus()).toBe("planning");
    expect(errors.mock.calls.filter(([first]) => String(first).includes("[start]"))).toEqual([]);
  });
});

describe("source control, the workbench and interactive Claude are composed after the server listens (ADR 0189)", () => {
  it("requests for each, made the moment a restarted server listens, wait for them and get the session's true state", async () => {
    dir = await makeTempRepo("chatml-later-rooms-repo-");
    const dataDir = join(dir, ".chatml-data");
    const first = await startTestServer({ dataDir });
    const started = (await (await api(first, "/api/start", { method: "POST", body: JSON.stringify({ path: dir }) })).json()) as { conversation: { sessionId: string } };
    const { sessionId } = started.conversation;
    const { session } = (await (await api(first, `/api/sessions/${sessionId}`)).json()) as { session: { cwd: string; worktreePath: string | null } };
    await first.stop();
    writeFileSync(join(session.worktreePath ?? session.cwd, "new-file.txt"), "hello\n");

    server = await startTestServer({ dataDir });
    const at = (path: string) => api(server!, `/api/sessions/${sessionId}${path}`);
    const [gitChanges, changes, reviews, outside] = await Promise.all([at("/git/changes"), at("/changes?scope=uncommitted"), at("/reviews"), at("/outside-sessions")]);
    expect([gitChanges.status, changes.status, reviews.status, outside.status]).toEqual([200, 200, 200, 200]);
    expect(JSON.stringify(await gitChanges.json())).toContain("new-file.txt");
    expect(JSON.stringify(await changes.json())).toContain("new-file.txt");
    expect(await reviews.json()).toEqual({ comments: [] });
    expect(await outside.json()).toEqual({ sessions: [] });
  });
});

describe("the CLI's transports and its loopback listener are read and opened at the first launch (issue 16)", () => {
  // 2.1.120 is the last CLI that runs over --sdk-url (it dials back to the listener); later ones run over stdio.
  it.each([
    ["--sdk-url", "2.1.120"],
    ["stdio", "2.1.330"],
  ])("a message sent the moment a restarted server listens launches its CLI over %s and gets its answer", async (transport, version) => {
    dir = mkdtempSync(join(tmpdir(), "chatml-later-rooms-launch-"));
    const options = { dataDir: join(dir, "data"), claudeBin: await writeReplayCliBin(dir), env: { REPLAY_CLI_VERSION: version } };
    const first = await startTestServer(options);
    const started = (await (await api(first, "/api/start", { method: "POST", body: JSON.stringify({ path: dir }) })).json()) as { conversation: { id: string } };
    const id = started.conversation.id;
    await first.stop();

    server = await startTestServer(options);
    const sent = await api(server, `/api/conversations/${id}/messages`, { method: "POST", body: JSON.stringify({ commandId: "first-after-restart", text: "stream 5 0 0" }) });
    expect(sent.status).toBe(202);
    await vi.waitFor(
      async () => {
        const { messages } = (await (await api(server!, `/api/conversations/${id}/messages`)).json()) as { messages: { role: string }[] };
        expect(messages.map((message) => message.role)).toEqual(["user", "assistant"]);
      },
      { timeout: 20_000, interval: 50 },
    );
    const { conversation } = (await (await api(server, `/api/conversations/${id}`)).json()) as { conversation: { transport: string | null } };
    expect(conversation.transport).toBe(transport.replace(/^--/, ""));
  }, 30_000);
});

describe("a start reads the database's schema version from its header (issue 16)", () => {
  const schemaVersion = (path: string, set?: number) => {
    const sqlite = new Database(path);
    try {
      if (set !== undefined) sqlite.run(`PRAGMA user_version = ${set}`);
      return (sqlite.query("PRAGMA user_version").get() as { user_version: number }).user_version;
    } finally {
      sqlite.close();
    }
  };

  it("a server restarted on a database an older ChatML migrated (no version in its header) answers at once with what it holds, and marks it", async () => {
    dir = mkdtempSync(join(tmpdir(), "chatml-later-rooms-version-"));
    const dataDir = join(dir, "data");
    const first = await startTestServer({ dataDir });
    const started = (await (await api(first, "/api/start", { method: "POST", body: JSON.stringify({ path: dir }) })).json()) as { conversation: { id: string } };
    await first.stop();
    expect(schemaVersion(join(dataDir, "chatml.db"), 0)).toBe(0);

    server = await startTestServer({ dataDir });
    const [health, conversation] = await Promise.all([fetch(`${server.url}/healthz`), api(server, `/api/conversations/${started.conversation.id}`)]);
    expect([health.status, conversation.status]).toEqual([200, 200]);
    expect(((await conversation.json()) as { conversation: { id: string; status: string } }).conversation).toMatchObject({ id: started.conversation.id, status: "idle" });
    expect(schemaVersion(join(dataDir, "chatml.db"))).toBe(MIGRATIONS.length);
  });
});
