import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { git } from "../server/git/index.ts";
import { commitFile, makeTempRepo } from "../server/git/test-support.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { REPO_ROOT, type ChatmlServer, type FakeApi, startStack, stopStack } from "./harness/index.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");
const SIZES = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1440, height: 900 } },
} as const;

type SessionRow = { id: string; baseBranch: string | null; cwd: string; setup: { status: string } | null; problem: string | null };

let api: FakeApi;
let server: ChatmlServer;
let browser: Browser;
let client: ChatmlClient;
let repo: string;
let scratch: string;
let workspaceId: string;
const sha: Record<string, string> = {};

/** A repository with a local `release/2.0`, and an origin that has `staging`, which this clone has only fetched. */
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ api, server, browser } = await startStack("chatml-base"));
  client = new ChatmlClient({ url: server.origin, token: server.token });
  repo = await makeTempRepo();
  await git(repo, ["checkout", "--quiet", "-b", "release/2.0"]);
  await commitFile(repo, "release.txt", "2.0\n");
  sha.release = await git(repo, ["rev-parse", "HEAD"]);
  await git(repo, ["checkout", "--quiet", "main"]);
  scratch = mkdtempSync(join(tmpdir(), "chatml-base-origin-"));
  const bare = join(scratch, "origin.git");
  await git(scratch, ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
  await git(repo, ["remote", "add", "origin", bare]);
  await git(repo, ["push", "--quiet", "origin", "main"]);
  const other = join(scratch, "other");
  await git(scratch, ["clone", "--quiet", bare, other]);
  await git(other, ["checkout", "--quiet", "-b", "staging"]);
  await commitFile(other, "staging.txt", "from another machine\n");
  await git(other, ["push", "--quiet", "origin", "staging"]);
  sha.staging = await git(other, ["rev-parse", "HEAD"]);
  await git(repo, ["fetch", "--quiet", "origin"]);
  const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { method: "POST", body: { path: repo } });
  workspaceId = workspace.id;
});
afterAll(async () => {
  await stopStack({ api, server, browser });
  for (const dir of [repo, scratch]) if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openWorkspace(page: Page): Promise<void> {
  await page.goto(`${server.origin}/#/w/${workspaceId}`);
  await page.getByRole("button", { name: "Create session" }).waitFor({ timeout: 15_000 });
}

async function sessionNamed(id: string): Promise<SessionRow> {
  const { sessions } = await client.api<{ sessions: SessionRow[] }>("/api/sessions");
  const session = sessions.find((s) => s.id === id);
  if (!session) throw new Error(`no session ${id}`);
  return session;
}

/** Picks a base in the form, creates the session and answers it once its worktree is ready. */
async function createFrom(page: Page, label: string): Promise<SessionRow> {
  await openWorkspace(page);
  const base = page.getByRole("combobox", { name: "Base branch" });
  // Earlier sessions' branches are offered too (a session can build on another's work).
  await expect.poll(() => base.locator("option").allTextContents()).toEqual(expect.arrayContaining(["release/2.0", "origin/staging"]));
  expect(await base.locator("option").first().textContent()).toBe("main (default)");
  await base.selectOption({ label });
  await page.getByRole("button", { name: "Create session" }).click();
  // It lands in the session's first conversation.
  await expect.poll(() => new URL(page.url()).hash, { timeout: 15_000 }).toMatch(/^#\/c\//);
  const conversationId = new URL(page.url()).hash.split("/")[2] ?? "";
  const id = (await client.api<{ conversation: { sessionId: string } }>(`/api/conversations/${conversationId}`)).conversation.sessionId;
  await expect.poll(async () => (await sessionNamed(id)).setup?.status, { timeout: 30_000 }).toBe("ready");
  return sessionNamed(id);
}

describe("choosing a session's base branch", () => {
  it("starts from a local branch or one only on origin; a base gone since the list loaded gets a clear error", async () => {
    const context = await browser.newContext(SIZES.desktop);
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      await page.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });

      const fromRelease = await createFrom(page, "release/2.0");
      expect(fromRelease).toMatchObject({ baseBranch: "release/2.0", problem: null });
      expect(await git(fromRelease.cwd, ["rev-parse", "HEAD"])).toBe(sha.release);

      const fromStaging = await createFrom(page, "origin/staging");
      expect(fromStaging).toMatchObject({ baseBranch: "staging", problem: null });
      expect(await git(fromStaging.cwd, ["rev-parse", "HEAD"])).toBe(sha.staging);

      await openWorkspace(page);
      await page.getByRole("combobox", { name: "Base branch" }).selectOption({ label: "release/2.0" });
      await page.screenshot({ path: join(SHOTS, "base-branch-desktop.png") });
      await git(repo, ["branch", "-D", "release/2.0"]);
      const before = (await client.api<{ sessions: unknown[] }>("/api/sessions")).sessions.length;
      await page.getByRole("button", { name: "Create session" }).click();
      await page.getByText('The base branch "release/2.0" does not exist, neither here nor on origin.').waitFor({ timeout: 15_000 });
      expect((await client.api<{ sessions: unknown[] }>("/api/sessions")).sessions.length).toBe(before);
      await page.screenshot({ path: join(SHOTS, "base-branch-desktop-missing.png") });
    } finally {
      await context.close();
    }
  });

  it("fits a phone: the base branch field is a full-width 44 px control", async () => {
    const context = await browser.newContext(SIZES.phone);
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      await page.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });
      await openWorkspace(page);
      const base = page.getByRole("combobox", { name: "Base branch" });
      await expect.poll(() => base.locator("option").count()).toBeGreaterThan(1);
      const box = await base.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.getByRole("region", { name: "New session" }).screenshot({ path: join(SHOTS, "base-branch-phone.png") });
    } finally {
      await context.close();
    }
  });
});
