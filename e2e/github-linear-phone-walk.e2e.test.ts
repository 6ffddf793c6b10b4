import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Session } from "../shared/protocol/model.ts";
import { commitFile } from "../server/git/test-support.ts";
import { githubLinearStack, SHOTS } from "./support/github-stack.ts";
import { signIn } from "./support/signed-in-page.ts";
import { MIN_TARGET } from "./support/touch-targets.ts";

const TOKEN = "github_pat_11E2E0000000000000walk";
const KEY = "lin_api_walkwalkwalkwalkwalk";

describe("a phone user's walk: create the PR, wait for checks and a review, merge, and the Linear issue is Done", () => {
  const stack = githubLinearStack({ name: "chatml-walk", token: TOKEN, linearKey: KEY });

  it("Merge stays off with the reason until checks pass and a reviewer approves; one tap creates, one merges", async () => {
    const { client, github, server, browser, repo, linear } = stack;
    const fakeRepo = github.repos.get("acme/widgets");
    if (!fakeRepo) throw new Error("no fake repository");
    fakeRepo.protection = { requiredChecks: ["test"], requiredApprovals: 1, isStrict: false };
    const issue = linear.addIssue({ teamKey: "ENG", title: "Add the gadget" });
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
    const { session } = await client.api<{ session: Session }>("/api/sessions", { body: { workspaceId: workspace.id, name: "gadget" } });
    await expect.poll(async () => (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session.setup?.status, { timeout: 30_000 }).toBe("ready");
    const ready = (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session;
    await client.api("/api/integrations/linear/links", { body: { sessionId: ready.id, issueId: issue.id } });
    await commitFile(ready.cwd, "gadget.ts", "export const gadget = 1;\n");

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, server.url);
    await page.goto(`${server.origin}/#/s/${session.id}`);
    const panel = page.getByRole("region", { name: "Pull request" });
    const shot = async (name: string, region = panel) => (await region.scrollIntoViewIfNeeded(), await page.screenshot({ path: join(SHOTS, `walk-phone-${name}.png`) }));
    await panel.getByRole("button", { name: "Create pull request" }).click();
    // The form starts from the branch's one commit, as GitHub's does; the user writes a better title.
    await expect.poll(() => panel.getByLabel("Title").inputValue(), { timeout: 15_000 }).toBe("add gadget.ts");
    await panel.getByLabel("Title").fill("Add the gadget");
    await panel.getByRole("button", { name: "Create pull request" }).click();
    await panel.getByTestId("pr-state").filter({ hasText: "open" }).waitFor({ timeout: 30_000 });
    await expect.poll(() => linear.stateName(issue.id), { timeout: 15_000 }).toBe("In Review");
    // Both titles are links a finger can take (a line of title was a 20 px tall link).
    const titles = [panel.getByRole("link", { name: "Add the gadget", exact: true }), page.getByRole("region", { name: "Linear issue" }).getByRole("link", { name: /^ENG-1/ })];
    for (const title of titles) expect((await title.boundingBox())?.height).toBeGreaterThanOrEqual(MIN_TARGET);
    const merge = panel.getByRole("button", { name: "Merge", exact: true });
    const checkUntil = (text: string) => checkGithubUntil(page, text);

    await checkUntil("Blocked until required checks report, or it is approved");
    expect(await merge.isDisabled()).toBe(true);
    await shot("1-blocked-no-checks");
    const pr = fakeRepo.pulls[0];
    const job = fakeRepo.addJob({ sha: pr?.head.sha as string, name: "test", status: "in_progress", conclusion: null });
    await checkUntil("Blocked by required checks");
    expect(await merge.isDisabled()).toBe(true);
    fakeRepo.setCheck(Number(job.id), "completed", "success");
    await checkUntil("Blocked until approved");
    expect(await merge.isDisabled()).toBe(true);
    await shot("2-blocked-until-approved");
    fakeRepo.addReview(pr?.number as number, { login: "mona", state: "APPROVED", body: "Ship it" });
    await checkUntil("Mergeable");
    expect(await merge.isDisabled()).toBe(false);
    await shot("3-mergeable");
    await merge.click();
    await expect.poll(() => pr?.merged, { timeout: 15_000 }).toBe(true);
    await expect.poll(() => linear.stateName(issue.id), { timeout: 15_000 }).toBe("Done");
    // Both cards follow without a reload: the PR reads merged, the issue Done.
    await panel.getByTestId("pr-state").filter({ hasText: "merged" }).waitFor({ timeout: 15_000 });
    await page.getByRole("region", { name: "Linear issue" }).getByText("Done", { exact: true }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(SHOTS, "walk-phone-4-merged.png"), fullPage: true });
    await context.close();
  });
});

/** Taps Check GitHub until the card's mergeability reads `text`. */
async function checkGithubUntil(page: Page, text: string): Promise<void> {
  const panel = page.getByRole("region", { name: "Pull request" });
  await expect
    .poll(async () => (await panel.getByRole("button", { name: "Check GitHub" }).click(), await panel.getByTestId("pr-mergeability").filter({ hasText: new RegExp(`^${RegExp.escape(text)}$`) }).count()), { timeout: 20_000 })
    .toBe(1);
}
