import { mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeApi, type FakeApi } from "./fake-api/server.ts";
import { cliBinPath, cliEnv, startChatml, startServerAndBrowser, tempDir, type ChatmlServer } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { openSessionTerminals } from "./support/terminals-page.ts";

const screenOf = (page: Page) => page.getByTestId("terminal-screen").locator(".xterm-rows").innerText();
const TRUST_PROMPT = /Do you trust the files in this folder|trust this folder/i;
/**
 * The TUI ready for a prompt (2.1.119's banner may have scrolled off by then; its footer has not). The footer's spaces
 * may read as the prompt box's rule ("─for─shortcuts") when the TUI redrew at the page's size over what it drew before
 * the page was there (CI, once).
 */
const READY = /Claude Code v\d|(\?|─) ?for.shortcuts/;

/** A git repository with one commit, as a user's checkout. */
function checkout(name: string): string {
  const path = realpathSync(tempDir(name));
  for (const args of [["init", "-q"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "init"]]) {
    const git = Bun.spawnSync(["git", ...args], { cwd: path });
    if (git.exitCode !== 0) throw new Error(git.stderr.toString());
  }
  return path;
}

/**
 * ADR 0071: the pinned CLIs record folder trust under a git worktree's main checkout, so ChatML writes nothing to
 * `~/.claude.json`: the TUI in a session worktree of a trusted checkout does not ask, and one of an untrusted
 * checkout still does. A CLI that starts asking in every session worktree fails here.
 */
describe.each(["2.1.332", "2.1.119"])("interactive claude %s: folder trust in ChatML's session worktrees", (version) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let client: ChatmlClient;
  let trusted = "";
  let untrusted = "";

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    const home = tempDir("chatml-trust-home");
    trusted = checkout("chatml-trust-trusted");
    untrusted = checkout("chatml-trust-untrusted");
    // The user ran Claude Code in one checkout before and trusted it; never in the other.
    writeFileSync(join(home, ".claude.json"), JSON.stringify({ hasCompletedOnboarding: true, theme: "dark", customApiKeyResponses: { approved: ["sk-test"], rejected: [] }, projects: { [trusted]: { hasTrustDialogAccepted: true } } }));
    mkdirSync(join(home, ".claude"), { recursive: true });
    ({ server, browser } = await startServerAndBrowser(() => startChatml({ dataDir: tempDir("chatml-trust-data"), claudeBin: cliBinPath(version), env: cliEnv({ apiUrl: api.url, home }) })));
    client = new ChatmlClient({ url: server.origin, token: server.token });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await api?.stop();
  });

  /** A new session (its own worktree) of the checkout, with the TUI started in it: what its screen shows first. */
  async function firstScreenOfSession(path: string): Promise<{ text: string; worktree: string }> {
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path } });
    const { session } = await client.api<{ session: { id: string; worktreePath: string } }>("/api/sessions", { body: { workspaceId: workspace.id } });
    await expect.poll(async () => (await client.api(`/api/sessions/${session.id}/claude`, { body: {} }).then(() => true, () => false)), { timeout: 30_000 }).toBe(true);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const page = await openSessionTerminals(context.newPage(), server.url, session.id);
      // The screen that matched, not a second read: 2.1.332 redraws its first screen (CI: a second read had lost the
      // banner, and its footer had become "◐ medium · /effort").
      let first = "";
      await expect.poll(async () => (first = await screenOf(page)), { timeout: 60_000 }).toMatch(new RegExp(`${TRUST_PROMPT.source}|${READY.source}`, "i"));
      return { text: first, worktree: session.worktreePath };
    } finally {
      await context.close();
    }
  }

  it("does not ask in a session worktree of a checkout the user trusted, and still asks in one of an untrusted checkout", async () => {
    const ofTrusted = await firstScreenOfSession(trusted);
    expect(ofTrusted.worktree).not.toBe(trusted);
    expect(ofTrusted.text).toMatch(READY);
    expect(ofTrusted.text).not.toMatch(TRUST_PROMPT);

    const ofUntrusted = await firstScreenOfSession(untrusted);
    expect(ofUntrusted.text).toMatch(TRUST_PROMPT);
  }, 180_000);
});
