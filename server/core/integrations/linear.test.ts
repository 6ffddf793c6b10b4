import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeLinear, type FakeLinear } from "../../../e2e/fake-linear/server.ts";
import type { LinearIssue } from "../../../shared/protocol/integrations.ts";
import { git } from "../../git/index.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { GOOD_TOKEN, makeIntegrationKit, sessionWithCommit, type IntegrationKit } from "./integration-test-kit.ts";
import { SECRETS_FILE } from "./secret-store.ts";

const KEY = "lin_api_0123456789abcdefghij";
let linear: FakeLinear;
let k: IntegrationKit;
beforeEach(async () => {
  linear = startFakeLinear();
  linear.apiKeys.add(KEY);
  k = await makeIntegrationKit({ linearApiUrl: linear.url });
});
afterEach(async () => {
  await k.cleanup();
  await linear.stop();
});

/** Linear link changes published on the bus, in order. */
function published(): (LinearIssue | null)[] {
  const seen: (LinearIssue | null)[] = [];
  k.kit.bus.subscribe((m) => (m.kind === "entity" && m.change.kind === "linearLink" ? void seen.push(m.change.issue) : undefined));
  return seen;
}

/** An issue moved by auto status and one session per half of it (pushed or not), each linked to the issue. */
async function issueWithHalves<const Halves extends readonly { name: string; push: boolean }[]>(title: string, halves: Halves) {
  const issue = linear.addIssue({ teamKey: "ENG", title });
  await k.integrations.linear.connect(KEY);
  k.integrations.linear.setAutoStatus(true);
  await k.integrations.github.connect({ token: GOOD_TOKEN, baseUrl: k.fake.url });
  const sessions: Awaited<ReturnType<typeof sessionWithCommit>>[] = [];
  for (const half of halves) sessions.push(await sessionWithCommit(k, half));
  for (const session of sessions) await k.integrations.linearSessions.link(session.id, issue.id);
  return { issue, sessions: sessions as { [I in keyof Halves]: (typeof sessions)[number] }, ...k.integrations };
}

describe("Linear", () => {
  it("stores only a key Linear accepts, 0600, and never shows it", async () => {
    const service = k.integrations.linear;
    await expect(service.connect("lin_api_revoked_000000000000")).rejects.toMatchObject({ code: "forbidden", message: /rejected the API key/ });
    expect(service.status()).toMatchObject({ isConnected: false });
    const connection = await service.connect(KEY);
    expect(connection).toEqual({ isConnected: true, name: "Ada Lovelace", email: "ada@example.com", problem: null, isKeyRejected: false, isAutoStatus: false });
    expect(JSON.stringify(connection)).not.toContain(KEY);
    const file = join(k.kit.dataDir, SECRETS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toContain(KEY);
    linear.apiKeys.clear();
    expect((await service.refresh()).problem).toMatch(/rejected the API key/);
    expect(service.disconnect().isConnected).toBe(false);
    expect(readFileSync(file, "utf8")).not.toContain(KEY);
  });

  it("lists my open issues, a team's, and searches them", async () => {
    const login = linear.addIssue({ teamKey: "ENG", title: "Fix the login redirect" });
    const other = linear.addIssue({ teamKey: "ENG", title: "Someone else's crash", assigneeId: "user-2" });
    const done = linear.addIssue({ teamKey: "ENG", title: "Old login work" });
    done.stateId = "st-done";
    await k.integrations.linear.connect(KEY);
    const service = k.integrations.linear;
    expect((await service.issues({})).issues.map((i) => i.identifier)).toEqual([login.identifier]);
    const [team] = await service.teams();
    expect(team).toEqual({ id: "team-eng", key: "ENG", name: "Engineering" });
    expect((await service.issues({ teamId: team?.id })).issues.map((i) => i.identifier)).toEqual([other.identifier, login.identifier]);
    expect((await service.issues({ teamId: team?.id, search: "CRASH" })).issues.map((i) => i.title)).toEqual(["Someone else's crash"]);
    expect((await service.issues({ search: "login" })).issues).toEqual([
      expect.objectContaining({ identifier: "ENG-1", branchName: "ada/eng-1-fix-the-login-redirect", stateName: "Todo", stateType: "unstarted", teamKey: "ENG" }),
    ]);
  });

  it("lists a page at a time and says when more exist (120 issues showed 50, with no sign of the rest)", async () => {
    for (let n = 1; n <= 120; n++) linear.addIssue({ teamKey: "ENG", title: `Issue number ${n}` });
    await k.integrations.linear.connect(KEY);
    const service = k.integrations.linear;
    const first = await service.issues({});
    expect(first.issues).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();
    const second = await service.issues({ after: first.nextCursor! });
    const third = await service.issues({ after: second.nextCursor! });
    expect([second.issues.length, third.issues.length, third.nextCursor]).toEqual([50, 20, null]);
    expect(new Set([...first.issues, ...second.issues, ...third.issues].map((i) => i.identifier)).size).toBe(120);
  });

  it("starts a session on Linear's branch name with the issue as first prompt, and moves it along with the PR", async () => {
    const issue = linear.addIssue({ teamKey: "ENG", title: "Fix the login redirect", description: "After sign-in we land on /404." });
    await k.integrations.linear.connect(KEY);
    k.integrations.linear.setAutoStatus(true);
    const seen = published();
    const { session } = await k.integrations.linearSessions.start(k.workspace.id, issue.identifier);
    expect(session.branch).toBe("ada/eng-1-fix-the-login-redirect");
    await k.kit.sessions.whenReady(session.id);
    await expect.poll(() => k.kit.sent.at(-1)?.text).toContain("ENG-1: Fix the login redirect\n\nWork on this Linear issue");
    expect(k.kit.sent.at(-1)?.text).toContain("After sign-in we land on /404.");
    await expect.poll(() => linear.stateName(issue.id)).toBe("In Progress");
    await expect.poll(() => k.integrations.linearSessions.get(session.id)?.stateName).toBe("In Progress");
    expect(seen.map((i) => i?.stateName)).toEqual(["Todo", "In Progress"]);

    // The PR opens: In Review. GitHub reports the merge: Done.
    await k.integrations.github.connect({ token: GOOD_TOKEN, baseUrl: k.fake.url });
    const ready = k.kit.sessions.get(session.id);
    await Bun.write(join(ready.cwd, "login.ts"), "export const next = '/';\n");
    await git(ready.cwd, ["add", "login.ts"]);
    await git(ready.cwd, ["commit", "--quiet", "-m", "Fix the redirect"]);
    await git(ready.cwd, ["push", "--quiet", "origin", ready.branch as string]);
    const pr = await k.integrations.pullRequests.create(session.id, { title: "Fix the login redirect", body: "" });
    await expect.poll(() => linear.stateName(issue.id)).toBe("In Review");
    k.ghRepo.markMerged(pr.number);
    await k.integrations.pullRequests.refresh(session.id);
    await expect.poll(() => linear.stateName(issue.id)).toBe("Done");
    await expect.poll(() => k.integrations.linearSessions.get(session.id)?.stateType).toBe("completed");
  });

  it("never starts on a branch name git refuses or that ends in '-' or '.', whatever Linear suggests", async () => {
    // Cut at 30 characters, this title's slug ends in "-", which Linear drops; a team's branch format can make any name.
    const cut = linear.addIssue({ teamKey: "ENG", title: "Fix the login redirect of the session" });
    const odd = linear.addIssue({ teamKey: "ENG", title: "Odd format", branchName: "ada/ENG-2 Fix: the login..redirect." });
    const none = linear.addIssue({ teamKey: "ENG", title: "Nothing usable", branchName: "--/.." });
    expect(cut.branchName).toBe("ada/eng-1-fix-the-login-redirect-of-the");
    await k.integrations.linear.connect(KEY);
    const branches: string[] = [];
    for (const issue of [cut, odd, none]) {
      const { session } = await k.integrations.linearSessions.start(k.workspace.id, issue.id);
      await k.kit.sessions.whenReady(session.id);
      branches.push(session.branch as string);
    }
    expect(branches).toEqual(["ada/eng-1-fix-the-login-redirect-of-the", "ada/ENG-2-Fix-the-login.redirect", "eng-3"]);
    for (const branch of branches) expect(await git(k.repo, ["rev-parse", "--verify", "--quiet", `refs/heads/${branch}`])).toMatch(/^[0-9a-f]{40}/);
  });

  it("Start tapped twice (or on two devices) makes one session; a later start names the session that has the issue", async () => {
    const issue = linear.addIssue({ teamKey: "ENG", title: "Fix the login redirect" });
    await k.integrations.linear.connect(KEY);
    const starts = await Promise.allSettled([k.integrations.linearSessions.start(k.workspace.id, issue.identifier), k.integrations.linearSessions.start(k.workspace.id, issue.identifier)]);
    const sessions = starts.flatMap((s) => (s.status === "fulfilled" ? [s.value.session.id] : []));
    expect(sessions).toHaveLength(2);
    expect(new Set(sessions).size).toBe(1);
    expect(k.kit.t.repos.sessions.list(k.workspace.id).filter((s) => s.branch === issue.branchName)).toHaveLength(1);
    await expect(k.integrations.linearSessions.start(k.workspace.id, issue.identifier)).rejects.toMatchObject({ code: "conflict", message: /^ENG-1 has a session already: / });
  });

  it("offers an issue an active session is linked to as taken by it, and starts no second session on it (it started one)", async () => {
    const issue = linear.addIssue({ teamKey: "ENG", title: "Write the docs" });
    await k.integrations.linear.connect(KEY);
    const { session } = await k.kit.sessions.create({ workspaceId: k.workspace.id, name: "docs" });
    await k.kit.sessions.whenReady(session.id);
    expect(k.integrations.linearSessions.takenBy([issue.id])).toEqual(new Map());
    await k.integrations.linearSessions.link(session.id, issue.id);
    expect(k.integrations.linearSessions.takenBy([issue.id, "issue-none"])).toEqual(new Map([[issue.id, { sessionId: session.id, name: "docs", workspaceId: k.workspace.id, workspaceName: k.workspace.name }]]));
    await expect(k.integrations.linearSessions.start(k.workspace.id, issue.id)).rejects.toMatchObject({ code: "conflict", message: 'ENG-1 has a session already: "docs".', details: { sessionId: session.id } });
    expect(k.kit.sessions.list()).toHaveLength(1);
    // Archived, the session no longer holds the issue.
    await k.kit.lifecycle.archive(session.id);
    expect(k.integrations.linearSessions.takenBy([issue.id])).toEqual(new Map());
  });

  it("says which repository an issue taken in another workspace works in, and how to work on it here too", async () => {
    const issue = linear.addIssue({ teamKey: "ENG", title: "Export the report" });
    await k.integrations.linear.connect(KEY);
    const { session } = await k.kit.sessions.create({ workspaceId: k.workspace.id, name: "export-api" });
    await k.kit.sessions.whenReady(session.id);
    await k.integrations.linearSessions.link(session.id, issue.id);
    const other = await k.kit.workspaces.createWorkspace({ path: await makeTempRepo() });

    expect(k.integrations.linearSessions.takenBy([issue.id]).get(issue.id)).toEqual({ sessionId: session.id, name: "export-api", workspaceId: k.workspace.id, workspaceName: k.workspace.name });
    await expect(k.integrations.linearSessions.start(other.id, issue.id)).rejects.toMatchObject({
      code: "conflict",
      message: `ENG-1 has a session already: "export-api" in ${k.workspace.name}. To work on it in ${other.name} too, create a session here and link it to ENG-1.`,
      details: { sessionId: session.id, sessionName: "export-api" },
    });
    expect(k.kit.sessions.list().map((s) => s.workspaceId)).toEqual([k.workspace.id]);
  });

  it("moves an issue two sessions are linked to (two repositories' halves) to Done only once both PRs are merged", async () => {
    const { issue, sessions: [api, web], pullRequests, linearSessions } = await issueWithHalves("Export the report", [{ name: "export-api", push: true }, { name: "export-web", push: true }]);
    const apiPr = await pullRequests.create(api.id, { title: "Export API", body: "" });
    const webPr = await pullRequests.create(web.id, { title: "Export screen", body: "" });
    await expect.poll(() => linear.stateName(issue.id)).toBe("In Review");

    k.ghRepo.markMerged(apiPr.number);
    await pullRequests.refresh(api.id);
    expect(pullRequests.get(api.id)?.state).toBe("merged");
    await linearSessions.refresh(api.id); // waits for any move the merge set off
    expect(linear.stateName(issue.id)).toBe("In Review");
    // The merged half's panel can say why, with a way to the PR that holds it back (it said nothing).
    expect(linearSessions.holders(api.id)).toEqual([{ sessionId: web.id, name: "export-web", workspaceName: expect.any(String), pullRequest: { number: webPr.number, url: webPr.url, state: "open" } }]);
    expect(linearSessions.holders(web.id)).toEqual([]); // its own PR is not merged: nothing of its own is held back

    k.ghRepo.markMerged(webPr.number);
    await pullRequests.refresh(web.id);
    await expect.poll(() => linear.stateName(issue.id)).toBe("Done");
    await linearSessions.refresh(api.id);
    expect(linearSessions.holders(api.id)).toEqual([]);
  });

  it("keeps an issue from Done while another linked session has no PR yet (the first merge marked it Done)", async () => {
    const { issue, sessions: [api, web], pullRequests, linearSessions } = await issueWithHalves("Export the report", [{ name: "export-api", push: true }, { name: "export-web", push: false }]);
    const apiPr = await pullRequests.create(api.id, { title: "Export API", body: "" });
    await expect.poll(() => linear.stateName(issue.id)).toBe("In Review");

    k.ghRepo.markMerged(apiPr.number);
    await pullRequests.refresh(api.id);
    await linearSessions.refresh(api.id); // waits for any move the merge set off
    expect(linear.stateName(issue.id)).toBe("In Review");
    expect(linearSessions.holders(api.id)).toEqual([expect.objectContaining({ sessionId: web.id, name: "export-web", pullRequest: null })]);

    // The session that held it back is archived (its half dropped): the merge counts now.
    await k.kit.lifecycle.archive(web.id);
    await expect.poll(() => linear.stateName(issue.id)).toBe("Done");
    expect(linearSessions.holders(api.id)).toEqual([]);
  });

  it("moves an issue held back by a session without a PR to Done when that session is unlinked, not before", async () => {
    const halves = [{ name: "import-api", push: true }, { name: "import-web", push: false }, { name: "import-docs", push: false }] as const;
    const { issue, sessions: [api, web, docs], pullRequests, linearSessions } = await issueWithHalves("Import the report", halves);
    const apiPr = await pullRequests.create(api.id, { title: "Import API", body: "" });
    k.ghRepo.markMerged(apiPr.number);
    await pullRequests.refresh(api.id);
    linearSessions.unlink(web.id);
    await linearSessions.refresh(api.id);
    expect(linear.stateName(issue.id)).toBe("In Review"); // docs still holds it
    linearSessions.unlink(docs.id);
    await expect.poll(() => linear.stateName(issue.id)).toBe("Done");
  });

  it("links a session whose PR is open as In Review, and one whose PR is merged as Done (both read In Progress)", async () => {
    const { sessions: [open, merged], pullRequests, linearSessions } = await issueWithHalves("Warm up", [{ name: "review-me", push: true }, { name: "shipped", push: true }]);
    await pullRequests.create(open.id, { title: "Review me", body: "" });
    const mergedPr = await pullRequests.create(merged.id, { title: "Shipped", body: "" });
    k.ghRepo.markMerged(mergedPr.number);
    await pullRequests.refresh(merged.id);
    const inReview = linear.addIssue({ teamKey: "ENG", title: "Linked after its PR opened" });
    expect((await linearSessions.link(open.id, inReview.id)).stateName).toBe("In Review");
    const done = linear.addIssue({ teamKey: "ENG", title: "Linked after its PR was merged" });
    expect((await linearSessions.link(merged.id, done.id)).stateName).toBe("Done");
    expect(linear.stateName(inReview.id)).toBe("In Review");
  });

  it("links an existing session, leaves the issue alone without auto status, polls its state, unlinks", async () => {
    const issue = linear.addIssue({ teamKey: "ENG", title: "Write the docs" });
    await k.integrations.linear.connect(KEY);
    const { session } = await k.kit.sessions.create({ workspaceId: k.workspace.id });
    const linked = await k.integrations.linearSessions.link(session.id, issue.id);
    expect(linked).toMatchObject({ identifier: "ENG-1", stateName: "Todo" });
    expect(linear.stateName(issue.id)).toBe("Todo");
    linear.issues[0]!.stateId = "st-progress";
    expect((await k.integrations.linearSessions.refresh(session.id))?.stateName).toBe("In Progress");
    // Moved in Linear: the poll reads every linked issue in one request and publishes the change.
    const seen = published();
    linear.issues[0]!.stateId = "st-review";
    const requestsBefore = linear.requests.length;
    expect(await k.integrations.linearSessions.pollLinks()).toBe(1);
    expect(linear.requests.length - requestsBefore).toBe(1);
    expect(seen.map((i) => i?.stateName)).toEqual(["In Review"]);
    expect(await k.integrations.linearSessions.pollLinks()).toBe(0);
    k.integrations.linearSessions.unlink(session.id);
    expect(k.integrations.linearSessions.get(session.id)).toBeNull();
    await expect(k.integrations.linearSessions.link(session.id, "ENG-99")).rejects.toMatchObject({ code: "not_found" });
  });

  /** Linear and GitHub connected (auto status off), a pushed session linked to a new Todo issue, and its open PR. */
  async function linkedSessionWithPr() {
    const issue = linear.addIssue({ teamKey: "ENG", title: "Ship the gadget" });
    await k.integrations.linear.connect(KEY);
    await k.integrations.github.connect({ token: GOOD_TOKEN, baseUrl: k.fake.url });
    const session = await sessionWithCommit(k, { name: "gadget", push: true });
    await k.integrations.linearSessions.link(session.id, issue.id);
    const pr = await k.integrations.pullRequests.create(session.id, { title: "Gadget", body: "" });
    return { issue, session, pr };
  }

  it("without auto status leaves the issue alone when the PR merges, and moves it to Done when asked (ADR 0297)", async () => {
    const { issue, session, pr } = await linkedSessionWithPr();
    k.ghRepo.markMerged(pr.number);
    await k.integrations.pullRequests.refresh(session.id);
    expect(linear.stateName(issue.id)).toBe("Todo");
    expect((await k.integrations.linearSessions.markDone(session.id)).stateName).toBe("Done");
    expect(linear.stateName(issue.id)).toBe("Done");
    // Never backwards: asked again, it stays Done.
    expect((await k.integrations.linearSessions.markDone(session.id)).stateName).toBe("Done");
    const { session: unlinked } = await k.kit.sessions.create({ workspaceId: k.workspace.id });
    expect(() => k.integrations.linearSessions.markDone(unlinked.id)).toThrow(/not linked to a Linear issue/);
  });

  it("without auto status moves the issue to In Review when asked while the PR is open, or In Progress for a team without a review state (ADR 0306)", async () => {
    const { issue, session } = await linkedSessionWithPr();
    expect(linear.stateName(issue.id)).toBe("Todo");
    expect((await k.integrations.linearSessions.markInReview(session.id)).stateName).toBe("In Review");
    expect(linear.stateName(issue.id)).toBe("In Review");
    // Never backwards, nor sideways to In Progress: asked again, it stays In Review.
    expect((await k.integrations.linearSessions.markInReview(session.id)).stateName).toBe("In Review");
    linear.issues[0]!.stateId = "st-todo";
    linear.states.splice(linear.states.findIndex((s) => s.id === "st-review"), 1);
    expect((await k.integrations.linearSessions.markInReview(session.id)).stateName).toBe("In Progress");
  });

  it("says clearly when Linear is not connected or cannot be reached, and starts nothing", async () => {
    const issue = linear.addIssue({ teamKey: "ENG", title: "Anything" });
    await expect(k.integrations.linear.issues({})).rejects.toMatchObject({ code: "bad_request", message: /Linear is not connected/ });
    await k.integrations.linear.connect(KEY);
    await linear.stop();
    await expect(k.integrations.linear.issues({})).rejects.toMatchObject({ code: "upstream_unavailable", message: /Linear could not be reached/ });
    await expect(k.integrations.linearSessions.start(k.workspace.id, issue.id)).rejects.toMatchObject({ code: "upstream_unavailable" });
    expect(k.kit.sessions.list()).toEqual([]);
  });

  it("says plainly when Linear is rate limited or down (not a refused key), and works again on the next try", async () => {
    const service = k.integrations.linear;
    await service.connect(KEY);
    linear.addIssue({ teamKey: "ENG", title: "Fix the login redirect" });
    linear.outage = "ratelimited";
    await expect(service.issues({})).rejects.toMatchObject({ code: "rate_limited", message: "Linear's rate limit was reached; try again in a minute." });
    linear.outage = 503;
    const down = service.issues({});
    await expect(down).rejects.toMatchObject({ code: "upstream_unavailable" });
    await expect(down).rejects.toThrow("Linear failed (status 503); it may be down for a moment: try again in a minute.");
    expect(service.status()).toMatchObject({ isConnected: true });

    expect(await service.refresh()).toMatchObject({ isConnected: true, problem: expect.stringMatching(/^Linear failed/), isKeyRejected: false });

    linear.outage = null;
    expect((await service.issues({})).issues.map((i) => i.title)).toEqual(["Fix the login redirect"]);
    expect(await service.refresh()).toMatchObject({ problem: null, isKeyRejected: false });
    linear.apiKeys.clear();
    expect(await service.refresh()).toMatchObject({ problem: expect.stringMatching(/rejected the API key/), isKeyRejected: true });
  });
});
