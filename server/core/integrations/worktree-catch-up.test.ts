import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionId } from "../../../shared/ids.ts";
import type { WorktreeCatchUp } from "../../../shared/protocol/integrations.ts";
import { git } from "../../git/index.ts";
import { commitFile } from "../../git/test-support.ts";
import { connectedIntegrationKit, sessionWithCommit, type IntegrationKit } from "./integration-test-kit.ts";

let k: IntegrationKit;
beforeEach(async () => {
  k = await connectedIntegrationKit();
});
afterEach(async () => k.cleanup());

/** The next thing said of the session's worktree against its PR (published to every device). */
function nextCatchUp(id: SessionId): Promise<WorktreeCatchUp | null> {
  return new Promise((resolve) => {
    const stop = k.kit.bus.subscribe((m) => {
      if (m.kind !== "entity" || m.change.kind !== "pullRequestWorktree" || m.change.sessionId !== id) return;
      stop();
      resolve(m.change.catchUp);
    });
  });
}

/** A session with an open PR behind main under strict protection (a required check), as "Update branch" finds it. */
async function behindPull() {
  const session = await sessionWithCommit(k, { push: true });
  const { pullRequests } = k.integrations;
  const created = await pullRequests.create(session.id, { title: "Widget", body: "" });
  k.ghRepo.protection = { requiredChecks: ["test"], requiredApprovals: 0, isStrict: true };
  k.ghRepo.addJob({ sha: created.headSha, name: "test", status: "completed", conclusion: "success" });
  await commitFile(k.repo, "README.md", "# widgets\n");
  await git(k.repo, ["push", "--quiet", "origin", "main"]);
  await pullRequests.refresh(session.id);
  expect((await pullRequests.refresh(session.id))?.mergeableState).toBe("behind");
  return { session, created };
}

const headOf = (cwd: string) => git(cwd, ["rev-parse", "HEAD"]);

describe("a session's worktree after its PR's head moved on GitHub", () => {
  it("is fast-forwarded after Update branch when clean, says so, and the next commit pushes", async () => {
    const { session } = await behindPull();
    const said = nextCatchUp(session.id);
    const updated = await k.integrations.pullRequests.updateBranch(session.id);

    expect(await said).toEqual({ status: "fastForwarded", headSha: updated.headSha, message: `Brought this session's worktree up to ${session.branch} on GitHub (${updated.headSha.slice(0, 7)}): Claude and the next push start from it.` });
    expect(await headOf(session.cwd)).toBe(updated.headSha);
    expect(k.kit.sessions.get(session.id).git?.headSha).toBe(updated.headSha);
    expect(k.integrations.worktrees.get(session.id)?.status).toBe("fastForwarded");

    await commitFile(session.cwd, "widget.ts", "export const widget = 3;\n");
    await git(session.cwd, ["push", "--quiet", "origin", session.branch as string]); // a fast-forward of origin's copy: not rejected
    expect(await git(k.bare, ["rev-parse", `refs/heads/${session.branch}`])).toBe(await headOf(session.cwd));
  });

  it("is fast-forwarded when a poll finds the head moved by a push from elsewhere", async () => {
    const session = await sessionWithCommit(k, { push: true });
    await k.integrations.pullRequests.create(session.id, { title: "Widget", body: "" });
    const elsewhere = mkdtempSync(join(tmpdir(), "chatml-elsewhere-"));
    try {
      await git(elsewhere, ["clone", "--quiet", "--branch", session.branch as string, k.bare, "."]);
      await commitFile(elsewhere, "gadget.ts", "export const gadget = 1;\n");
      await git(elsewhere, ["push", "--quiet", "origin", session.branch as string]);
      const pushed = await headOf(elsewhere);

      const said = nextCatchUp(session.id);
      expect(await k.integrations.poller.tick()).toBe(1);
      expect((await said)?.status).toBe("fastForwarded");
      expect(await headOf(session.cwd)).toBe(pushed);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it("waits while Claude works in the session, and is fast-forwarded by the first poll after its turn", async () => {
    const { session } = await behindPull();
    const conversation = k.kit.t.repos.conversations.list(session.id)[0]!;
    k.kit.t.repos.conversations.update(conversation.id, { status: "running" });
    const before = await headOf(session.cwd);
    const updated = await k.integrations.pullRequests.updateBranch(session.id);
    await k.integrations.poller.tick();
    expect(await headOf(session.cwd)).toBe(before);
    expect(k.integrations.worktrees.get(session.id)).toBeNull();

    k.kit.t.repos.conversations.update(conversation.id, { status: "idle" });
    const said = nextCatchUp(session.id);
    k.integrations.poller.wake(session.id); // the next poll is due
    await k.integrations.poller.tick();
    expect((await said)?.status).toBe("fastForwarded");
    expect(await headOf(session.cwd)).toBe(updated.headSha);
  });

  it("is left alone with uncommitted changes, says to commit or stash and pull, and Pull the branch brings the head in", async () => {
    const { session, created } = await behindPull();
    await Bun.write(join(session.cwd, "widget.ts"), "export const widget = 5;\n");
    const said = nextCatchUp(session.id);
    const updated = await k.integrations.pullRequests.updateBranch(session.id);

    expect(await said).toEqual({
      status: "needsPull",
      headSha: updated.headSha,
      message: `${session.branch} on GitHub (${updated.headSha.slice(0, 7)}) has commits this worktree lacks, and its uncommitted changes kept ChatML from bringing them in. Commit or stash them, then pull the branch.`,
    });
    expect(await headOf(session.cwd)).toBe(created.headSha);
    expect(await Bun.file(join(session.cwd, "widget.ts")).text()).toBe("export const widget = 5;\n");

    // The pull merges around the change (README.md only came from main), which stays.
    expect(await k.integrations.worktrees.pull(updated)).toBeNull();
    expect(await headOf(session.cwd)).toBe(updated.headSha);
    expect(await Bun.file(join(session.cwd, "widget.ts")).text()).toBe("export const widget = 5;\n");
  });

  it("is left alone when it has commits of its own, says to pull, and a pull in the Git view takes that back", async () => {
    const { session } = await behindPull();
    await commitFile(session.cwd, "local.ts", "export const local = 1;\n");
    const local = await headOf(session.cwd);
    const said = nextCatchUp(session.id);
    const updated = await k.integrations.pullRequests.updateBranch(session.id);

    expect(await said).toMatchObject({ status: "needsPull", message: `${session.branch} on GitHub (${updated.headSha.slice(0, 7)}) and this worktree each have commits the other lacks. Pull the branch to merge them, then push.` });
    expect(await headOf(session.cwd)).toBe(local);

    const cleared = nextCatchUp(session.id);
    await git(session.cwd, ["pull", "--quiet", "--no-rebase", "--no-edit", "origin", session.branch as string]);
    await k.kit.sessions.refreshGit(session.id);

    expect(await cleared).toBeNull();
    expect((await git(session.cwd, ["rev-list", "--parents", "-n", "1", "HEAD"])).split(" ").slice(1)).toEqual([local, updated.headSha]);
  });
});
