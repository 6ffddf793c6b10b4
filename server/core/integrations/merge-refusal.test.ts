import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { git } from "../../git/index.ts";
import { connectedIntegrationKit, sessionWithCommit, type IntegrationKit } from "./integration-test-kit.ts";

let k: IntegrationKit;
beforeEach(async () => {
  k = await connectedIntegrationKit();
});
afterEach(async () => k.cleanup());

async function commitAndPush(cwd: string, branch: string, path: string, text: string): Promise<void> {
  await Bun.write(join(cwd, path), text);
  await git(cwd, ["add", path]);
  await git(cwd, ["commit", "--quiet", "-m", `Change ${path}`]);
  await git(cwd, ["push", "--quiet", "origin", branch]);
}

describe("a merge GitHub refuses", () => {
  it("reads the PR again, so the card shows why, and says what to do next: new commits, behind, conflicts", async () => {
    const session = await sessionWithCommit(k, { push: true });
    const branch = session.branch as string;
    const { pullRequests } = k.integrations;
    const created = await pullRequests.create(session.id, { title: "Widget", body: "" });
    const stored = () => pullRequests.get(session.id);

    // Pushed from elsewhere after ChatML's last read: GitHub refuses the merge of the old head.
    await commitAndPush(session.cwd, branch, "gadget.ts", "export const gadget = 1;\n");
    await expect(pullRequests.merge(session.id, { method: "merge" })).rejects.toMatchObject({ code: "conflict", message: `${branch} has new commits on GitHub since ChatML last read #1: look at them, then merge again.` });
    expect(stored()?.headSha).not.toBe(created.headSha);

    // main moves on under strict protection (of a required check that passed) while the card still says "Checking mergeability".
    k.ghRepo.protection = { requiredChecks: ["test"], requiredApprovals: 0, isStrict: true };
    k.ghRepo.addJob({ sha: stored()?.headSha as string, name: "test", status: "completed", conclusion: "success" });
    await commitAndPush(k.repo, "main", "README.md", "# widgets\n");
    await expect(pullRequests.merge(session.id, { method: "merge" })).rejects.toMatchObject({ message: new RegExp(`#1 is behind main.*merge main into ${branch} .*push, then merge again`) });
    expect([stored()?.isMergeable, stored()?.mergeableState]).toEqual([true, "behind"]);

    // A conflicting change on main: the card said nothing of it until the next poll.
    await commitAndPush(k.repo, "main", "widget.ts", "export const widget = 2;\n");
    await expect(pullRequests.merge(session.id, { method: "merge" })).rejects.toMatchObject({ message: new RegExp(`#1 conflicts with main: merge main into ${branch} .*push, then merge again`) });
    expect([stored()?.isMergeable, stored()?.mergeableState]).toEqual([false, "dirty"]);
    expect(k.ghRepo.pulls[0]?.state).toBe("open");
  });
});
