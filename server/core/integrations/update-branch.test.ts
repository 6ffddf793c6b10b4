import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { git } from "../../git/index.ts";
import { GOOD_TOKEN, makeIntegrationKit, sessionWithCommit, type IntegrationKit } from "./integration-test-kit.ts";

let k: IntegrationKit;
beforeEach(async () => {
  k = await makeIntegrationKit({});
  await k.integrations.github.connect({ token: GOOD_TOKEN, baseUrl: k.fake.url });
});
afterEach(async () => k.cleanup());

async function commitOnMain(path: string, text: string): Promise<void> {
  await Bun.write(join(k.repo, path), text);
  await git(k.repo, ["add", path]);
  await git(k.repo, ["commit", "--quiet", "-m", `Change ${path}`]);
  await git(k.repo, ["push", "--quiet", "origin", "main"]);
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
});
