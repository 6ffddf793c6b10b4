import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unnamedControls } from "./support/accessible-names.ts";
import { openSignedIn } from "./support/signed-in-page.ts";
import { REPO_ROOT, type ChatmlServer, type FakeApi, startStack, stopStack } from "./harness/index.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

/**
 * The desktop's row of open views was buttons with role=tab and no tablist: a screen reader announced "tab, 2 of ?"
 * of a list that was not there. They are links to the views, the open one the current page: they open pages, as a browser's tabs do.
 */
describe("the desktop's row of open views", () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ api, server, browser } = await startStack("chatml-tab-strip"));
  });
  afterAll(async () => {
    await stopStack({ api, server, browser });
  });

  it("is links a screen reader can list, every ARIA tab on the page sits in a tablist, and the keyboard opens and closes them", async () => {
    const { context, page } = await openSignedIn(browser, server, "desktop", "#/settings");
    try {
      const row = page.getByRole("navigation", { name: "Tabs" });
      await row.getByRole("link", { name: "Settings" }).waitFor({ timeout: 20_000 });
      await page.getByRole("navigation", { name: "Conversations menu" }).getByRole("link", { name: "Jobs", exact: true }).click();
      await row.getByRole("link", { name: "Jobs" }).waitFor();
      expect(await row.getByRole("link").allTextContents()).toEqual(["Home", "Settings", "Jobs"]);
      expect(await row.getByRole("link", { name: "Jobs" }).getAttribute("aria-current")).toBe("page");
      expect(await row.getByRole("link", { name: "Settings" }).getAttribute("aria-current")).toBeNull();
      expect(await row.getByRole("tab").count()).toBe(0);
      // Anywhere on the page: a tab outside a tablist is a list a screen reader cannot count.
      expect(await page.locator('[role="tab"]').evaluateAll((tabs) => tabs.filter((tab) => !tab.closest('[role="tablist"]')).length)).toBe(0);
      expect(await unnamedControls(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, "tab-strip-1440.png") });

      await row.getByRole("link", { name: "Settings" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => new URL(page.url()).hash).toBe("#/settings");
      await expect.poll(() => row.getByRole("link", { name: "Settings" }).getAttribute("aria-current")).toBe("page");
      await page.keyboard.press("Delete");
      await expect.poll(() => row.getByRole("link").allTextContents()).toEqual(["Home", "Jobs"]);
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent ?? "")).not.toBe("");
    } finally {
      await context.close();
    }
  });

  it("shows the open screen's tab when there are more tabs than the row holds, scrolling the row to it", async () => {
    const { context, page } = await openSignedIn(browser, server, "desktop", "#/settings");
    try {
      // A laptop's window beside another: the sidebar stays, and eight screens' tabs are more than the row holds.
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.goto(`${server.origin}/#/sessions`);
      // The tabs a reload keeps (set after the last navigation, which writes the page's own).
      await page.evaluate(() => localStorage.setItem("chatml.tabs", JSON.stringify(["#/settings", "#/new", "#/prs", "#/integrations", "#/jobs", "#/search", "#/skills", "#/sessions"])));
      await page.reload();
      const row = page.getByRole("navigation", { name: "Tabs" });
      const isShown = (name: string) =>
        row.getByRole("link", { name, exact: true }).evaluate((link) => {
          const [box, strip] = [link.getBoundingClientRect(), link.closest("nav")!.getBoundingClientRect()];
          return box.width > 0 && box.left >= strip.left - 1 && box.right <= strip.right + 1;
        });
      await row.getByRole("link", { name: "All sessions", exact: true }).waitFor({ timeout: 20_000 });
      expect(await row.evaluate((nav) => nav.scrollWidth > nav.clientWidth)).toBe(true);
      await expect.poll(() => isShown("All sessions")).toBe(true);
      await page.screenshot({ path: join(SHOTS, "tab-strip-many-1024.png") });
      // Opened from the sidebar, each screen's tab comes into the row's view, at its start as at its end.
      const menu = page.getByRole("navigation", { name: "Conversations menu" });
      // Its tab is named as the sidebar names it ("All sessions", not "Sessions").
      for (const tab of ["Settings", "Pull requests", "All sessions", "Jobs"]) {
        await menu.getByRole("link", { name: tab, exact: true }).click();
        await expect.poll(() => row.getByRole("link", { name: tab, exact: true }).getAttribute("aria-current")).toBe("page");
        await expect.poll(() => isShown(tab)).toBe(true);
      }
    } finally {
      await context.close();
    }
  });

  it("is not drawn on a phone, whose screens are one tap apart instead", async () => {
    const { context, page } = await openSignedIn(browser, server, "phone", "#/settings");
    try {
      await page.getByRole("combobox", { name: "Theme" }).waitFor({ timeout: 20_000 });
      expect(await page.getByRole("navigation", { name: "Tabs" }).count()).toBe(0);
      expect(await page.locator('[role="tab"]').evaluateAll((tabs) => tabs.filter((tab) => !tab.closest('[role="tablist"]')).length)).toBe(0);
      await page.screenshot({ path: join(SHOTS, "tab-strip-390.png") });
    } finally {
      await context.close();
    }
  });
});
