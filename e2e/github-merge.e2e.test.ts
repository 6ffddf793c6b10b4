import { join } from "node:path";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../shared/protocol/model.ts";
import { git } from "../server/git/index.ts";
import { commitFile } from "../server/git/test-support.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { signIn } from "./support/signed-in-page.ts";
import { SHOTS, startGithubStack, stopGithubStack, type GithubStack } from "./support/github-stack.ts";

const TOKEN = "github_pat_11E2E0000000000000merge";

/**
 * A PR whose main moved on and conflicts: Merge is held back, saying why, while GitHub checks mergeability and while
 * it conflicts (a tap only earned a refusal), and the card offers the way on: ask Claude to merge main.
 */
describe("a pull request that conflicts with main, on a phone and a desktop", () => {
  let stack: GithubStack | undefined;
  beforeAll(async () => {
    stack = await startGithubStack({ name: "chatml-gh-merge", owner: "acme", repoName: "widgets", token: TOKEN });
  });
  afterAll(() => stopGithubStack(stack));

  it("holds Merge back with the reason, and asks Claude to merge main: every device says it was asked, and offers it again once the turn ended with the conflict still there", async () => {
    const { server, github, browser, repo } = stack as GithubStack;
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    await client.api("/api/integrations/github", { method: "PUT", body: { token: TOKEN, baseUrl: github.url } });
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
    const { session } = await client.api<{ session: Session }>("/api/sessions", { body: { workspaceId: workspace.id, name: "widget" } });
    let ready = session;
    await expect.poll(async () => (ready = (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session).setup?.status, { timeout: 30_000 }).toBe("ready");
    await commitFile(ready.cwd, "widget.ts", "export const widget = 1;\n");
    await git(ready.cwd, ["push", "--quiet", "origin", ready.branch as string]);
    await client.api(`/api/sessions/${session.id}/pull-request`, { body: { title: "Widget", body: "" } });
    await commitFile(repo, "widget.ts", "export const widget = 2;\n");
    await git(repo, ["push", "--quiet", "origin", "main"]);

    const pages: { name: string; context: BrowserContext; page: Page; panel: Locator }[] = [];
    for (const [name, viewport] of [["phone", { width: 390, height: 844 }], ["desktop", { width: 1440, height: 900 }]] as const) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await signIn(page, server.url);
      await page.goto(`${server.origin}/#/s/${session.id}`);
      const panel = page.getByRole("region", { name: "Pull request" });
      pages.push({ name, context, page, panel });
      const merge = panel.getByRole("button", { name: "Merge", exact: true });
      if (name === "phone") {
        // No poll since the PR opened: GitHub was still working mergeability out.
        await panel.getByText("Merge is off until GitHub has checked whether it can be merged (a few seconds).").waitFor({ timeout: 15_000 });
        expect(await merge.isDisabled()).toBe(true);
      }
      // Checked again (GitHub works it out on the first read after main moved, and knows on the next).
      await expect.poll(async () => (await panel.getByRole("button", { name: "Check GitHub" }).click(), await panel.getByTestId("pr-mergeability").filter({ hasText: /^Conflicts$/ }).count()), { timeout: 20_000 }).toBe(1);
      await panel.getByText(`Merge is off: ${ready.branch} conflicts with main. Merge main into it first.`).waitFor({ timeout: 15_000 });
      expect(await merge.isDisabled()).toBe(true);
      expect(await panel.getByRole("button", { name: "Update branch" }).count()).toBe(0);
      // "No checks" once: the badges said it and the list under them said it again.
      expect(await panel.getByText(/No checks/).count()).toBe(1);
    }
    const ask = (panel: Locator) => panel.getByRole("button", { name: "Ask Claude to merge main" });
    expect(await ask(pages[0]!.panel).getAttribute("class")).toContain("bg-accent");
    await ask(pages[0]!.panel).click();
    for (const { name, page, panel } of pages) {
      // Said on both devices, once, and the ask is no longer the accent while Claude's turn runs.
      const asked = panel.getByRole("status", { name: "Merge asked of Claude" });
      await asked.waitFor({ timeout: 15_000 });
      expect(await asked.innerText()).toBe(`Claude was asked to merge main into ${ready.branch} in the task conversation; this card reads GitHub again when that turn ends.`);
      expect(await panel.getByRole("button", { name: "Ask Claude again" }).getAttribute("class")).not.toContain("bg-accent");
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `github-${name}-merge-conflicts-asked.png`) });
    }
    expect(github.repos.get("acme/widgets")?.pulls[0]?.state).toBe("open");
    // The fake API's Claude answers without merging: once its turn ended, GitHub still says it conflicts, and the ask is back.
    for (const { name, page, panel, context } of pages) {
      await ask(panel).waitFor({ timeout: 60_000 });
      expect(await ask(panel).getAttribute("class")).toContain("bg-accent");
      expect(await panel.getByRole("status", { name: "Merge asked of Claude" }).count()).toBe(0);
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `github-${name}-merge-conflicts.png`) });
      await context.close();
    }
  });

  it("on a phone, brings a PR behind main up to date with Update branch, then merges it", async () => {
    const { server, github, browser, repo } = stack as GithubStack;
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    const fakeRepo = github.repos.get("acme/widgets");
    if (!fakeRepo) throw new Error("no fake repository");
    const { workspaces } = await client.api<{ workspaces: { id: string }[] }>("/api/workspaces");
    const { session } = await client.api<{ session: Session }>("/api/sessions", { body: { workspaceId: workspaces[0]?.id, name: "gadget" } });
    let ready = session;
    await expect.poll(async () => (ready = (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session).setup?.status, { timeout: 30_000 }).toBe("ready");
    await commitFile(ready.cwd, "gadget.ts", "export const gadget = 1;\n");
    await git(ready.cwd, ["push", "--quiet", "origin", ready.branch as string]);
    const { pullRequest } = await client.api<{ pullRequest: { number: number; headSha: string } }>(`/api/sessions/${session.id}/pull-request`, { body: { title: "Gadget", body: "" } });
    fakeRepo.protection = { requiredChecks: ["test"], requiredApprovals: 0, isStrict: true };
    fakeRepo.addJob({ sha: pullRequest.headSha, name: "test", status: "completed", conclusion: "success" });
    await commitFile(repo, "README.md", "# widgets\n");
    await git(repo, ["push", "--quiet", "origin", "main"]);

    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, server.url);
    await page.goto(`${server.origin}/#/s/${session.id}`);
    const panel = page.getByRole("region", { name: "Pull request" });
    const checkUntil = (text: string) =>
      expect.poll(async () => (await panel.getByRole("button", { name: "Check GitHub" }).click(), await panel.getByTestId("pr-mergeability").filter({ hasText: new RegExp(`^${RegExp.escape(text)}$`) }).count()), { timeout: 20_000 }).toBe(1);
    await checkUntil("Behind main: update the branch");
    // GitHub refuses the merge while main's protection wants the branch up to date: Merge is off and says so.
    const merge = panel.getByRole("button", { name: "Merge", exact: true });
    expect(await merge.isDisabled()).toBe(true);
    await panel.getByText(`Merge is off: main's protection wants ${ready.branch} up to date with it. Update branch first.`).waitFor({ timeout: 15_000 });
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "github-phone-behind.png") });
    await panel.getByRole("button", { name: "Update branch" }).click();
    await panel.getByText(`Merged main into ${ready.branch} on GitHub.`, { exact: true }).waitFor({ timeout: 15_000 });
    const pull = fakeRepo.pulls.find((p) => p.number === pullRequest.number);
    expect(pull?.head.sha).not.toBe(pullRequest.headSha);
    // The session's clean worktree is brought up to the merge commit, so its next push is not rejected.
    const updatedHead = pull?.head.sha as string;
    await panel.getByText(`Brought this session's worktree up to ${ready.branch} on GitHub (${updatedHead.slice(0, 7)}): Claude and the next push start from it.`).waitFor({ timeout: 15_000 });
    expect(await git(ready.cwd, ["rev-parse", "HEAD"])).toBe(updatedHead);
    await page.screenshot({ path: join(SHOTS, "github-phone-worktree-caught-up.png") });
    // CI runs on the merge commit, as it would on GitHub.
    fakeRepo.addJob({ sha: pull?.head.sha as string, name: "test", status: "completed", conclusion: "success" });
    await checkUntil("Mergeable");
    await panel.getByRole("button", { name: "Merge", exact: true }).click();
    await expect.poll(() => pull?.merged, { timeout: 15_000 }).toBe(true);
    // The screenshot showed the card still "Open" with Merge greyed out: it waits for the card to say merged.
    await panel.getByTestId("pr-state").filter({ hasText: "merged" }).waitFor({ timeout: 15_000 });
    await page.getByText(`merged in #${pullRequest.number}`).first().waitFor({ timeout: 15_000 });
    // Under the title a long workspace name gives way, not the counts (they read "clean · merge…").
    const line = page.getByTestId("session-line");
    const [lineBox, gitBox] = [await line.boundingBox(), await line.getByTestId("session-line-git").boundingBox()];
    expect(gitBox!.x + gitBox!.width).toBeLessThanOrEqual(lineBox!.x + lineBox!.width + 1);
    await page.screenshot({ path: join(SHOTS, "github-phone-updated-and-merged.png") });
    // The fake's merge leaves main where it was, as a squash merge leaves the branch's commits "ahead" of it: the Git
    // view says the PR holds them and the header says merged, not "2↑" (ADR 0179) — on a phone and a desktop.
    const merged = `Pull request #${pullRequest.number} is merged into main with this branch's work`;
    await page.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Git" }).click();
    await page.getByRole("region", { name: "Git" }).getByTestId("git-merged").filter({ hasText: merged }).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("session-header").getByTestId("base-distance").textContent()).toContain(`merged in #${pullRequest.number}`);
    expect(await page.getByTestId("session-header").getByTestId("base-distance").textContent()).not.toContain("↑");
    await page.screenshot({ path: join(SHOTS, "github-phone-merged-git.png") });
    await context.close();
    const desktop = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const desk = await desktop.newPage();
    await signIn(desk, server.url);
    await desk.goto(`${server.origin}/#/s/${session.id}`);
    await desk.getByRole("tab", { name: "Git" }).click({ timeout: 20_000 });
    await desk.getByRole("region", { name: "Git" }).getByTestId("git-merged").filter({ hasText: merged }).waitFor({ timeout: 15_000 });
    expect(await desk.getByTestId("session-header").getByTestId("base-distance").textContent()).toContain(`merged in #${pullRequest.number}`);
    await desk.screenshot({ path: join(SHOTS, "github-desktop-merged-git.png") });
    await desktop.close();
  });
});
