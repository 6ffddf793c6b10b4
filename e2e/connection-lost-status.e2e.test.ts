import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReplayCliBin } from "../server/claude/fixtures/replay-cli/replay-cli-bin.ts";
import { launchBrowser, REPO_ROOT, startChatml, tempDir, type ChatmlServer } from "./harness/index.ts";
import { SignedInDevices } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "connection-lost-status");
const LAST_KNOWN_RUNNING = "Last known: running\u00a0· connection lost";

/**
 * The server dies mid-turn: a phone and a desktop watching the conversation stop saying "Running" with a timer counting
 * on (nothing is known to run while they hear nothing) and say what was last known; once the server is back they show
 * its live status again, without a reload.
 */
describe("a conversation's status while the server is down", () => {
  let server: ChatmlServer;
  let browser: Browser;
  let devices: SignedInDevices;
  let claudeBin: string;
  let env: Record<string, string>;
  const dataDir = tempDir("chatml-lost-status-data");

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    claudeBin = await writeReplayCliBin();
    env = { ...(process.env as Record<string, string>), REPLAY_CLI_VERSION: "2.1.330" };
    server = await startChatml({ dataDir, claudeBin, env });
    browser = await launchBrowser();
    devices = new SignedInDevices(browser, server);
  });

  afterAll(async () => {
    await devices?.close();
    await browser?.close();
    await server?.stop();
  });

  it("says the last known status with its timer stopped on a phone and a desktop, and the live one once the server is back", async () => {
    const desktop = await devices.open("desktop", "#/");
    await desktop.getByRole("textbox", { name: "Folder path" }).fill(tempDir("chatml-lost-status-work"));
    await desktop.getByRole("button", { name: "Start conversation" }).click();
    const box = desktop.getByRole("textbox", { name: "Message" });
    await box.waitFor({ timeout: 15_000 });
    await box.fill("stream 2000 20 0");
    await desktop.getByRole("button", { name: "Send", exact: true }).click();
    await expect.poll(() => statusOf(desktop), { timeout: 20_000 }).toBe("Running");
    const phone = await devices.open("phone", new URL(desktop.url()).hash);
    await expect.poll(() => phoneStatusOf(phone), { timeout: 20_000 }).toBe("Status: Running. Details");

    server.kill("SIGKILL");
    await server.proc.exited;
    await expect.poll(() => statusOf(desktop), { timeout: 15_000 }).toBe(LAST_KNOWN_RUNNING);
    await expect.poll(() => phoneStatusOf(phone), { timeout: 15_000 }).toBe(`Status: ${LAST_KNOWN_RUNNING}. Details`);
    for (const page of [desktop, phone]) {
      const working = page.getByTestId("working-indicator");
      await expect.poll(() => working.innerText(), { timeout: 5_000 }).toMatch(/^Last known: working(\u00a0· .+)?\u00a0· connection lost$/);
      expect(await working.locator(".animate-spin").count()).toBe(0);
    }
    await desktop.screenshot({ path: join(SHOTS, "desktop-connection-lost.png") });
    await phone.screenshot({ path: join(SHOTS, "phone-connection-lost.png") });

    server = await startChatml({ dataDir, claudeBin, env, port: server.port });
    // The killed server's CLI went with it: the status the new server reports is live again, and says so plainly.
    for (const page of [desktop, phone]) {
      await expect.poll(() => page.getByTestId("conversation-status").getAttribute("data-last-known"), { timeout: 20_000 }).toBeNull();
      expect(await page.getByTestId("conversation-status").innerText()).not.toMatch(/Last known|Running/);
    }
    expect(await phoneStatusOf(phone)).not.toContain("Last known");
  });
});

async function statusOf(page: Page): Promise<string> {
  return page.getByTestId("conversation-status").innerText();
}

async function phoneStatusOf(page: Page): Promise<string | null> {
  return page.getByRole("button", { name: /^Status:/ }).getAttribute("aria-label");
}
