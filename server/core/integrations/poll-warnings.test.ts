import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { git } from "../../git/index.ts";
import { PullRequestPoller } from "./pr-poller.ts";
import type { SessionsPort } from "./ports.ts";
import { GOOD_TOKEN, makeIntegrationKit, sessionWithCommit, type IntegrationKit } from "./integration-test-kit.ts";

let k: IntegrationKit;
beforeEach(async () => {
  k = await makeIntegrationKit({});
  await k.integrations.github.connect({ token: GOOD_TOKEN, baseUrl: k.fake.url });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await k.cleanup();
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
