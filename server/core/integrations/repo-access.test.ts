import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { git } from "../../git/index.ts";
import { GOOD_TOKEN, makeIntegrationKit, sessionWithCommit, type IntegrationKit } from "./integration-test-kit.ts";

let k: IntegrationKit;
beforeEach(async () => {
  k = await makeIntegrationKit({});
  await k.integrations.github.connect({ token: GOOD_TOKEN, baseUrl: k.fake.url });
});
afterEach(async () => k.cleanup());

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
});
