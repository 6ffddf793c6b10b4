import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import type { DurableEvent } from "../../../shared/protocol/events.ts";
import type { PullRequest } from "../../../shared/protocol/integrations.ts";
import { git } from "../../git/index.ts";
import { connectedIntegrationKit, sessionWithCommit, type IntegrationKit } from "./integration-test-kit.ts";

let k: IntegrationKit;
beforeEach(async () => {
  k = await connectedIntegrationKit();
});
afterEach(async () => k.cleanup());

async function commitOnMain(path: string, text: string): Promise<void> {
  await Bun.write(join(k.repo, path), text);
  await git(k.repo, ["add", path]);
  await git(k.repo, ["commit", "--quiet", "-m", `Change ${path}`]);
  await git(k.repo, ["push", "--quiet", "origin", "main"]);
}

/** The PR read twice: GitHub works mergeability out after the first read of a new head. */
async function readAgain(sessionId: SessionId) {
  await k.integrations.pullRequests.refresh(sessionId);
  return k.integrations.pullRequests.refresh(sessionId);
}

/** A committed event of `conversationId` on the bus, as the conversation room publishes it. */
function turnEvent(conversationId: ConversationId, event: Partial<DurableEvent>) {
  k.kit.bus.publish({ kind: "event", conversationId, sequenced: { seq: 1, at: Date.now(), event: event as DurableEvent } });
}

/** A session with an open PR whose mergeability GitHub has worked out, and the PR's mergeability read again. */
async function openPull() {
  const session = await sessionWithCommit(k, { push: true });
  const { pullRequests } = k.integrations;
  const created = await pullRequests.create(session.id, { title: "Widget", body: "" });
  const readAgain = async () => {
    await pullRequests.refresh(session.id);
    const pr = await pullRequests.refresh(session.id);
    return [pr?.isMergeable, pr?.mergeableState];
  };
  return { session, created, readAgain };
}

describe("a pull request behind its base", () => {
  it("is not held back by strict protection when no status check is required (GitHub's rule: up to date is a part of required checks)", async () => {
    const { session, readAgain } = await openPull();
    k.ghRepo.protection = { requiredChecks: [], requiredApprovals: 0, isStrict: true };
    await commitOnMain("README.md", "# widgets\n");

    expect(await readAgain()).toEqual([true, "clean"]);
    expect((await k.integrations.pullRequests.merge(session.id, { method: "merge" })).state).toBe("merged");
  });

  it("is brought up to date by Update branch (a merge commit of main on GitHub), then merges", async () => {
    const { session, created, readAgain } = await openPull();
    k.ghRepo.protection = { requiredChecks: ["test"], requiredApprovals: 0, isStrict: true };
    k.ghRepo.addJob({ sha: created.headSha, name: "test", status: "completed", conclusion: "success" });
    await commitOnMain("README.md", "# widgets\n");
    expect(await readAgain()).toEqual([true, "behind"]);

    const updated = await k.integrations.pullRequests.updateBranch(session.id);
    const main = await git(k.bare, ["rev-parse", "refs/heads/main"]);
    expect(updated.headSha).not.toBe(created.headSha);
    expect((await git(k.bare, ["rev-list", "--parents", "-n", "1", updated.headSha])).split(" ").slice(1)).toEqual([created.headSha, main]);
    expect(await git(k.bare, ["rev-parse", `refs/heads/${session.branch}`])).toBe(updated.headSha);

    // The new head needs its required check again, as on GitHub.
    k.ghRepo.addJob({ sha: updated.headSha, name: "test", status: "completed", conclusion: "success" });
    expect(await readAgain()).toEqual([true, "clean"]);
    expect((await k.integrations.pullRequests.merge(session.id, { method: "merge" })).state).toBe("merged");
  });

  it("is refused an update that conflicts, told to ask Claude, and Claude is asked to merge main, resolve and push", async () => {
    const { session, created, readAgain } = await openPull();
    await commitOnMain("widget.ts", "export const widget = 2;\n");
    expect(await readAgain()).toEqual([false, "dirty"]);

    await expect(k.integrations.pullRequests.updateBranch(session.id)).rejects.toMatchObject({
      code: "conflict",
      message: `GitHub cannot update ${session.branch} with main: they conflict. Ask Claude to merge main (it resolves the conflicts and pushes), or merge it in a terminal.`,
    });
    expect(await git(k.bare, ["rev-parse", `refs/heads/${session.branch}`])).toBe(created.headSha);

    const { text } = await k.integrations.feedback.askToMergeBase(session.id);
    expect(text.split("\n")[0]).toBe(`Merge main into ${session.branch}: pull request #1 (${created.url}) is behind main or conflicts with it.`);
    expect(text).toContain("`git merge origin/main`");
    const conversationId = k.kit.t.repos.conversations.list(session.id)[0]?.id as ConversationId;
    expect(k.kit.sent).toEqual([{ id: conversationId, text }]);
  });

  it("is noted as asked on every device until the asked turn ends, then read again: still conflicting it is offered again, merged it is not", async () => {
    const { session } = await openPull();
    await commitOnMain("widget.ts", "export const widget = 2;\n");
    await readAgain(session.id);
    const published: PullRequest[] = [];
    k.kit.bus.subscribe((message) => message.kind === "entity" && message.change.kind === "pullRequest" && published.push(message.change.pullRequest));
    const conversationId = k.kit.t.repos.conversations.list(session.id)[0]?.id as ConversationId;
    const { pullRequest } = await k.integrations.feedback.askToMergeBase(session.id);
    expect(pullRequest?.mergeBaseAsk).toEqual({ askedAt: expect.any(Number), conversationId });
    expect(published.at(-1)?.mergeBaseAsk?.conversationId).toBe(conversationId);
    expect(k.integrations.pullRequests.get(session.id)?.mergeBaseAsk?.conversationId).toBe(conversationId);
    // Another conversation's turn, or this one's other events, end nothing.
    turnEvent("cnv_someoneelse1" as ConversationId, { type: "turn.completed" });
    turnEvent(conversationId, { type: "conversation.status.changed", status: "running", reason: null });
    expect(k.integrations.pullRequests.get(session.id)?.mergeBaseAsk).not.toBeNull();

    // The turn ended without a merge: the ask is over, and the PR read again still conflicts.
    turnEvent(conversationId, { type: "turn.completed" });
    expect(k.integrations.pullRequests.get(session.id)?.mergeBaseAsk).toBeNull();
    expect(published.at(-1)).toMatchObject({ isMergeable: false, mergeableState: "dirty", mergeBaseAsk: null });

    // Asked again, Claude merges main and pushes; its process ends: read again, the conflict is gone.
    await k.integrations.feedback.askToMergeBase(session.id);
    const worktree = k.kit.sessions.get(session.id).cwd;
    await git(worktree, ["fetch", "--quiet", "origin", "main"]);
    await git(worktree, ["merge", "--quiet", "-X", "theirs", "-m", "Merge main", "origin/main"]);
    await git(worktree, ["push", "--quiet", "origin", `HEAD:${session.branch}`]);
    const merged = await git(worktree, ["rev-parse", "HEAD"]);
    turnEvent(conversationId, { type: "conversation.status.changed", status: "exited", reason: null });
    expect(k.integrations.pullRequests.get(session.id)?.mergeBaseAsk).toBeNull();
    // Read from GitHub by the turn's end alone (polling is off): the PR's head is the merge.
    await expect.poll(() => k.integrations.pullRequests.get(session.id)?.headSha, { timeout: 10_000 }).toBe(merged);
    expect((await readAgain(session.id))?.mergeableState).not.toBe("dirty");

    // An ask whose turn ended while ChatML was down (nothing of the session works at its start) is over.
    await k.integrations.feedback.askToMergeBase(session.id);
    k.integrations.start();
    expect(k.integrations.pullRequests.get(session.id)?.mergeBaseAsk).toBeNull();
  });

  it("is refused an update with nothing new on the base, losing nothing", async () => {
    const { session, created } = await openPull();
    await expect(k.integrations.pullRequests.updateBranch(session.id)).rejects.toMatchObject({ message: `${session.branch} already has every commit of main; there is nothing to update.` });
    expect(await git(k.bare, ["rev-parse", `refs/heads/${session.branch}`])).toBe(created.headSha);
  });
});
