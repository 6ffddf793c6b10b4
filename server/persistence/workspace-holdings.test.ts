import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JOB_DEFAULTS } from "../../shared/api/jobs-inputs.ts";
import type { WorkspaceId } from "../../shared/ids.ts";
import type { PullRequest } from "../../shared/protocol/integrations.ts";
import { HOLDING_KINDS, isEmptyWorkspace, type HoldingKind, type WorkspaceHoldings } from "../../shared/workspace-holdings.ts";
import { openTempDb, type TempDb } from "./test-support.ts";
import { HOLDING_TABLES } from "./workspace-holdings.ts";

let t: TempDb;
beforeEach(() => {
  t = openTempDb();
});
afterEach(() => t.cleanup());

const NONE = Object.fromEntries(HOLDING_KINDS.map((kind) => [kind, 0])) as WorkspaceHoldings;

const newJob = (workspaceId: WorkspaceId) =>
  t.repos.jobs.create({ ...JOB_DEFAULTS, workspaceId, goalId: null, name: "Nightly", prompt: "do it", schedule: { kind: "interval", every: 1, unit: "days" }, isEnabled: true, nextFireAt: null });
const newSession = (workspaceId: WorkspaceId) => t.repos.sessions.create({ workspaceId, name: "main", cwd: "/tmp/project" });

/**
 * One way to give an empty workspace one thing of each kind, and what it then owns. Keyed by every kind, so a kind
 * added to HOLDING_KINDS without a way to own it here fails to compile and the "every kind" test below fails.
 */
const OWN_ONE: Record<HoldingKind, (id: WorkspaceId) => Partial<WorkspaceHoldings>> = {
  conversations: (id) => (t.repos.conversations.create({ sessionId: newSession(id).id }), { sessions: 1, conversations: 1 }),
  sessions: (id) => (t.repos.sessions.update(newSession(id).id, { archivedAt: 5 }), { sessions: 1 }),
  goals: (id) => (t.repos.goals.create({ workspaceId: id, title: "Ship it", description: "" }), { goals: 1 }),
  jobs: (id) => (newJob(id), { jobs: 1 }),
  // A run of a live job, and one of a job deleted since: it still shows in the run history under the workspace.
  runs: (id) => {
    const [live, gone] = [newJob(id), newJob(id)];
    for (const job of [live, gone]) {
      t.repos.runs.create({ jobId: job.id, goalId: null, workspaceId: id, jobName: job.name, trigger: "manual", scheduledFor: 1, priority: "normal", retries: 0, notBefore: null, previousRunId: null });
    }
    t.repos.jobs.delete(gone.id);
    return { jobs: 1, runs: 2 };
  },
  mcpServers: (id) => {
    t.repos.mcpServers.save({ id: "mcp_one", workspaceId: id, name: "docs", transport: "stdio", command: "docs-server", args: [], url: null, env: [], headers: [], isEnabled: true });
    return { mcpServers: 1 };
  },
  skillSettings: (id) => (t.repos.skillSettings.setEnabled(id, "review", false), { skillSettings: 1 }),
  integrationSettings: (id) => (t.repos.integrations.setArchiveOnMerge(id, true), { integrationSettings: 1 }),
  pullRequests: (id) => {
    const session = newSession(id);
    t.repos.integrations.savePullRequest({ sessionId: session.id, workspaceId: id, number: 7, state: "open", mergeBaseAsk: null } as PullRequest);
    return { sessions: 1, pullRequests: 1 };
  },
  budgets: (id) => (t.repos.budgets.setLimits("workspace", id, { maxCostUsd: 5, maxTurns: null, maxThinkingTokens: null }), { budgets: 1 }),
  workspaceSettings: (id) => (t.repos.workspaces.update(id, { setupScript: "bun install", envSets: { dev: { NODE_ENV: "development" } } }), { workspaceSettings: 2 }),
};

describe("what a workspace owns", () => {
  it("a workspace just added owns nothing, and one that does not exist neither", () => {
    const { id } = t.repos.workspaces.create({ path: "/tmp/empty" });
    expect(t.repos.workspaces.holdings(id)).toEqual(NONE);
    expect(isEmptyWorkspace(t.repos.workspaces.holdings(id))).toBe(true);
    expect(t.repos.workspaces.holdings("wsp_nonexistent00" as WorkspaceId)).toEqual(NONE);
  });

  it("has a way to own one thing of every kind in this test", () => {
    expect(Object.keys(OWN_ONE).sort()).toEqual([...HOLDING_KINDS].sort());
  });

  it.each(HOLDING_KINDS)("counts %s, and a workspace owning only that is not forgotten", (kind) => {
    const { id } = t.repos.workspaces.create({ path: `/tmp/owner-of-${kind}` });
    const owned = OWN_ONE[kind](id);
    expect(t.repos.workspaces.holdings(id)).toEqual({ ...NONE, ...owned });
    expect(t.repos.workspaces.forgetIfEmpty(id)).toBe(false);
    expect(t.repos.workspaces.get(id)).not.toBeNull();
  });

  it("counts only its own things, not another workspace's", () => {
    const mine = t.repos.workspaces.create({ path: "/tmp/mine" });
    const other = t.repos.workspaces.create({ path: "/tmp/other" });
    for (const kind of HOLDING_KINDS) OWN_ONE[kind](other.id);
    expect(t.repos.workspaces.holdings(mine.id)).toEqual(NONE);
  });

  it("counts every table of the schema that points at workspaces (a new one must be added to the count)", () => {
    const tables = t.db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'workspaces'").map((row) => row.name);
    const pointing = tables.filter((table) => {
      const hasColumn = t.db.all<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`).some((column) => column.name === "workspace_id");
      const hasKey = t.db.all<{ table: string }>(`SELECT "table" FROM pragma_foreign_key_list('${table}')`).some((key) => key.table === "workspaces");
      return hasColumn || hasKey;
    });
    expect(pointing.length).toBeGreaterThan(5);
    expect(pointing.filter((table) => !HOLDING_TABLES.includes(table))).toEqual([]);
  });

  it("forgets a workspace that owns nothing: its row goes and the same folder added again is a new workspace", () => {
    const empty = t.repos.workspaces.create({ path: "/tmp/empty" });
    expect(t.repos.workspaces.forgetIfEmpty(empty.id)).toBe(true);
    expect(t.repos.workspaces.get(empty.id)).toBeNull();
    expect(t.repos.workspaces.forgetIfEmpty(empty.id)).toBe(false);
    expect(t.repos.workspaces.create({ path: "/tmp/empty" }).id).not.toBe(empty.id);
  });
});
