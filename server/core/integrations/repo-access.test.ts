import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { git } from "../../git/index.ts";
import { PullRequestPoller } from "./pr-poller.ts";
import type { SessionsPort } from "./ports.ts";
import { connectedIntegrationKit, sessionWithCommit, type IntegrationKit } from "./integration-test-kit.ts";

let k: IntegrationKit;
beforeEach(async () => {
  k = await connectedIntegrationKit();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await k.cleanup();
});

describe("a repository the connected token may not see", () => {
  it("says so, naming the repository and what to do, when drafting, creating or reading a pull request", async () => {
    const session = await sessionWithCommit(k, { push: true });
    // GitHub answers 404 for a private repository the token was not given.
    await git(k.repo, ["remote", "set-url", "origin", `${k.fake.url}/acme/secret.git`]);
    const { pullRequests } = k.integrations;
    const told = { code: "not_found", message: /^GitHub shows the connected token no repository acme\/secret\. Give the token access to acme\/secret .*connect another token under Integrations, then try again\.$/, details: { reason: "repo_not_visible", repo: "acme/secret" } };
    k.kit.t.repos.sessions.update(session.id, { baseBranch: null }); // drafting asks GitHub for the default branch
    await expect(pullRequests.draft(session.id)).rejects.toMatchObject(told);
    await expect(pullRequests.create(session.id, { title: "Widget", body: "" })).rejects.toMatchObject(told);
    await expect(pullRequests.refresh(session.id)).rejects.toMatchObject(told);
    expect(pullRequests.get(session.id)).toBeNull();
  });

  it("polling says so on the session's card (it was only logged), and takes it back once the repository can be read", async () => {
    const session = await sessionWithCommit(k, { push: true });
    const seen: (string | null)[] = [];
    k.kit.bus.subscribe((m) => (m.kind === "entity" && m.change.kind === "pullRequestProblem" && m.change.sessionId === session.id ? void seen.push(m.change.problem) : undefined));
    let clock = 0;
    const sessions = { listActive: () => k.kit.sessions.list() } as unknown as SessionsPort;
    const poller = new PullRequestPoller({ connection: k.integrations.github, pullRequests: k.integrations.pullRequests, sessions, now: () => clock, intervals: { withoutPr: 1000, withOpenPr: 5000 }, bus: k.kit.bus });
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await git(k.repo, ["remote", "set-url", "origin", `${k.fake.url}/acme/secret.git`]);

    expect(await poller.tick()).toBe(1);
    expect(poller.problem(session.id)).toMatch(/^GitHub shows the connected token no repository acme\/secret\. Give the token access to acme\/secret /);
    clock += 1000;
    expect(await poller.tick()).toBe(1);
    expect(seen).toEqual([poller.problem(session.id)]); // said once, not on every failed poll

    await git(k.repo, ["remote", "set-url", "origin", `${k.fake.url}/acme/widgets.git`]);
    clock += 60_000;
    expect(await poller.tick()).toBe(1);
    expect(poller.problem(session.id)).toBeNull();
    expect(seen.at(-1)).toBeNull();
  });
});

describe("the pull request poller's log", () => {
  it("says a lasting failure once (it said it on every poll), again when it changes, and once when it clears", async () => {
    const session = await sessionWithCommit(k, { push: true });
    let clock = 0;
    const sessions = { listActive: () => k.kit.sessions.list() } as unknown as SessionsPort;
    const poller = new PullRequestPoller({ connection: k.integrations.github, pullRequests: k.integrations.pullRequests, sessions, now: () => clock, intervals: { withoutPr: 1000, withOpenPr: 5000 }, bus: k.kit.bus });
    const warned: string[] = [];
    const told: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((...parts: unknown[]) => void warned.push(parts.join(" ")));
    vi.spyOn(console, "info").mockImplementation((...parts: unknown[]) => void told.push(parts.join(" ")));
    const pollWhenDue = async () => {
      clock += 60_000;
      expect(await poller.tick()).toBe(1);
    };

    await git(k.repo, ["remote", "set-url", "origin", `${k.fake.url}/acme/secret.git`]);
    for (let poll = 0; poll < 4; poll++) await pollWhenDue();
    expect(warned).toHaveLength(1);
    expect(warned[0]).toContain(`[github] polling ${session.id} failed`);
    expect(warned[0]).toContain("acme/secret");

    await git(k.repo, ["remote", "set-url", "origin", `${k.fake.url}/acme/hidden.git`]);
    for (let poll = 0; poll < 3; poll++) await pollWhenDue();
    expect(warned).toHaveLength(2);
    expect(warned[1]).toContain("acme/hidden");

    await git(k.repo, ["remote", "set-url", "origin", `${k.fake.url}/acme/widgets.git`]);
    for (let poll = 0; poll < 3; poll++) await pollWhenDue();
    expect(warned).toHaveLength(2);
    expect(told).toEqual([`[github] polling ${session.id} works again.`]);

    await git(k.repo, ["remote", "set-url", "origin", `${k.fake.url}/acme/secret.git`]);
    await pollWhenDue();
    expect(warned).toHaveLength(3);
  });
});
