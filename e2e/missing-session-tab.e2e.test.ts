import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unnamedControls } from "./support/accessible-names.ts";
import { openSignedIn, SCREEN_SIZES } from "./support/signed-in-page.ts";
import { REPO_ROOT, type ChatmlServer, type FakeApi, startStack, stopStack } from "./harness/index.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");
/** A session id of the right shape that this server never had (a link from another machine, a session long deleted). */
const MISSING = "#/s/ses_00000000000000000000000000";

describe("a tab opened on a session that does not exist", () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ api, server, browser } = await startStack("chatml-missing-tab"));
  });
  afterAll(async () => {
    await stopStack({ api, server, browser });
  });

  it.each(SCREEN_SIZES)("on a %s: says the session is missing, in its tab too, and closes", async (name) => {
    const { context, page } = await openSignedIn(browser, server, name, MISSING);
    try {
      await page.getByText("This session does not exist (any more).").waitFor({ timeout: 20_000 });
      if (name === "desktop") await page.getByRole("navigation", { name: "Tabs" }).getByRole("link", { name: "Missing session" }).waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(SHOTS, `missing-session-${name}.png`) });
      expect(await unnamedControls(page)).toEqual([]);
      await page.getByRole("button", { name: "Close this tab" }).click();
      await expect.poll(() => new URL(page.url()).hash, { timeout: 10_000 }).toBe("");
      await page.getByText("This session does not exist (any more).").waitFor({ state: "detached", timeout: 10_000 });
      expect(await page.evaluate(() => localStorage.getItem("chatml.tabs") ?? "[]")).not.toContain("ses_00000000000000000000000000");
      if (name === "desktop") expect(await page.getByRole("navigation", { name: "Tabs" }).getByRole("link").allTextContents()).toEqual(["Home"]);
    } finally {
      await context.close();
    }
  });

  // Their lists may be partial (a job's older runs): the tab asks the server for the one id, and a 404 is said. A
  // link cut short or mistyped names nothing either: it gets the same screen, not the server's "expected a … id"
  // beside a status and a message box.
  it.each([
    ["conversation", "#/c/cnv_00000000000000000000000000"],
    ["goal", "#/g/gol_00000000000000000000000000"],
    ["run", "#/r/run_00000000000000000000000000"],
    ["conversation", "#/c/cnv_cut"],
    ["run", "#/r/nightly"],
  ])("on a desktop, a tab of a %s that does not exist says so and closes", async (what, hash) => {
    const { context, page } = await openSignedIn(browser, server, "desktop", hash);
    try {
      await page.getByText(`This ${what} does not exist (any more).`).waitFor({ timeout: 20_000 });
      await page.getByRole("navigation", { name: "Tabs" }).getByRole("link", { name: `Missing ${what}` }).waitFor({ timeout: 10_000 });
      expect(await page.getByText(/expected a \w+ id/).count()).toBe(0);
      await page.screenshot({ path: join(SHOTS, `missing-${what}-desktop.png`) });
      await page.getByRole("button", { name: "Close this tab" }).click();
      await expect.poll(() => new URL(page.url()).hash, { timeout: 10_000 }).toBe("");
      expect(await page.getByRole("navigation", { name: "Tabs" }).getByRole("link").allTextContents()).toEqual(["Home"]);
    } finally {
      await context.close();
    }
  });
});
