import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { ChatmlServer } from "../harness/index.ts";

/**
 * Signs a page in with the server's one-time link, opens a session and shows its Git panel: a tab of the session
 * workbench's side panel on a desktop, a full-screen view on a phone.
 */
export async function openSessionGit(page: Page, server: ChatmlServer, sessionId: string): Promise<void> {
  await page.goto(server.url);
  await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe("");
  await page.goto(`${server.origin}/#/s/${sessionId}`);
  const phoneTab = page.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Git" });
  const desktopTab = page.getByRole("tab", { name: "Git" });
  await phoneTab.or(desktopTab).first().click({ timeout: 20_000 });
  await page.getByRole("region", { name: "Git" }).waitFor({ timeout: 20_000 });
}
