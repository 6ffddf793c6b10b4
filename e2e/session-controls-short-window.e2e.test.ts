import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReplayCliBin } from "../server/claude/fixtures/replay-cli/replay-cli-bin.ts";
import { launchBrowser, REPO_ROOT, startChatml, tempDir, type ChatmlServer } from "./harness/index.ts";
import { SignedInDevices } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "session-controls-short-window");

/**
 * The Session controls card in a short laptop window (1440×600) and on a phone: its actions (End process, Relaunch,
 * Delete) are in view as it opens, under settings that scroll within the card, not a scroll of the card away.
 */
describe("the Session controls' actions in a short window", () => {
  let server: ChatmlServer;
  let browser: Browser;
  let devices: SignedInDevices;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const env = { ...(process.env as Record<string, string>), REPLAY_CLI_VERSION: "2.1.330" };
    server = await startChatml({ dataDir: tempDir("chatml-short-controls-data"), claudeBin: await writeReplayCliBin(), env });
    browser = await launchBrowser();
    devices = new SignedInDevices(browser, server);
  });

  afterAll(async () => {
    await devices?.close();
    await browser?.close();
    await server?.stop();
  });

  it("shows End process, Relaunch and Delete without scrolling, on a 1440×600 desktop and a phone", async () => {
    const desktop = await devices.newPage("desktop", { width: 1440, height: 600 });
    await desktop.goto(`${server.origin}/#/`);
    await desktop.getByRole("textbox", { name: "Folder path" }).fill(tempDir("chatml-short-controls-work"));
    await desktop.getByRole("button", { name: "Start conversation" }).click();
    await desktop.getByRole("textbox", { name: "Message" }).waitFor({ timeout: 15_000 });
    const phone = await devices.open("phone", new URL(desktop.url()).hash);

    for (const [name, page] of [["desktop-1440x600", desktop], ["phone", phone]] as const) {
      await page.getByRole("button", { name: "Session controls" }).click();
      const card = page.getByRole("dialog", { name: "Session controls" });
      // Its settings are taller than the window's room for it: they scroll, inside the card.
      await expect.poll(() => card.getByTestId("session-controls-body").evaluate((body) => body.scrollHeight > body.clientHeight), { timeout: 10_000 }).toBe(true);
      for (const action of [card.getByRole("button", { name: "End process" }), card.getByRole("button", { name: "Relaunch" }), card.getByRole("button", { name: "Delete conversation" })]) {
        expect(await isFullyInView(page, card, action), (await action.textContent()) ?? "").toBe(true);
      }
      await page.screenshot({ path: join(SHOTS, `${name}.png`) });
    }
  });
});

/** Whether `target` lies wholly inside the window and inside `card`'s box, as it is now (no scrolling first). */
async function isFullyInView(page: Page, card: Locator, target: Locator): Promise<boolean> {
  const [box, cardBox] = [await target.boundingBox(), await card.boundingBox()];
  const viewport = page.viewportSize();
  if (!box || !cardBox || !viewport) return false;
  const bottom = Math.min(viewport.height, cardBox.y + cardBox.height);
  return box.y >= Math.max(0, cardBox.y) && box.y + box.height <= bottom + 0.5;
}
