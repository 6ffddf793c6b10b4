import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../shared/protocol/model.ts";
import { git } from "../server/git/index.ts";
import { commitFile } from "../server/git/test-support.ts";
import type { FakeGithub } from "./fake-github/server.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { SHOTS, startGithubStack, stopGithubStack, type GithubStack } from "./support/github-stack.ts";
import type { ChatmlServer } from "./harness/index.ts";
import { signIn } from "./support/signed-in-page.ts";

const TOKEN = "github_pat_11E2E0000000000000base";

describe("changing an existing session's base branch (there was no way to)", () => {
  let stack: GithubStack | undefined;
  let github: FakeGithub;
  let server: ChatmlServer;
  let browser: Browser;
  let repo: string;
  /** The session and PR the first case made (their base is staging after it). */
  let made: { sessionId: string; number: number } | undefined;

  beforeAll(async () => {
    stack = await startGithubStack({ name: "chatml-rebase-base", owner: "acme", repoName: "widgets", token: TOKEN });
    ({ github, server, browser, repo } = stack);
  });

  afterAll(() => stopGithubStack(stack));

  type Size = { viewport: { width: number; height: number }; isMobile: boolean; to: string };

  /** Signs a new browser context of `size` in, opens the session's details and asks to change its base to `size.to`. */
  async function changeBaseIn(size: Size, sessionId: string) {
    const context = await browser.newContext({ viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.isMobile });
    const page = await context.newPage();
    await signIn(page, server.url);
    await page.goto(`${server.origin}/#/s/${sessionId}`);
    await (size.isMobile ? page.getByRole("button", { name: "Session menu" }).first() : page.getByTestId("session-header").getByRole("button", { name: "Details" })).click();
    const section = page.getByRole("dialog", { name: "Session details" }).getByRole("region", { name: "Base branch" });
    const field = section.getByLabel(/Base branch/);
    await expect.poll(() => field.isEnabled(), { timeout: 15_000 }).toBe(true);
    await field.selectOption(size.to);
    await section.getByRole("button", { name: "Change base" }).click();
    return { context, page, section };
  }

  it("picks a branch in the session's details, moves the open PR onto it on GitHub, and says so; on a desktop and a phone", async () => {
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    await client.api("/api/integrations/github", { method: "PUT", body: { token: TOKEN, baseUrl: github.url } });
    for (const name of ["release", "staging"]) {
      await git(repo, ["checkout", "--quiet", "-b", name, "main"]);
      await commitFile(repo, `${name}.txt`, `${name}\n`);
      await git(repo, ["push", "--quiet", "origin", name]);
    }
    await git(repo, ["checkout", "--quiet", "main"]);
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
    const { session } = await client.api<{ session: Session }>("/api/sessions", { body: { workspaceId: workspace.id, name: "retarget" } });
    await expect.poll(async () => (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session.setup?.status, { timeout: 30_000 }).toBe("ready");
    const ready = (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session;
    await commitFile(ready.cwd, "widget.ts", "export const widget = 1;\n");
    const { pullRequest } = await client.api<{ pullRequest: { number: number } }>(`/api/sessions/${session.id}/pull-request`, { body: { title: "Widget", body: "" } });
    const pull = () => github.repos.get("acme/widgets")?.pulls.find((p) => p.number === pullRequest.number);
    expect(pull()?.base.ref).toBe("main");
    made = { sessionId: session.id, number: pullRequest.number };

    const sizes = [
      { name: "desktop", viewport: { width: 1440, height: 900 }, isMobile: false, to: "release" },
      { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, to: "staging" },
    ];
    for (const size of sizes) {
      const { context, page, section } = await changeBaseIn(size, session.id);
      await section.getByRole("status").filter({ hasText: `The base is ${size.to} now` }).waitFor({ timeout: 15_000 });
      expect(await section.getByRole("status").textContent()).toContain(`Pull request #${pullRequest.number} now merges into ${size.to} on GitHub.`);
      expect(pull()?.base.ref).toBe(size.to);
      expect((await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session).toMatchObject({ baseBranch: size.to, git: { ahead: 1, behind: 1 } });
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `github-${size.name}-change-base.png`) });
      await context.close();
    }
  });

  it("with GitHub disconnected, offers to change the base here only and says the PR kept its base on GitHub; on a desktop and a phone (ADR 0158)", async () => {
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    const { sessionId, number } = made!;
    await client.api("/api/integrations/github", { method: "DELETE" });
    const pull = () => github.repos.get("acme/widgets")?.pulls.find((p) => p.number === number);
    const sizes = [
      { name: "desktop", viewport: { width: 1440, height: 900 }, isMobile: false, to: "release" },
      { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, to: "main" },
    ];
    for (const size of sizes) {
      const { context, page, section } = await changeBaseIn(size, sessionId);
      await section.getByRole("alert").filter({ hasText: "GitHub is not connected" }).waitFor({ timeout: 15_000 });
      await section.getByRole("link", { name: "Connect GitHub" }).waitFor();
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `github-${size.name}-change-base-disconnected.png`) });
      await section.getByRole("button", { name: "Change it here only" }).click();
      await section.getByRole("status").filter({ hasText: `The base is ${size.to} now` }).waitFor({ timeout: 15_000 });
      // Said once, by the note that lasts as long as the PR stays there (the status said it too).
      expect(await section.getByRole("status").textContent()).not.toContain(`Pull request #${number}`);
      await section.getByRole("note", { name: "The pull request's base" }).filter({ hasText: `Pull request #${number} still merges into staging on GitHub` }).waitFor();
      expect(pull()?.base.ref).toBe("staging");
      expect((await client.api<{ session: Session }>(`/api/sessions/${sessionId}`)).session.baseBranch).toBe(size.to);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.viewport.width);
      await page.screenshot({ path: join(SHOTS, `github-${size.name}-change-base-here-only.png`) });
      await context.close();
    }
  });

  /** Signs a new browser context of `size` in and opens the session's overview: its PR card and the card's base note. */
  async function openCard(size: { viewport: { width: number; height: number }; isMobile: boolean }, sessionId: string) {
    const context = await browser.newContext({ viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.isMobile });
    const page = await context.newPage();
    await signIn(page, server.url);
    await page.goto(`${server.origin}/#/s/${sessionId}`);
    const card = page.getByRole("region", { name: "Pull request" });
    return { context, page, card, note: card.getByRole("note", { name: "Pull request base" }) };
  }

  it("the PR card says the PR merges elsewhere than the session compares, and moves it once GitHub is connected again; a read from GitHub and a reload keep it right (ADR 0168)", async () => {
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    const { sessionId, number } = made!;
    const pull = () => github.repos.get("acme/widgets")!.pulls.find((p) => p.number === number)!;
    // After the case before: the session compares against main, the PR merges into staging, GitHub disconnected.
    const phone = await openCard({ viewport: { width: 390, height: 844 }, isMobile: true }, sessionId);
    await phone.note.filter({ hasText: "This PR merges into staging on GitHub; this session compares against main." }).waitFor({ timeout: 15_000 });
    await phone.note.getByRole("link", { name: "Connect GitHub" }).waitFor();
    await phone.note.scrollIntoViewIfNeeded();
    await phone.page.screenshot({ path: join(SHOTS, "github-phone-pr-base-elsewhere.png") });
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await client.api("/api/integrations/github", { method: "PUT", body: { token: TOKEN, baseUrl: github.url } });
    await phone.note.getByRole("button", { name: `Move #${number} onto main` }).click({ timeout: 15_000 });
    await phone.card.getByRole("status").filter({ hasText: `Pull request #${number} now merges into main on GitHub.` }).waitFor({ timeout: 15_000 });
    expect(pull().base.ref).toBe("main");
    expect(await phone.note.count()).toBe(0);
    await phone.context.close();

    // Moved on github.com: the desktop's Check GitHub reads it and says so; the move brings it back, and a reload agrees.
    pull().base.ref = "release";
    const desktop = await openCard({ viewport: { width: 1440, height: 900 }, isMobile: false }, sessionId);
    await desktop.card.getByRole("button", { name: "Check GitHub" }).waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await desktop.card.getByRole("button", { name: "Check GitHub" }).click(), await desktop.note.count()), { timeout: 15_000 }).toBe(1);
    expect(await desktop.note.textContent()).toContain("This PR merges into release on GitHub; this session compares against main.");
    await desktop.note.scrollIntoViewIfNeeded();
    await desktop.page.screenshot({ path: join(SHOTS, "github-desktop-pr-base-elsewhere.png") });
    await desktop.note.getByRole("button", { name: `Move #${number} onto main` }).click();
    await expect.poll(() => desktop.note.count(), { timeout: 15_000 }).toBe(0);
    expect(pull().base.ref).toBe("main");
    await desktop.page.reload();
    await desktop.card.getByRole("heading", { name: `Pull request #${number}` }).waitFor({ timeout: 15_000 });
    expect(await desktop.note.count()).toBe(0);
    await desktop.context.close();
  });
});
