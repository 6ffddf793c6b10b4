import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PullRequest } from "../../../shared/protocol/integrations.ts";
import { git } from "../../git/index.ts";
import { PullRequestPoller } from "./pr-poller.ts";
import type { SessionsPort } from "./ports.ts";
import { connectedIntegrationKit, sessionWithCommit, type IntegrationKit } from "./integration-test-kit.ts";

const TEMPLATE = "## What changed\n\n## How it was tested\n";
let k: IntegrationKit;
beforeEach(async () => {
  k = await connectedIntegrationKit({ draftAnswer: "Add the widget module\n\n## What changed\nA widget.\n\n## How it was tested\nUnit tests." });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await k.cleanup();
});

/** Pull request changes published on the bus, in order. */
function published(): PullRequest[] {
  const seen: PullRequest[] = [];
  k.kit.bus.subscribe((m) => (m.kind === "entity" && m.change.kind === "pullRequest" ? void seen.push(m.change.pullRequest) : undefined));
  return seen;
}

describe("pull requests from a session", () => {
  it("drafts from commits, diff and the template; refuses a second PR; creates and publishes", async () => {
    await Bun.write(join(k.repo, ".github", "pull_request_template.md"), TEMPLATE);
    await git(k.repo, ["add", ".github"]);
    await git(k.repo, ["commit", "--quiet", "-m", "PR template"]);
    await git(k.repo, ["push", "--quiet", "origin", "main"]);
    const session = await sessionWithCommit(k, { push: false });
    const { pullRequests } = k.integrations;

    const draft = await pullRequests.draft(session.id);
    expect(draft).toEqual({ title: "Add the widget module", body: "## What changed\nA widget.\n\n## How it was tested\nUnit tests.", base: "main" });
    const prompt = k.prompts.at(-1) ?? "";
    expect(prompt).toContain("[chatml:pr]");
    expect(prompt).toContain(TEMPLATE.trim());
    expect(prompt).toContain("Add the widget module");
    expect(prompt).toContain("+export const widget = 1;");

    await git(session.cwd, ["push", "--quiet", "origin", session.branch as string]);
    const seen = published();
    const pr = await pullRequests.create(session.id, { ...draft, isDraft: true, reviewers: ["mona"], labels: ["enhancement"] });
    expect(pr).toMatchObject({ number: 1, state: "draft", title: "Add the widget module", headRef: session.branch, baseRef: "main", reviewDecision: "review_required", checkSummary: "none" });
    expect(k.ghRepo.pulls[0]?.body).toContain("## How it was tested");
    expect(seen.at(-1)?.number).toBe(1);
    await expect(pullRequests.create(session.id, draft)).rejects.toMatchObject({ code: "conflict", message: /already exists.*#1/ });

    expect((await pullRequests.update(session.id, { body: "Edited." })).body).toBe("Edited.");
    expect((await pullRequests.markReady(session.id)).state).toBe("open");
  });

  it("starts the form from a single commit's subject and body, as GitHub does, and from the session's name once there are more", async () => {
    const { session } = await k.kit.sessions.create({ workspaceId: k.workspace.id, name: "one-commit" });
    await k.kit.sessions.whenReady(session.id);
    const { cwd } = k.kit.sessions.get(session.id);
    await Bun.write(join(cwd, "gadget.ts"), "export const gadget = 1;\n");
    await git(cwd, ["add", "gadget.ts"]);
    await git(cwd, ["commit", "--quiet", "-m", "Add the gadget", "-m", "It counts to one.\n\nTested by hand."]);
    const { pullRequests } = k.integrations;

    expect(await pullRequests.defaults(session.id)).toEqual({ title: "Add the gadget", body: "It counts to one.\n\nTested by hand.", base: "main" });

    await Bun.write(join(cwd, "gadget.ts"), "export const gadget = 2;\n");
    await git(cwd, ["commit", "--quiet", "-am", "Count to two"]);
    expect(await pullRequests.defaults(session.id)).toEqual({ title: "one-commit", body: "", base: "main" });
  });

  it("refuses a pull request of a branch with no commits beyond its base before pushing, naming the work left uncommitted", async () => {
    const { session } = await k.kit.sessions.create({ workspaceId: k.workspace.id, name: "nothing-yet" });
    await k.kit.sessions.whenReady(session.id);
    await Bun.write(join(session.cwd, "hello.txt"), "hello\n");

    await expect(k.integrations.pullRequests.create(session.id, { title: "Hello", body: "", isPushFirst: true })).rejects.toMatchObject({
      code: "conflict",
      message: `The branch "nothing-yet" has no commits beyond main, so there is nothing for a pull request. Its change (hello.txt) is not committed: commit it in the session's Git view, then create the pull request.`,
      details: { reason: "no_commits" },
    });
    expect(k.ghRepo.pulls).toEqual([]);
    await expect(git(k.bare, ["rev-parse", "--verify", "refs/heads/nothing-yet"])).rejects.toThrow();
  });

  it("says so when GitHub finds no commits (its base took the branch's commits since this worktree last fetched), opening nothing", async () => {
    const session = await sessionWithCommit(k, { push: true });
    // Merged on github.com meanwhile: GitHub's main now holds the commit; the worktree's origin/main does not know.
    await git(k.bare, ["update-ref", "refs/heads/main", `refs/heads/${session.branch}`]);

    await expect(k.integrations.pullRequests.create(session.id, { title: "Widget", body: "", isPushFirst: false })).rejects.toMatchObject({
      code: "conflict",
      message: `GitHub refused the pull request: No commits between main and ${session.branch}. Its main already holds every commit of "${session.branch}" (merged or pushed there since this session last fetched), so there is nothing to review.`,
      details: { reason: "no_commits" },
    });
    expect(k.ghRepo.pulls).toEqual([]);
  });

  it("pushes and creates in one action; a second PR for the branch pushes nothing", async () => {
    const session = await sessionWithCommit(k, { push: false });
    const local = (await git(session.cwd, ["rev-parse", "HEAD"])).trim();
    const operations: string[] = [];
    k.kit.bus.subscribe((m) => (m.kind === "entity" && m.change.kind === "git.operation" ? void operations.push(`${m.change.operation.kind}:${m.change.operation.status}`) : undefined));

    const pr = await k.integrations.pullRequests.create(session.id, { title: "Widget", body: "", isPushFirst: true });
    expect(pr).toMatchObject({ number: 1, state: "open", headRef: session.branch, headSha: local });
    expect((await git(k.bare, ["rev-parse", `refs/heads/${session.branch}`])).trim()).toBe(local);
    expect(operations).toContain("push:done");

    await Bun.write(join(session.cwd, "more.ts"), "export const more = 2;\n");
    await git(session.cwd, ["add", "more.ts"]);
    await git(session.cwd, ["commit", "--quiet", "-m", "More"]);
    await expect(k.integrations.pullRequests.create(session.id, { title: "Again", body: "", isPushFirst: true })).rejects.toMatchObject({ code: "conflict", message: /already exists/ });
    expect((await git(k.bare, ["rev-parse", `refs/heads/${session.branch}`])).trim()).toBe(local);
  });

  it("one Create pushes a branch GitHub lacks (it was refused, asking for a second tap to push), or lacks commits of, then opens the PR", async () => {
    const session = await sessionWithCommit(k, { push: false });
    const local = (await git(session.cwd, ["rev-parse", "HEAD"])).trim();
    const pr = await k.integrations.pullRequests.create(session.id, { title: "Widget", body: "" });
    expect(pr).toMatchObject({ number: 1, state: "open", headSha: local });
    expect((await git(k.bare, ["rev-parse", `refs/heads/${session.branch}`])).trim()).toBe(local);

    const other = await sessionWithCommit(k, { push: true, name: "pushed-then-more" });
    await Bun.write(join(other.cwd, "more.ts"), "export const more = 2;\n");
    await git(other.cwd, ["add", "more.ts"]);
    await git(other.cwd, ["commit", "--quiet", "-m", "More"]);
    const newer = (await git(other.cwd, ["rev-parse", "HEAD"])).trim();
    expect(await k.integrations.pullRequests.create(other.id, { title: "More", body: "" })).toMatchObject({ headSha: newer });
  });

  /** Another clone pushes `branch` with a commit of its own: from `from` (main: other work; the branch: on top of it). */
  async function pushFromElsewhere(branch: string, from: "main" | "branch") {
    const elsewhere = mkdtempSync(join(tmpdir(), "chatml-elsewhere-"));
    await git(elsewhere, ["clone", "--quiet", k.bare, "."]);
    await git(elsewhere, ["checkout", "--quiet", "-b", branch, from === "main" ? "origin/main" : `origin/${branch}`]);
    await Bun.write(join(elsewhere, "theirs.ts"), "export const theirs = 1;\n");
    await git(elsewhere, ["add", "theirs.ts"]);
    await git(elsewhere, ["-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "Theirs"]);
    await git(elsewhere, ["push", "--quiet", "origin", branch]);
    const sha = (await git(elsewhere, ["rev-parse", "HEAD"])).trim();
    rmSync(elsewhere, { recursive: true, force: true });
    return sha;
  }

  it("Create on a branch GitHub's copy went another way from says so before pushing, fetched here or not (git's refusal, or its raw hint), and loses nothing", async () => {
    for (const isFetched of [false, true]) {
      const session = await sessionWithCommit(k, { push: false, name: isFetched ? "diverged-fetched" : "diverged" });
      const branch = session.branch as string;
      const local = (await git(session.cwd, ["rev-parse", "HEAD"])).trim();
      const theirs = await pushFromElsewhere(branch, "main");
      if (isFetched) await git(session.cwd, ["fetch", "--quiet", "origin", `+refs/heads/${branch}:refs/remotes/origin/${branch}`]);
      await expect(k.integrations.pullRequests.create(session.id, { title: "Widget", body: "", isPushFirst: isFetched })).rejects.toMatchObject({
        code: "conflict",
        message: `GitHub's copy of "${branch}" has 1 commit this session does not have (pushed from elsewhere), and this session has 1 it does not: they went different ways, so nothing was pushed and no pull request was opened (your commits and this form are kept). Pull the branch to merge GitHub's commits in, then create the pull request again; a force push would throw theirs away.`,
        details: { reason: "branch_diverged", branch, theirs: 1, ours: 1 },
      });
      expect(k.ghRepo.pulls).toEqual([]);
      expect((await git(session.cwd, ["rev-parse", "HEAD"])).trim()).toBe(local);
      expect((await git(k.bare, ["rev-parse", `refs/heads/${branch}`])).trim()).toBe(theirs);
    }
  });

  it("Create on a branch GitHub's copy moved on past (not fetched here yet) opens the PR as GitHub has it: it was pushed over, refused, and told to pull", async () => {
    const session = await sessionWithCommit(k, { push: true, name: "moved-on" });
    const theirs = await pushFromElsewhere(session.branch as string, "branch");
    const pr = await k.integrations.pullRequests.create(session.id, { title: "Widget", body: "" });
    expect(pr).toMatchObject({ number: 1, state: "open", headSha: theirs });
    expect((await git(k.bare, ["rev-parse", `refs/heads/${session.branch}`])).trim()).toBe(theirs);
  });

  it("changes a session's base branch: checks it, moves the open PR onto it on GitHub, and compares against it (there was no way)", async () => {
    await git(k.repo, ["checkout", "--quiet", "-b", "release"]);
    await Bun.write(join(k.repo, "release.txt"), "release\n");
    await git(k.repo, ["add", "release.txt"]);
    await git(k.repo, ["commit", "--quiet", "-m", "Release notes"]);
    await git(k.repo, ["push", "--quiet", "origin", "release"]);
    await git(k.repo, ["checkout", "--quiet", "main"]);
    const session = await sessionWithCommit(k, { push: true });
    const pr = await k.integrations.pullRequests.create(session.id, { title: "Widget", body: "" });
    expect(pr.baseRef).toBe("main");

    const unchanged = { code: "bad_request" };
    await expect(k.integrations.pullRequests.changeBase(session.id, "nope")).rejects.toMatchObject({ ...unchanged, message: 'The branch "nope" does not exist, neither here nor on origin. Its base stays main.' });
    await expect(k.integrations.pullRequests.changeBase(session.id, session.branch as string)).rejects.toMatchObject({ ...unchanged, message: expect.stringContaining("is this session's own branch") });
    await expect(k.integrations.pullRequests.changeBase(session.id, "bad..name")).rejects.toMatchObject(unchanged);
    expect(k.kit.sessions.get(session.id).baseBranch).toBe("main");
    expect(k.ghRepo.pulls[0]?.base.ref).toBe("main");

    // A base only this clone has: GitHub cannot move the PR onto it, so neither the PR nor the session changes.
    await git(k.repo, ["branch", "local-only", "main"]);
    await expect(k.integrations.pullRequests.changeBase(session.id, "local-only")).rejects.toMatchObject({ message: expect.stringMatching(/^GitHub refused to move #1 onto local-only, so nothing changed: /) });
    expect(k.kit.sessions.get(session.id).baseBranch).toBe("main");
    expect(k.ghRepo.pulls[0]?.base.ref).toBe("main");

    const changed = await k.integrations.pullRequests.changeBase(session.id, "release");
    expect(changed.session.baseBranch).toBe("release");
    expect(changed.pullRequest).toMatchObject({ number: pr.number, baseRef: "release" });
    expect(k.ghRepo.pulls[0]?.base.ref).toBe("release");
    expect(k.integrations.pullRequests.get(session.id)?.baseRef).toBe("release");
    // Compared against release now: release's commit is one the branch lacks.
    expect(k.kit.sessions.get(session.id).git).toMatchObject({ ahead: 1, behind: 1 });
  });

  it("with GitHub disconnected, an open PR's base change says both ways on and changes nothing; 'here only' changes the session and leaves the PR (it was refused, no way on)", async () => {
    await git(k.repo, ["checkout", "--quiet", "-b", "release"]);
    await git(k.repo, ["push", "--quiet", "origin", "release"]);
    await git(k.repo, ["checkout", "--quiet", "main"]);
    const session = await sessionWithCommit(k, { push: true });
    const pr = await k.integrations.pullRequests.create(session.id, { title: "Widget", body: "" });
    k.integrations.github.disconnect();
    await expect(k.integrations.pullRequests.changeBase(session.id, "release")).rejects.toMatchObject({
        code: "conflict",
        message: expect.stringContaining(`GitHub is not connected, so pull request #${pr.number} cannot move onto release, and nothing changed. Change the base here only (#${pr.number} keeps merging into main on GitHub`),
        details: { reason: "github_not_connected", number: pr.number, prBase: "main" },
      });
      expect(k.kit.sessions.get(session.id).baseBranch).toBe("main");

      const changed = await k.integrations.pullRequests.changeBase(session.id, "release", { isHereOnly: true });
      expect(changed.session.baseBranch).toBe("release");
      expect(changed.pullRequest).toMatchObject({ number: pr.number, baseRef: "main" });
      expect(k.ghRepo.pulls[0]?.base.ref).toBe("main");
      expect(k.kit.sessions.get(session.id).baseBranch).toBe("release");
  });

  it("check runs arrive live through polling, a failing one notifies; an unchanged poll costs no rate limit", async () => {
    const session = await sessionWithCommit(k, { push: true });
    const pr = await k.integrations.pullRequests.create(session.id, { title: "Widget", body: "" });
    const job = k.ghRepo.addJob({ sha: pr.headSha, name: "test", status: "in_progress", conclusion: null });
    const seen = published();
    const { poller } = k.integrations;
    poller.wake(session.id);
    expect(await poller.tick()).toBe(1);
    expect(seen.at(-1)).toMatchObject({ checkSummary: "pending", checks: [{ name: "test", status: "in_progress", jobId: job.id }] });

    k.ghRepo.setCheck(Number(job.id), "completed", "failure");
    poller.wake(session.id);
    await poller.tick();
    expect(seen.at(-1)).toMatchObject({ checkSummary: "failing", checks: [{ conclusion: "failure" }] });
    expect(k.notified.at(-1)).toMatchObject({ title: "Checks failed on #1", url: `/#/s/${session.id}` });

    // Nothing changed on GitHub: every request of the next poll is answered 304, which costs no rate limit.
    const before = { requests: k.fake.requests.length, remaining: k.fake.rateLimit.remaining, published: seen.length };
    poller.wake(session.id);
    await poller.tick();
    const pollRequests = k.fake.requests.slice(before.requests);
    expect(pollRequests.length).toBeGreaterThan(3);
    expect(pollRequests.map((r) => r.status)).toEqual(pollRequests.map(() => 304));
    expect(k.fake.rateLimit.remaining).toBe(before.remaining);
    expect(seen.length).toBe(before.published);
  });

  it("reviews and comments arrive through polling: each review with its words, comments on lines and on the conversation, oldest first", async () => {
    const session = await sessionWithCommit(k, { push: true });
    const pr = await k.integrations.pullRequests.create(session.id, { title: "Widget", body: "" });
    expect(pr).toMatchObject({ reviews: [], comments: [], reviewDecision: null });
    k.ghRepo.addComment(pr.number, { login: "mona", body: "Why a constant?", path: "widget.ts", line: 1 });
    // A review made only of line comments has no words of its own: its comments stand for it.
    k.ghRepo.addReview(pr.number, { login: "mona", state: "COMMENTED" });
    k.ghRepo.addReview(pr.number, { login: "mona", state: "CHANGES_REQUESTED", body: "Please make it a function." });
    k.ghRepo.addComment(pr.number, { login: "hubot", body: "Preview deployed." });
    const seen = published();
    const { poller } = k.integrations;
    poller.wake(session.id);
    await poller.tick();
    expect(seen.at(-1)).toMatchObject({
      reviewDecision: "changes_requested",
      reviews: [{ author: "mona", state: "changes_requested", body: "Please make it a function." }],
      comments: [
        { author: "mona", body: "Why a constant?", path: "widget.ts", line: 1 },
        { author: "hubot", body: "Preview deployed.", path: null, line: null },
      ],
    });
    expect(seen.at(-1)?.comments[1]?.url).toMatch(/\/pull\/1#issuecomment-\d+$/);

    k.ghRepo.addReview(pr.number, { login: "mona", state: "APPROVED", body: "Thanks!" });
    poller.wake(session.id);
    await poller.tick();
    expect(seen.at(-1)).toMatchObject({ reviewDecision: "approved", reviews: [{ state: "changes_requested" }, { state: "approved", body: "Thanks!" }] });
  });

  it("merges with an allowed method; protection refuses with GitHub's reason; archive on merge archives the session", async () => {
    const session = await sessionWithCommit(k, { push: true });
    await k.integrations.pullRequests.create(session.id, { title: "Widget", body: "" });
    const { pullRequests } = k.integrations;
    await expect(pullRequests.merge(session.id, { method: "rebase" })).rejects.toMatchObject({ code: "bad_request", message: /does not allow rebase/ });
    k.ghRepo.mergeBlockedBy = "Required status check \"test\" is failing.";
    await expect(pullRequests.merge(session.id, { method: "squash" })).rejects.toMatchObject({ code: "conflict", message: /Required status check "test" is failing/ });
    expect(pullRequests.get(session.id)?.state).toBe("open");
    k.ghRepo.mergeBlockedBy = null;
    expect((await pullRequests.merge(session.id, { method: "squash" })).state).toBe("merged");
    expect(k.notified.at(-1)?.title).toBe("#1 merged");
    expect(k.kit.sessions.get(session.id).archivedAt).toBeNull();

    const other = await sessionWithCommit(k, { push: true, name: "second" });
    await pullRequests.create(other.id, { title: "Second", body: "" });
    k.integrations.workspaceSettings.set(k.workspace.id, { archiveOnMerge: true });
    k.ghRepo.markMerged(2);
    k.integrations.poller.wake(other.id);
    await k.integrations.poller.tick();
    expect(pullRequests.get(other.id)?.state).toBe("merged");
    expect(k.kit.sessions.get(other.id).archivedAt).not.toBeNull();
    expect(pullRequests.listOpen()).toEqual([]);
  });

  it("a new session on a branch name a deleted session used is not given that session's merged PR (it was, and archive on merge archived it)", async () => {
    const old = await sessionWithCommit(k, { push: true, name: "aquila" });
    await k.integrations.pullRequests.create(old.id, { title: "Widget", body: "" });
    await k.integrations.pullRequests.merge(old.id, { method: "merge" });
    await k.kit.lifecycle.delete(old.id, { force: true, deleteBranch: true });
    k.integrations.workspaceSettings.set(k.workspace.id, { archiveOnMerge: true });
    const notified = k.notified.length;

    const { session } = await k.kit.sessions.create({ workspaceId: k.workspace.id, name: "aquila" });
    await k.kit.sessions.whenReady(session.id);
    expect(k.kit.sessions.get(session.id).branch).toBe("aquila");
    await k.integrations.poller.tick();
    expect(k.integrations.pullRequests.get(session.id)).toBeNull();
    expect(k.kit.sessions.get(session.id).archivedAt).toBeNull();
    expect(k.notified.length).toBe(notified);
  });

  it("finds a PR opened elsewhere for the session's branch, and closes it", async () => {
    const session = await sessionWithCommit(k, { push: true });
    await k.ghRepo.openPull({ head: session.branch as string, base: "main", title: "Opened on github.com", body: "", draft: false });
    await k.integrations.poller.tick();
    expect(k.integrations.pullRequests.get(session.id)).toMatchObject({ number: 1, title: "Opened on github.com" });
    expect((await k.integrations.pullRequests.close(session.id)).state).toBe("closed");
  });

  it("after its PR was closed, takes up a new PR of the branch opened on github.com (it stayed on the closed one, polled no more)", async () => {
    const session = await sessionWithCommit(k, { push: true });
    await k.integrations.pullRequests.create(session.id, { title: "Widget", body: "" });
    expect((await k.integrations.pullRequests.close(session.id)).state).toBe("closed");
    await k.integrations.poller.tick();

    await k.ghRepo.openPull({ head: session.branch as string, base: "main", title: "Widget, second try", body: "", draft: false });
    k.integrations.poller.wake(session.id);
    await k.integrations.poller.tick();
    expect(k.integrations.pullRequests.get(session.id)).toMatchObject({ number: 2, state: "open", title: "Widget, second try" });
  });

  it("keeps polling a session whose PR was closed, as one without a PR; a merged PR is not polled again", async () => {
    const closed = await sessionWithCommit(k, { push: true, name: "closed" });
    const merged = await sessionWithCommit(k, { push: true, name: "merged" });
    await k.integrations.pullRequests.create(closed.id, { title: "Widget", body: "" });
    await k.integrations.pullRequests.create(merged.id, { title: "Widget too", body: "" });
    await k.integrations.pullRequests.close(closed.id);
    await k.integrations.pullRequests.merge(merged.id, { method: "merge" });
    let clock = 0;
    const intervals = { withoutPr: 1000, withOpenPr: 5000 };
    const sessions = { listActive: () => k.kit.sessions.list() } as unknown as SessionsPort;
    const poller = new PullRequestPoller({ connection: k.integrations.github, pullRequests: k.integrations.pullRequests, sessions, now: () => clock, intervals });
    expect(await poller.tick()).toBe(2);

    await k.ghRepo.openPull({ head: closed.branch as string, base: "main", title: "Widget, second try", body: "", draft: false });
    clock += intervals.withoutPr;
    expect(await poller.tick()).toBe(1);
    expect(k.integrations.pullRequests.get(closed.id)).toMatchObject({ number: 3, state: "open" });
  });

  it("checks again soon after GitHub failed once, later after each failure in a row, and at the usual pace once it answers", async () => {
    const session = await sessionWithCommit(k, { push: true });
    await k.integrations.pullRequests.create(session.id, { title: "Widget", body: "" });
    let clock = 0;
    const intervals = { withoutPr: 1000, withOpenPr: 5000 };
    const sessions = { listActive: () => k.kit.sessions.list() } as unknown as SessionsPort;
    const poller = new PullRequestPoller({ connection: k.integrations.github, pullRequests: k.integrations.pullRequests, sessions, now: () => clock, intervals });
    vi.spyOn(console, "warn").mockImplementation(() => {});
    /** Moves the clock by `ms` and answers whether the session was checked. */
    const checkedAfter = async (ms: number) => ((clock += ms), (await poller.tick()) === 1);

    k.fake.outage = 503;
    expect(await poller.tick()).toBe(1);
    expect([await checkedAfter(999), await checkedAfter(1)]).toEqual([false, true]);
    expect([await checkedAfter(1999), await checkedAfter(1)]).toEqual([false, true]);
    expect([await checkedAfter(3999), await checkedAfter(1)]).toEqual([false, true]);
    for (let i = 0; i < 3; i++) await checkedAfter(25_000);
    // At most five open-PR intervals apart, however long it lasts.
    expect([await checkedAfter(24_999), await checkedAfter(1)]).toEqual([false, true]);

    k.fake.outage = null;
    k.ghRepo.addReview(1, { login: "mona", state: "APPROVED", body: "Nice." });
    expect(await checkedAfter(25_000)).toBe(true);
    expect(k.integrations.pullRequests.get(session.id)?.reviews).toEqual([expect.objectContaining({ author: "mona", state: "approved" })]);
    expect([await checkedAfter(4999), await checkedAfter(1)]).toEqual([false, true]);
    k.fake.outage = 503;
    expect(await checkedAfter(5000)).toBe(true);
    // A failure after an answer starts again from the shortest wait.
    expect([await checkedAfter(999), await checkedAfter(1)]).toEqual([false, true]);
  });

  it("says what GitHub says of mergeability — unknown after opening or a push, then blocked, unstable, behind, dirty — and reads again soon while unknown", async () => {
    const session = await sessionWithCommit(k, { push: true });
    const created = await k.integrations.pullRequests.create(session.id, { title: "Widget", body: "" });
    expect(created).toMatchObject({ isMergeable: null, mergeableState: "unknown" });
    let clock = 0;
    const intervals = { withoutPr: 1000, withOpenPr: 60_000 };
    const sessions = { listActive: () => k.kit.sessions.list() } as unknown as SessionsPort;
    const poller = new PullRequestPoller({ connection: k.integrations.github, pullRequests: k.integrations.pullRequests, sessions, now: () => clock, intervals });
    const checkedAfter = async (ms: number) => ((clock += ms), (await poller.tick()) === 1);
    const mergeability = () => {
      const pr = k.integrations.pullRequests.get(session.id);
      return [pr?.isMergeable, pr?.mergeableState];
    };
    // GitHub is still working it out on the first read: read again in seconds, not at the open-PR pace.
    expect(await poller.tick()).toBe(1);
    expect(mergeability()).toEqual([null, "unknown"]);
    expect([await checkedAfter(9_999), await checkedAfter(1)]).toEqual([false, true]);
    expect(mergeability()).toEqual([true, "clean"]);
    expect([await checkedAfter(59_999), await checkedAfter(1)]).toEqual([false, true]);

    const refreshed = async () => (await k.integrations.pullRequests.refresh(session.id), mergeability());
    k.ghRepo.protection = { requiredChecks: ["test"], requiredApprovals: 1, isStrict: false };
    const test = k.ghRepo.addJob({ sha: created.headSha, name: "test", status: "completed", conclusion: "failure" });
    expect(await refreshed()).toEqual([true, "blocked"]);
    await expect(k.integrations.pullRequests.merge(session.id, { method: "merge" })).rejects.toMatchObject({ message: /Required status check "test" is failing/ });
    k.ghRepo.setCheck(Number(test.id), "completed", "success");
    expect(await refreshed()).toEqual([true, "blocked"]);
    k.ghRepo.addReview(created.number, { login: "mona", state: "APPROVED" });
    k.ghRepo.addJob({ sha: created.headSha, name: "lint", status: "completed", conclusion: "failure" });
    expect(await refreshed()).toEqual([true, "unstable"]);

    // main moves on: unknown again, then behind under strict protection; a conflicting change on main makes it dirty.
    k.ghRepo.protection = { requiredChecks: ["test"], requiredApprovals: 0, isStrict: true };
    await commitOnMain("README.md", "# widgets\n");
    expect(await refreshed()).toEqual([null, "unknown"]);
    expect(await refreshed()).toEqual([true, "behind"]);
    await commitOnMain("widget.ts", "export const widget = 2;\n");
    expect(await refreshed()).toEqual([null, "unknown"]);
    expect(await refreshed()).toEqual([false, "dirty"]);
    await expect(k.integrations.pullRequests.merge(session.id, { method: "merge" })).rejects.toMatchObject({ message: /conflicts with main/ });
  });

  it("sends the reviewers' words and comments to Claude, oldest first, and asks the reviewers to review again", async () => {
    const session = await sessionWithCommit(k, { push: true });
    const pr = await k.integrations.pullRequests.create(session.id, { title: "Widget", body: "" });
    const { feedback } = k.integrations;
    await expect(feedback.sendToClaude(session.id)).rejects.toMatchObject({ code: "conflict", message: "#1 has no review comments to send yet." });
    await expect(feedback.requestReviewAgain(session.id)).rejects.toMatchObject({ code: "conflict", message: /Nobody has reviewed #1 yet/ });
    k.ghRepo.addReview(pr.number, { login: "mona", state: "CHANGES_REQUESTED", body: "Please make it a function.\nAnd name it." });
    k.ghRepo.addComment(pr.number, { login: "mona", body: "Why a constant?", path: "widget.ts", line: 1 });
    k.ghRepo.addComment(pr.number, { login: "hubot", body: "Preview deployed." });

    const { text, conversationId } = await feedback.sendToClaude(session.id);
    expect(conversationId).toBe(k.kit.t.repos.conversations.list(session.id)[0]?.id);
    expect(text).toBe(
      [
        `Reviewers left feedback on pull request #1 (${pr.url}):`,
        "",
        "- mona requested changes: Please make it a function.\n  And name it.",
        "- mona on widget.ts:1: Why a constant?",
        "- hubot: Preview deployed.",
        "",
        "Address each point, then commit the changes.",
      ].join("\n"),
    );
    expect(k.kit.sent.at(-1)).toEqual({ id: k.kit.t.repos.conversations.list(session.id)[0]?.id, text });

    const again = await feedback.requestReviewAgain(session.id);
    expect(k.ghRepo.pulls[0]?.requested_reviewers?.map((r) => r.login)).toEqual(["mona"]);
    expect(again.number).toBe(1);
  });
});

/** Commits a file on the workspace's main and pushes it (someone else's change landing on the base). */
async function commitOnMain(path: string, text: string): Promise<void> {
  await Bun.write(join(k.repo, path), text);
  await git(k.repo, ["add", path]);
  await git(k.repo, ["commit", "--quiet", "-m", `Change ${path}`]);
  await git(k.repo, ["push", "--quiet", "origin", "main"]);
}
