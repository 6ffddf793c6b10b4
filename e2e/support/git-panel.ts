import type { Browser, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { makeTempRepo } from "../../server/git/test-support.ts";
import type { ChatmlServer } from "../harness/index.ts";
import { ChatmlClient } from "./chatml-client.ts";
import { sessionInRepo, type SessionRow } from "./repo-session.ts";
import type { ScreenSizeName, SignedInStack } from "./signed-in-page.ts";

/**
 * Signs a page in with the server's one-time link, opens a session and shows its Git panel: a tab of the session
 * workbench's side panel on a desktop, a full-screen view on a phone.
 */
export async function openSessionGit(page: Page, server: ChatmlServer, sessionId: string): Promise<void> {
  await page.goto(server.url);
  await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe("");
  await page.goto(`${server.origin}/#/s/${sessionId}`);
  await showGitPanel(page);
}

/** Shows the Git panel of the session a page has open: a side-panel tab on a desktop, a full-screen view on a phone. */
export async function showGitPanel(page: Page): Promise<void> {
  const phoneTab = page.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Git" });
  const desktopTab = page.getByRole("tab", { name: "Git" });
  await phoneTab.or(desktopTab).first().click({ timeout: 20_000 });
  await page.getByRole("region", { name: "Git" }).waitFor({ timeout: 20_000 });
}

/**
 * A phone and a desktop, each a new browser context with a page signed in and showing the session's Git panel
 * (openSessionGit): `p` and `d`. `close()` closes both contexts; they are closed already if opening failed.
 */
export async function openGitOnPhoneAndDesktop(browser: Browser, server: ChatmlServer, sessionId: string): Promise<{ p: Page; d: Page; close: () => Promise<void> }> {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const desktop = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const close = async () => {
    await phone.close();
    await desktop.close();
  };
  try {
    const [p, d] = [await phone.newPage(), await desktop.newPage()];
    await openSessionGit(p, server, sessionId);
    await openSessionGit(d, server, sessionId);
    return { p, d, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * A ready session named `name` in a new repository (makeTempRepo, sessionInRepo), and a page of the stack's signed-in
 * device of `size` showing its Git panel (`panel`): where each case of a Git panel test on a signedInStack starts. The
 * repository (`repo`) is removed after the file's tests, with the stack (`madeDirs`).
 */
export async function gitPanelOfNewSession(stack: SignedInStack, size: ScreenSizeName, name: string): Promise<{ repo: string; session: SessionRow; page: Page; panel: Locator }> {
  const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
  const repo = await makeTempRepo();
  stack.madeDirs.push(repo);
  const session = await sessionInRepo(client, repo, name);
  const page = await stack.devices.open(size, `#/s/${session.id}`);
  await showGitPanel(page);
  return { repo, session, page, panel: page.getByRole("region", { name: "Git" }) };
}
