import type { Page } from "playwright-core";
import { expect } from "vitest";

/**
 * Signs a page in with a one-time link, opens a session and shows its Terminals: the workbench's bottom panel on a
 * desktop, their own full-screen view on a phone.
 */
export async function openSessionTerminals(pending: Promise<Page>, url: string, sessionId: string): Promise<Page> {
  const page = await pending;
  await page.goto(url);
  await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe("");
  await page.goto(`${new URL(url).origin}/#/s/${sessionId}`);
  const phoneView = page.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Terminals" });
  await phoneView.or(page.getByRole("region", { name: "Terminals" })).first().waitFor({ timeout: 15_000 });
  if (await phoneView.isVisible()) await phoneView.click();
  await page.getByRole("region", { name: "Terminals" }).waitFor({ timeout: 15_000 });
  return page;
}
