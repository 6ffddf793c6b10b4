import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PullRequest } from "../shared/protocol/integrations.ts";
import type { Session } from "../shared/protocol/model.ts";
import { git } from "../server/git/index.ts";
import { commitFile } from "../server/git/test-support.ts";
import type { FakeGithub } from "./fake-github/server.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { SHOTS, startGithubStack, stopGithubStack, type GithubStack } from "./support/github-stack.ts";
import type { ChatmlServer, FakeApi } from "./harness/index.ts";

const TOKEN = "github_pat_11E2E0000000000000token";
const FAILURE_LINE = "expected 200, got 500 from /health";

describe("a session's pull request on a phone: failing check → Claude, merged → archived", () => {
  let stack: GithubStack | undefined;
  let api: FakeApi;
  let github: FakeGithub;
  let server: ChatmlServer;
  let browser: Browser;
  let repo: string;

  beforeAll(async () => {
    stack = await startGithubStack({ name: "chatml-gh", owner: "acme", repoName: "widgets", token: TOKEN, pollMs: "1000",
      prepareRepo: async (dir) => {
        await Bun.write(join(dir, ".github", "pull_request_template.md"), "## Why\n\n## Testing\n");
        await git(dir, ["add", ".github"]);
        await git(dir, ["commit", "--quiet", "-m", "template"]);
      } });
    ({ api, github, server, browser, repo } = stack);
  });

  afterAll(() => stopGithubStack(stack));

  it("creates the PR with a drafted description, sees a failing check live, sends its log to Claude, sees the merge and the archive", async () => {
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    await client.api("/api/integrations/github", { method: "PUT", body: { token: TOKEN, baseUrl: github.url } });
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
    await client.api(`/api/workspaces/${workspace.id}/integrations`, { method: "PUT", body: { archiveOnMerge: true } });
    const { session } = await client.api<{ session: Session }>("/api/sessions", { body: { workspaceId: workspace.id, name: "health" } });
    const ready = await waitFor(async () => (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session, (s) => s.setup?.status === "ready");
    await commitFile(ready.cwd, "health.ts", "export const health = () => 200;\n");
    await git(ready.cwd, ["push", "--quiet", "origin", ready.branch as string]);

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await signIn(page, server.url);
    await page.goto(`${server.origin}/#/s/${session.id}`);
    const panel = page.getByRole("region", { name: "Pull request" });
    await panel.getByRole("button", { name: "Create pull request" }).click();
    // A branch of a single commit starts the form from that commit, as GitHub's own form does.
    await expect.poll(() => panel.getByLabel("Title").inputValue(), { timeout: 15_000 }).toBe("add health.ts");
    await page.screenshot({ path: join(SHOTS, "github-phone-create-form.png"), fullPage: true });
    await panel.getByRole("button", { name: "Draft with Claude" }).click();
    await expect.poll(() => panel.getByLabel("Title").inputValue(), { timeout: 60_000 }).toBe("add health.ts");
    // The drafted title reads as the commit's: the description says when the draft is in.
    await expect.poll(() => panel.getByLabel("Description").inputValue(), { timeout: 60_000 }).toContain("## Testing\nFake: filled by the drafting call.");
    await panel.getByRole("button", { name: "Create pull request" }).click();
    await panel.getByTestId("pr-state").filter({ hasText: "open" }).waitFor({ timeout: 15_000 });
    const ghRepo = github.repos.get("acme/widgets");
    const pull = ghRepo?.pulls[0];
    expect(pull?.body).toContain("## Why");

    // CI fails on GitHub; the next poll brings it to the phone.
    const log = [`2026-01-01T10:00:00.0000000Z Set up job`, `2026-01-01T10:00:03.0000000Z \u001b[31mFAIL\u001b[0m health.test.ts`, `2026-01-01T10:00:04.0000000Z ${FAILURE_LINE}`].join("\n");
    ghRepo?.addJob({ sha: pull?.head.sha ?? "", name: "test", status: "completed", conclusion: "failure", log, failedStep: "Run tests" });
    await panel.getByTestId("pr-checks").filter({ hasText: "Checks failing" }).waitFor({ timeout: 20_000 });
    await panel.getByRole("button", { name: "View log of test" }).click();
    await expect.poll(() => panel.getByTestId("job-log").textContent(), { timeout: 15_000 }).toContain(FAILURE_LINE);
    await page.screenshot({ path: join(SHOTS, "github-phone-failing-check.png"), fullPage: true });

    const apiRequestsBefore = api.requests.length;
    await panel.getByRole("button", { name: "Send failure to Claude" }).click();
    await panel.getByText("Sent to Claude in the task conversation.").waitFor({ timeout: 15_000 });
    await expect.poll(() => api.requests.slice(apiRequestsBefore).some((r) => JSON.stringify(r.body).includes(FAILURE_LINE)), { timeout: 60_000 }).toBe(true);

    // Someone merges on GitHub: the PR reads merged and the session is archived (archive on merge).
    ghRepo?.markMerged(pull?.number ?? 0);
    await panel.getByTestId("pr-state").filter({ hasText: "merged" }).waitFor({ timeout: 20_000 });
    const archive = page.getByRole("region", { name: "Archive summary" });
    await archive.getByText("Archived. Fake summary: the session made its changes.").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, "github-phone-merged.png"), fullPage: true });
    // A summary can be written again (one that failed, or says too little): a new one-shot call, shown when stored.
    const summaryCalls = () => api.requests.filter((r) => JSON.stringify(r.body).includes("[chatml:summary]")).length;
    const callsBefore = summaryCalls();
    await archive.getByRole("button", { name: "Write the summary again" }).click();
    await expect.poll(summaryCalls, { timeout: 30_000 }).toBe(callsBefore + 1);
    await archive.getByRole("button", { name: "Write the summary again" }).waitFor({ timeout: 30_000 });
    expect(await archive.getByText("Archived. Fake summary: the session made its changes.").isVisible()).toBe(true);
    await archive.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "github-phone-archive-summary.png") });
    const { pullRequest } = await client.api<{ pullRequest: PullRequest }>(`/api/sessions/${session.id}/pull-request`);
    expect(pullRequest.state).toBe("merged");

    const desktop = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const d = await desktop.newPage();
    await signIn(d, server.url);
    await d.goto(`${server.origin}/#/s/${session.id}`);
    await d.getByRole("region", { name: "Pull request" }).getByTestId("pr-state").filter({ hasText: "merged" }).waitFor({ timeout: 15_000 });
    await d.screenshot({ path: join(SHOTS, "github-desktop-session.png") });
    await d.goto(`${server.origin}/#/integrations`);
    await d.getByTestId("github-status").waitFor();
    await d.screenshot({ path: join(SHOTS, "github-desktop-integrations.png") });
    await phone.close();
    await desktop.close();
  });
});

async function waitFor<T>(read: () => Promise<T>, test: (value: T) => boolean): Promise<T> {
  let value = await read();
  await expect.poll(async () => test((value = await read())), { timeout: 30_000 }).toBe(true);
  return value;
}

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe("");
}
