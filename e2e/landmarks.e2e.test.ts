import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempRepo } from "../server/git/test-support.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { openSignedIn, SCREEN_SIZES } from "./support/signed-in-page.ts";
import { REPO_ROOT, type ChatmlServer, type FakeApi, startStack, stopStack } from "./harness/index.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "landmarks");

/** How many main landmarks (what a screen reader's "skip to main" jumps to) the page has. */
async function mainLandmarks(page: Page): Promise<number> {
  return page.getByRole("main").count();
}

/**
 * Every screen has one main landmark holding what the screen is for, so "skip to main" (VoiceOver's rotor, NVDA's D)
 * lands there: the conversation, with its messages and composer, too. Real server, headless Chromium, both sizes.
 */
describe("landmarks", () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let repo: string;
  let ids: { workspace: string; session: string; conversation: string };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ api, server, browser } = await startStack("chatml-landmarks"));
    repo = await makeTempRepo();
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { method: "POST", body: { path: repo } });
    const created = await client.api<{ session: { id: string }; conversation: { id: string } }>("/api/sessions", { method: "POST", body: { workspaceId: workspace.id } });
    ids = { workspace: workspace.id, session: created.session.id, conversation: created.conversation.id };
  });
  afterAll(async () => {
    await stopStack({ api, server, browser });
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  it.each(SCREEN_SIZES)("a conversation is the page's one main landmark, composer included (%s)", async (size) => {
    const { context, page } = await openSignedIn(browser, server, size, `#/c/${ids.conversation}`);
    try {
      const main = page.getByRole("main");
      await main.getByRole("textbox", { name: "Message", exact: true }).waitFor({ timeout: 15_000 });
      expect(await mainLandmarks(page)).toBe(1);
      expect(await main.getByTestId("conversation-status").count()).toBe(1);
      await page.screenshot({ path: join(SHOTS, `conversation-${size}.png`) });
      // The session's overview beside it keeps its own one.
      await page.goto(`${server.origin}/#/s/${ids.session}`);
      await page.getByRole("button", { name: "New chat" }).first().waitFor({ timeout: 15_000 });
      expect(await mainLandmarks(page)).toBe(1);
    } finally {
      await context.close();
    }
  });

  it("on a phone, each workbench view is the main landmark while it shows", async () => {
    const { context, page } = await openSignedIn(browser, server, "phone", `#/c/${ids.conversation}`);
    try {
      await page.getByRole("main").getByRole("textbox", { name: "Message", exact: true }).waitFor({ timeout: 15_000 });
      const views = page.getByRole("navigation", { name: "Workbench views" });
      for (const view of ["Changes", "Files", "Git", "Terminals"]) {
        await views.getByRole("button", { name: view, exact: true }).click();
        // The hidden conversation leaves the accessibility tree: the view shown is the one main, named after it.
        await expect.poll(() => mainLandmarks(page)).toBe(1);
        expect(await page.getByRole("main", { name: view }).count()).toBe(1);
      }
      await page.screenshot({ path: join(SHOTS, "workbench-view-phone.png") });
      await views.getByRole("button", { name: "Chat", exact: true }).click();
      await page.getByRole("main").getByRole("textbox", { name: "Message", exact: true }).waitFor({ timeout: 15_000 });
      expect(await mainLandmarks(page)).toBe(1);
    } finally {
      await context.close();
    }
  });

  it.each(SCREEN_SIZES)("the first Tab offers to skip the sidebar; taking it puts the keyboard in the screen's main (%s)", async (size) => {
    const { context, page } = await openSignedIn(browser, server, size, `#/w/${ids.workspace}`);
    try {
      await page.getByRole("main").getByRole("button", { name: "Create session" }).waitFor({ timeout: 15_000 });
      await page.keyboard.press("Tab");
      const skip = page.getByRole("link", { name: "Skip to main content" });
      expect(await skip.evaluate((link) => link === document.activeElement)).toBe(true);
      // Shown on the screen while it has the focus (it waits above the screen until then).
      await expect.poll(async () => (await skip.boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, `skip-link-${size}.png`) });
      await page.keyboard.press("Enter");
      expect(await page.getByRole("main").evaluate((main) => main === document.activeElement)).toBe(true);
      expect(new URL(page.url()).hash).toBe(`#/w/${ids.workspace}`);
      // The next Tab is in the screen, not in the sidebar's list of workspaces and sessions.
      await page.keyboard.press("Tab");
      expect(await page.getByRole("main").evaluate((main) => main.contains(document.activeElement))).toBe(true);
    } finally {
      await context.close();
    }
  });
});
