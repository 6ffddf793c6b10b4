import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JobId, SessionId } from "../../../shared/ids.ts";
import type { PullRequest } from "../../../shared/protocol/integrations.ts";
import type { Run } from "../../../shared/protocol/jobs.ts";
import type { Session, Workspace } from "../../../shared/protocol/model.ts";
import { commitFile, makeTempRepo } from "../../git/test-support.ts";
import { makeWorkspaceKit, type WorkspaceKit } from "../workspaces/workspace-test-kit.ts";
import { openRunPullRequest, type RunPullRequestPorts } from "./run-pull-request.ts";

let kit: WorkspaceKit;
let repo: string;
let workspace: Workspace;
/** The steps that reach GitHub, recorded: the check under test comes before any of them. */
let steps: string[];
const ports: RunPullRequestPorts = {
  push: async (id) => (steps.push("push"), { branch: kit.sessions.get(id).branch ?? "" }),
  draft: async () => (steps.push("draft"), { title: "Add a widget", body: "Adds it." }),
  create: async (id) => (steps.push("create"), { sessionId: id, number: 7, url: "https://github.test/acme/widgets/pull/7" } as unknown as PullRequest),
};

beforeEach(async () => {
  kit = makeWorkspaceKit();
  repo = await makeTempRepo();
  workspace = await kit.workspaces.createWorkspace({ path: repo });
  steps = [];
});
afterEach(() => {
  kit.close();
  rmSync(repo, { recursive: true, force: true });
  rmSync(kit.dataDir, { recursive: true, force: true });
});

const deps = () => ({ repos: kit.t.repos, bus: kit.bus, now: Date.now });

/** A finished run of a job in a new worktree session (as a run makes it). */
async function finishedRun(): Promise<{ run: Run; session: Session }> {
  const { session } = await kit.sessions.create({ workspaceId: workspace.id });
  await kit.sessions.whenReady(session.id);
  const run = kit.t.repos.runs.create({ jobId: "job_prtest000001" as JobId, goalId: null, workspaceId: workspace.id, jobName: "Widgets", trigger: "manual", scheduledFor: 1, priority: "normal", retries: 0, notBefore: null, previousRunId: null })!;
  const ended = kit.t.repos.runs.update(run.id, (r) => ({ ...r, status: "succeeded", sessionId: session.id as SessionId, startedAt: 1, endedAt: 2 }));
  return { run: ended, session: kit.sessions.get(session.id) };
}

describe("a run's pull request", () => {
  it("is refused, before anything is pushed, while the run's work is not committed (the PR opened without it)", async () => {
    const { run, session } = await finishedRun();
    writeFileSync(join(session.cwd, "widget.ts"), "export const widget = 1;\n");
    await expect(openRunPullRequest(deps(), ports, run)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/^The run left 1 uncommitted change \(widget\.ts\), and a pull request carries only commits\./) });
    expect(steps).toEqual([]);
    await commitFile(session.cwd, "widget.ts", "export const widget = 1;\n");
    await expect(openRunPullRequest(deps(), ports, run)).resolves.toMatchObject({ number: 7 });
    expect(steps).toEqual(["push", "draft", "create"]);
  });

  it("is refused when the run's branch has no commits beyond its base (GitHub refuses such a PR after the push)", async () => {
    const { run } = await finishedRun();
    await expect(openRunPullRequest(deps(), ports, run)).rejects.toMatchObject({ code: "conflict", message: "The run's branch has no commits beyond main: there is nothing for a pull request." });
    expect(steps).toEqual([]);
  });
});
