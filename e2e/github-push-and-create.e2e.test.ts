import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../shared/protocol/model.ts";
import { git } from "../server/git/index.ts";
import { commitFile, makeTempRepo } from "../server/git/test-support.ts";
import { startFakeGithub, type FakeGithub } from "./fake-github/server.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { cliBinPath, cliEnv, launchBrowser, REPO_ROOT, startChatml, startFakeApi, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");
const TOKEN = "github_pat_11E2E0000000000000push";

describe("a pull request for a branch that was never pushed: push and create in one action", () => {
  let api: FakeApi;
  let github: FakeGithub;
  let server: ChatmlServer;
  let browser: Browser;
  let repo: string;
  let bare: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = startFakeApi({ port: 0 });
    github = startFakeGithub();
    github.tokens.set(TOKEN, null);
    bare = tempDir("chatml-push-bare");
    await git(bare, ["init", "--quiet", "--bare", "--initial-branch=main"]);
    repo = await makeTempRepo();
    const remote = `${github.url}/acme/widgets.git`;
    await git(repo, ["remote", "add", "origin", remote]);
    await git(repo, ["config", `url.${bare}.insteadOf`, remote]);
    await git(repo, ["push", "--quiet", "origin", "main"]);
    github.addRepo("acme", "widgets", bare);
    const env = { ...cliEnv({ apiUrl: api.url, home: tempDir("chatml-push-home") }), CHATML_GITHUB_POLL_MS: "0" };
    server = await startChatml({ dataDir: tempDir("chatml-push-data"), claudeBin: cliBinPath("2.1.330"), env });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await github?.stop();
    await api?.stop();
    for (const dir of [repo, bare]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("refuses plain creation, offers to push first, and pushes then opens the PR", async () => {
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    await client.api("/api/integrations/github", { method: "PUT", body: { token: TOKEN, baseUrl: github.url } });
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
    const { session } = await client.api<{ session: Session }>("/api/sessions", { body: { workspaceId: workspace.id, name: "unpushed" } });
    await expect.poll(async () => (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session.setup?.status, { timeout: 30_000 }).toBe("ready");
    const ready = (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session;
    await commitFile(ready.cwd, "widget.ts", "export const widget = 1;\n");
    const local = await git(ready.cwd, ["rev-parse", "HEAD"]);

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await signIn(page, server.url);
    await page.goto(`${server.origin}/#/s/${session.id}`);
    const panel = page.getByRole("region", { name: "Pull request" });
    await panel.getByRole("button", { name: "Create pull request" }).click();
    await panel.getByLabel("Title").fill("Add the widget");
    await panel.getByRole("button", { name: "Create pull request" }).click();
    await panel.getByText(/is not on GitHub yet/).waitFor({ timeout: 15_000 });
    expect(github.repos.get("acme/widgets")?.pulls ?? []).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "github-phone-push-offer.png"), fullPage: true });

    await panel.getByRole("button", { name: "Push and create pull request" }).click();
    await panel.getByTestId("pr-state").filter({ hasText: "open" }).waitFor({ timeout: 30_000 });
    expect(await git(bare, ["rev-parse", `refs/heads/${ready.branch}`])).toBe(local);
    expect(github.repos.get("acme/widgets")?.pulls[0]).toMatchObject({ title: "Add the widget", head: { ref: ready.branch, sha: local } });
    await page.screenshot({ path: join(SHOTS, "github-phone-pushed-and-created.png"), fullPage: true });
    await phone.close();
  });
});

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe("");
}
