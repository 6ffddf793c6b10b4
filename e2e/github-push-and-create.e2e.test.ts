import { join } from "node:path";
import type { Browser, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../shared/protocol/model.ts";
import { git } from "../server/git/index.ts";
import { commitFile } from "../server/git/test-support.ts";
import type { FakeGithub } from "./fake-github/server.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { SHOTS, startGithubStack, stopGithubStack, type GithubStack } from "./support/github-stack.ts";
import type { ChatmlServer } from "./harness/index.ts";
import { signIn } from "./support/signed-in-page.ts";

const TOKEN = "github_pat_11E2E0000000000000push";

describe("a pull request for a branch that was never pushed: one Create pushes and opens it", () => {
  let stack: GithubStack | undefined;
  let github: FakeGithub;
  let server: ChatmlServer;
  let browser: Browser;
  let repo: string;
  let bare: string;

  beforeAll(async () => {
    stack = await startGithubStack({ name: "chatml-push", owner: "acme", repoName: "widgets", token: TOKEN, pollMs: "0" });
    ({ github, server, browser, repo, bare } = stack);
  });

  afterAll(() => stopGithubStack(stack));

  /** A phone signed in on the session, its PR form filled with `title` and sent with one Create. */
  async function createOnPhone(sessionId: string, title: string) {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await signIn(page, server.url);
    await page.goto(`${server.origin}/#/s/${sessionId}`);
    const panel = page.getByRole("region", { name: "Pull request" });
    await panel.getByRole("button", { name: "Create pull request" }).click();
    await panel.getByLabel("Title").fill(title);
    await panel.getByRole("button", { name: "Create pull request" }).click();
    return { phone, page, panel };
  }

  it("one tap on Create pushes the branch and opens the PR (it refused, and a second tap pushed)", async () => {
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    await client.api("/api/integrations/github", { method: "PUT", body: { token: TOKEN, baseUrl: github.url } });
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
    const { session } = await client.api<{ session: Session }>("/api/sessions", { body: { workspaceId: workspace.id, name: "unpushed" } });
    await expect.poll(async () => (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session.setup?.status, { timeout: 30_000 }).toBe("ready");
    const ready = (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session;
    await commitFile(ready.cwd, "widget.ts", "export const widget = 1;\n");
    const local = await git(ready.cwd, ["rev-parse", "HEAD"]);

    const { phone, page, panel } = await createOnPhone(session.id, "Add the widget");
    // The push sets the branch's upstream and the card reads its PR again; that read may answer after Create did.
    const isPrRead = (response: Response) => response.request().method() === "GET" && new URL(response.url()).pathname === `/api/sessions/${session.id}/pull-request`;
    const readAfterPush = page.waitForResponse(isPrRead, { timeout: 30_000 });
    readAfterPush.catch(() => undefined); // awaited below; a step failing before that must not leave it unhandled
    await panel.getByTestId("pr-state").filter({ hasText: "open" }).waitFor({ timeout: 30_000 });
    expect(await panel.getByText(/is not on GitHub yet/).count()).toBe(0);
    expect(await git(bare, ["rev-parse", `refs/heads/${ready.branch}`])).toBe(local);
    expect(github.repos.get("acme/widgets")?.pulls[0]).toMatchObject({ title: "Add the widget", head: { ref: ready.branch, sha: local } });
    // Right after the push the session knows it: nothing left to push (the header says "pushed", not a bare "1↑").
    const upstreamOf = async () => (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session.git?.upstream;
    await expect.poll(upstreamOf, { timeout: 15_000 }).toMatchObject({ ahead: 0, behind: 0 });
    await page.screenshot({ path: join(SHOTS, "github-phone-pushed-and-created.png"), fullPage: true });
    // Its "none", read before Create stored the PR, must not take the PR away (the card went back to "No pull request").
    await (await readAfterPush).finished();
    expect(await panel.getByTestId("pr-state").allTextContents()).toEqual(["open"]);
    await phone.close();
  });
  it("Create on a branch GitHub's copy went another way from opens no PR, says so under the form with Pull the branch, keeps the title typed, and creates after the pull", async () => {
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    const { workspaces } = await client.api<{ workspaces: { id: string }[] }>("/api/workspaces");
    const { session } = await client.api<{ session: Session }>("/api/sessions", { body: { workspaceId: workspaces[0]?.id, name: "taken-elsewhere" } });
    await expect.poll(async () => (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session.setup?.status, { timeout: 30_000 }).toBe("ready");
    const ready = (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session;
    await commitFile(ready.cwd, "mine.ts", "export const mine = 1;\n");
    // Another clone pushed other work under the same branch name: git refuses this one's push.
    const elsewhere = join(bare, "..", "elsewhere-clone");
    await git(join(bare, ".."), ["clone", "--quiet", bare, elsewhere]);
    await git(elsewhere, ["checkout", "--quiet", "-b", ready.branch as string]);
    await commitFile(elsewhere, "theirs.ts", "export const theirs = 1;\n");
    await git(elsewhere, ["push", "--quiet", "origin", ready.branch as string]);

    const { phone, page, panel } = await createOnPhone(session.id, "Mine, not theirs");
    const alert = panel.getByRole("alert");
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toBe(
      `GitHub's copy of "${ready.branch}" has 1 commit this session does not have (pushed from elsewhere), and this session has 1 it does not: they went different ways, so nothing was pushed and no pull request was opened (your commits and this form are kept). Pull the branch to merge GitHub's commits in, then create the pull request again; a force push would throw theirs away.`,
    );
    expect(await panel.getByLabel("Title").inputValue()).toBe("Mine, not theirs");
    const pullsOfBranch = () => (github.repos.get("acme/widgets")?.pulls ?? []).filter((p) => p.head.ref === ready.branch);
    expect(pullsOfBranch()).toEqual([]);
    const pull = panel.getByRole("button", { name: "Pull the branch" });
    await pull.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "github-phone-push-refused.png") });
    await pull.click();
    await panel.getByRole("status").filter({ hasText: `Merged GitHub's ${ready.branch} into this worktree: create the pull request again.` }).waitFor({ timeout: 30_000 });
    expect(await panel.getByRole("alert").count()).toBe(0);
    await panel.getByRole("button", { name: "Create pull request" }).click();
    await panel.getByTestId("pr-state").filter({ hasText: "open" }).waitFor({ timeout: 30_000 });
    // Both sides' work went up: the merge carries this session's commit and the other clone's.
    const head = pullsOfBranch()[0]?.head.sha as string;
    expect(await git(bare, ["ls-tree", "--name-only", head])).toMatch(/mine\.ts[\s\S]*theirs\.ts/);
    await phone.close();
  });
});
