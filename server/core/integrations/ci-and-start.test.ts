import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { git } from "../../git/index.ts";
import { commitFile } from "../../git/test-support.ts";
import { connectedIntegrationKit, sessionWithCommit, type IntegrationKit } from "./integration-test-kit.ts";

const RED = "\u001b[31m";
const LOG = [
  "2026-01-01T10:00:00.0000000Z ##[group]Set up job",
  "2026-01-01T10:00:01.0000000Z setup-noise",
  "2026-01-01T10:00:02.0000000Z ##[group]Run bun test",
  `2026-01-01T10:00:03.0000000Z ${RED}FAIL\u001b[0m widget.test.ts > adds`,
  "2026-01-01T10:00:04.0000000Z expected 2, got 3",
  "2026-01-01T10:00:05.0000000Z ##[error]Process completed with exit code 1.",
].join("\n");

let k: IntegrationKit;
beforeEach(async () => {
  k = await connectedIntegrationKit();
});
afterEach(async () => {
  await k.cleanup();
});

describe("CI of a session's PR", () => {
  it("pages a job's log with colours kept, sends the failing step's tail to Claude, and re-runs failed jobs", async () => {
    const session = await sessionWithCommit(k, { push: true });
    const pr = await k.integrations.pullRequests.create(session.id, { title: "Widget", body: "" });
    const job = k.ghRepo.addJob({ sha: pr.headSha, name: "test", status: "completed", conclusion: "failure", log: LOG, failedStep: "Run bun test" });
    await k.integrations.pullRequests.refresh(session.id);
    const { ci } = k.integrations;
    const jobId = Number(job.id);

    const last = await ci.jobLog(session.id, jobId, undefined, 4);
    expect(last).toMatchObject({ fromLine: 2, totalLines: 6, failedStep: "Run bun test" });
    expect(last.lines[1]).toContain(`${RED}FAIL`);
    expect((await ci.jobLog(session.id, jobId, 0, 2)).lines).toEqual(LOG.split("\n").slice(0, 2));

    const { text, conversationId } = await ci.sendFailureToClaude(session.id, jobId);
    // The answer names the conversation it went to: the card links there.
    expect(k.kit.sent.at(-1)).toEqual({ id: conversationId, text });
    expect(conversationId).toBe(k.kit.t.repos.conversations.list(session.id)[0]?.id);
    expect(text).toContain('CI check "test" failed on pull request #1 in step "Run bun test"');
    expect(text).toContain("FAIL widget.test.ts > adds\nexpected 2, got 3");
    expect(text).not.toContain("setup-noise");
    expect(text).not.toContain(RED);

    await ci.rerunFailed(session.id, jobId);
    expect(k.ghRepo.rerunRequests).toEqual([Number(job.run_id)]);
    await expect(ci.jobLog(session.id, 424242)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("sessions started from GitHub", () => {
  it("starts from a PR of a fork: fetches pull/N/head into its own branch and links the PR", async () => {
    const fork = mkdtempSync(join(tmpdir(), "chatml-fork-"));
    try {
      await git(fork, ["clone", "--quiet", "--bare", k.bare, "."]);
      const work = mkdtempSync(join(tmpdir(), "chatml-fork-work-"));
      await git(work, ["clone", "--quiet", fork, "."]);
      await git(work, ["config", "user.email", "f@example.com"]);
      await git(work, ["config", "user.name", "Forker"]);
      await git(work, ["checkout", "--quiet", "-b", "fix-typo"]);
      await commitFile(work, "typo.txt", "fixed\n");
      await git(work, ["push", "--quiet", "origin", "fix-typo"]);
      const forkSha = (await git(work, ["rev-parse", "HEAD"])).trim();
      rmSync(work, { recursive: true, force: true });
      const pull = await k.ghRepo.openForkPull({ forkPath: fork, forkName: "someone/widgets", head: "fix-typo", base: "main", title: "Fix a typo" });

      const { session } = await k.integrations.startFromGithub.start({ from: "pullRequest", workspaceId: k.workspace.id, pullRequest: `${k.fake.url}/acme/widgets/pull/${pull.number}` });
      await k.kit.sessions.whenReady(session.id);
      const ready = k.kit.sessions.get(session.id);
      expect(ready).toMatchObject({ kind: "branch", branch: `pr-${pull.number}-fix-typo`, baseBranch: "main" });
      expect((await git(ready.cwd, ["rev-parse", "HEAD"])).trim()).toBe(forkSha);
      expect(k.integrations.pullRequests.get(session.id)).toMatchObject({ number: pull.number, title: "Fix a typo", state: "open" });
      await expect(k.integrations.startFromGithub.start({ from: "pullRequest", workspaceId: k.workspace.id, pullRequest: "https://github.com/other/repo/pull/1" })).rejects.toThrow(/belongs to other\/repo/);
    } finally {
      rmSync(fork, { recursive: true, force: true });
    }
  });

  it("starts from a branch that exists only on origin, and from an issue (named branch, issue as first prompt)", async () => {
    const other = mkdtempSync(join(tmpdir(), "chatml-other-"));
    try {
      await git(other, ["clone", "--quiet", k.bare, "."]);
      await git(other, ["config", "user.email", "o@example.com"]);
      await git(other, ["config", "user.name", "Other"]);
      await git(other, ["checkout", "--quiet", "-b", "feature/remote-only"]);
      await commitFile(other, "remote.txt", "r\n");
      await git(other, ["push", "--quiet", "origin", "feature/remote-only"]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    const { session } = await k.integrations.startFromGithub.start({ from: "branch", workspaceId: k.workspace.id, branch: "origin/feature/remote-only" });
    await k.kit.sessions.whenReady(session.id);
    expect(k.kit.sessions.get(session.id)).toMatchObject({ kind: "branch", branch: "feature/remote-only", setup: { status: "ready" } });
    await expect(k.integrations.startFromGithub.start({ from: "branch", workspaceId: k.workspace.id, branch: "never-pushed" })).rejects.toThrow(/Fetching refs\/heads\/never-pushed from origin failed/);

    k.ghRepo.issues.push({ id: 9, number: 7, title: "Login button is broken!", body: "It does nothing on Safari.", html_url: `${k.fake.url}/acme/widgets/issues/7`, state: "open" });
    const found = await k.integrations.searchIssues(k.workspace.id, "login");
    expect(found.map((i) => i.number)).toEqual([7]);
    const started = await k.integrations.startFromGithub.start({ from: "issue", workspaceId: k.workspace.id, issue: 7 });
    expect(started.session.branch).toBe("issue-7-login-button-is-broken");
    await k.kit.sessions.whenReady(started.session.id);
    await expect.poll(() => k.kit.sent.at(-1)?.text).toContain("Work on GitHub issue #7: Login button is broken!");
    expect(k.kit.sent.at(-1)?.text).toContain("It does nothing on Safari.");
    // Started again (another device, or a second tap later): the session that has it is named, to be opened.
    await expect(k.integrations.startFromGithub.start({ from: "issue", workspaceId: k.workspace.id, issue: 7 })).rejects.toMatchObject({
      code: "conflict",
      message: `Issue #7 has a session already: "${started.session.name}" works on issue-7-login-button-is-broken.`,
      details: { sessionId: started.session.id },
    });
  });
});
