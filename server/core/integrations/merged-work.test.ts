import { join } from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import type { SessionId } from "../../../shared/ids.ts";
import { git } from "../../git/index.ts";
import { connectedIntegrationKit, sessionWithCommit, type IntegrationKit } from "./integration-test-kit.ts";

/*
 * After a squash merge of the session's PR the header said "clean · 1↑": true to git (the squash is a new commit on
 * main), read as work still to merge. The git state says the PR's work is merged, and still counts a commit made since.
 */
let k: IntegrationKit;
beforeEach(async () => {
  k = await connectedIntegrationKit();
});
afterEach(async () => {
  await k.cleanup();
});

/** The session's git state once it says what `expected` says (the read after a merge or a commit runs behind it). */
async function gitStateOf(id: SessionId, expected: object) {
  await vi.waitFor(() => expect(k.kit.sessions.get(id).git).toMatchObject(expected), { timeout: 10_000 });
  return k.kit.sessions.get(id).git!;
}

it("once the session's PR is squash merged its commits count as merged, and a commit made after the merge counts as the branch's own", async () => {
  const session = await sessionWithCommit(k, { push: true });
  await k.integrations.pullRequests.create(session.id, { title: "Widget", body: "" });
  await k.kit.sessions.refreshGit(session.id);
  expect(k.kit.sessions.get(session.id).git).toMatchObject({ ahead: 1, mergedPullRequest: null });

  // GitHub's squash: one new commit on main with the branch's changes, not the branch's commit.
  await Bun.write(join(k.repo, "widget.ts"), "export const widget = 1;\n");
  await git(k.repo, ["add", "widget.ts"]);
  await git(k.repo, ["commit", "--quiet", "-m", "Widget (#1)"]);
  await git(k.repo, ["push", "--quiet", "origin", "main"]);
  await git(session.cwd, ["fetch", "--quiet", "origin"]);
  expect((await k.integrations.pullRequests.merge(session.id, { method: "squash" })).state).toBe("merged");
  // git still counts the branch's commit ahead of main: the state says it is merged.
  await gitStateOf(session.id, { ahead: 1, behind: 1, mergedPullRequest: { number: 1, baseRef: "main", unmergedCommits: 0 } });

  await Bun.write(join(session.cwd, "after.ts"), "export const after = 1;\n");
  await git(session.cwd, ["add", "after.ts"]);
  await git(session.cwd, ["commit", "--quiet", "-m", "After the merge"]);
  await k.kit.sessions.refreshGit(session.id);
  await gitStateOf(session.id, { ahead: 2, mergedPullRequest: { number: 1, unmergedCommits: 1 } });
});

it("a merged PR whose head this clone lacks says nothing of it (git cannot tell what is merged)", async () => {
  const session = await sessionWithCommit(k, { push: true });
  await k.integrations.pullRequests.create(session.id, { title: "Widget", body: "" });
  const stored = k.integrations.pullRequests.get(session.id)!;
  k.kit.t.repos.integrations.savePullRequest({ ...stored, state: "merged", headSha: "f".repeat(40) });
  await k.kit.sessions.refreshGit(session.id);
  expect(k.kit.sessions.get(session.id).git).toMatchObject({ ahead: 1, mergedPullRequest: null });
});
