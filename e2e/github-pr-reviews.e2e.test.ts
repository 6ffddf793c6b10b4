import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../shared/protocol/model.ts";
import { git } from "../server/git/index.ts";
import { commitFile } from "../server/git/test-support.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { MIN_TARGET } from "./support/touch-targets.ts";
import { SHOTS, startGithubStack, stopGithubStack, type GithubStack } from "./support/github-stack.ts";

const TOKEN = "github_pat_11E2E0000000000000review";

/**
 * What the PR card says of a pull request others review on GitHub: the decision, mergeability, checks, and each review
 * and comment with its words (on the conversation, or on a file's line) — read by polling, at 390×844 and 1440×900.
 */
describe("a session's pull request as reviewers see it on GitHub", () => {
  let stack: GithubStack | undefined;

  beforeAll(async () => {
    stack = await startGithubStack({ name: "chatml-gh-rv", owner: "acme", repoName: "gadgets", token: TOKEN, pollMs: "500" });
  });
  afterAll(() => stopGithubStack(stack));

  it("shows the reviews, line and conversation comments, checks and mergeability on a phone and a desktop", async () => {
    const { github, server, browser, repo } = stack as GithubStack;
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    await client.api("/api/integrations/github", { method: "PUT", body: { token: TOKEN, baseUrl: github.url } });
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
    const { session } = await client.api<{ session: Session }>("/api/sessions", { body: { workspaceId: workspace.id, name: "gadget" } });
    let ready = session;
    await expect.poll(async () => (ready = (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session).setup?.status, { timeout: 30_000 }).toBe("ready");
    await commitFile(ready.cwd, "gadget.ts", "export const gadget = 1;\n");
    await git(ready.cwd, ["push", "--quiet", "origin", ready.branch as string]);
    const { pullRequest } = await client.api<{ pullRequest: { number: number; headSha: string } }>(`/api/sessions/${session.id}/pull-request`, { body: { title: "Add the gadget", body: "" } });

    const ghRepo = github.repos.get("acme/gadgets");
    ghRepo?.addJob({ sha: pullRequest.headSha, name: "lint", status: "completed", conclusion: "success" });
    ghRepo?.addComment(pullRequest.number, { login: "mona", body: "Why a constant and not a function?", path: "gadget.ts", line: 1 });
    ghRepo?.addReview(pullRequest.number, { login: "mona", state: "CHANGES_REQUESTED", body: "Please make gadget a function so that it can take options." });
    ghRepo?.addComment(pullRequest.number, { login: "hubot", body: "Preview deployed to https://preview.example/gadget" });

    for (const size of [{ name: "phone", viewport: { width: 390, height: 844 }, isMobile: true }, { name: "desktop", viewport: { width: 1440, height: 900 }, isMobile: false }]) {
      const context = await browser.newContext({ viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.isMobile });
      const page = await context.newPage();
      await signIn(page, server.url);
      await page.goto(`${server.origin}/#/s/${session.id}`);
      const card = page.getByRole("region", { name: "Pull request" });
      const conversation = card.getByRole("list", { name: "Reviews and comments" });
      await conversation.getByText("Preview deployed to https://preview.example/gadget").waitFor({ timeout: 20_000 });
      expect(await conversation.getByRole("listitem").allTextContents()).toEqual([
        expect.stringMatching(/^mona\s*on gadget\.ts:1\s*GitHubWhy a constant and not a function\?$/),
        expect.stringMatching(/^mona\s*requested changes\s*GitHubPlease make gadget a function/),
        expect.stringMatching(/^hubot\s*commented\s*GitHubPreview deployed/),
      ]);
      expect(await conversation.getByRole("link", { name: "Open hubot's comment on GitHub" }).getAttribute("href")).toMatch(/\/acme\/gadgets\/pull\/1#issuecomment-\d+$/);
      // On a phone each way to GitHub is a finger's size (the word alone was 37 px wide).
      if (size.isMobile) expect(await conversation.getByRole("link", { name: /on GitHub$/ }).evaluateAll((links, min) => links.map((a) => a.getBoundingClientRect()).filter((r) => r.width < min || r.height < min).length, MIN_TARGET)).toBe(0);
      expect(await card.getByTestId("pr-checks").textContent()).toBe("Checks passed");
      await card.getByTestId("pr-review").filter({ hasText: /^Changes requested$/ }).waitFor();
      await card.getByTestId("pr-mergeability").filter({ hasText: /^Mergeable$/ }).waitFor();
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `github-${size.name}-reviews.png`), fullPage: true });
      await context.close();
    }
  });
});

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe("");
}
