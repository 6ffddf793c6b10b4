import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, type ChatmlServer, type FakeApi, stopStack } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { openSessionTerminals, startTerminalsStack } from "./support/terminals-page.ts";
import { SignedInDevices } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");
const PHONE = { width: 390, height: 844 };

/** True when the element's whole box is inside the page's viewport (nothing past an edge). */
async function isOnScreen(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const viewport = page.viewportSize()!;
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
}

describe("the terminals' tab row on a phone", () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let sessionId = "";
  let devices: SignedInDevices;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ api, server, browser, sessionId } = await startTerminalsStack("chatml-tabrow"));
    devices = new SignedInDevices(browser, server);
  });

  afterAll(async () => {
    await devices?.close();
    await stopStack({ api, server, browser });
  });

  it("at 390×844 with 2, 3 and 5 terminals, + Terminal, + Claude and its mode picker stay on screen, and every tab is reachable", async () => {
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    await client.api(`/api/sessions/${sessionId}/terminals`, { body: { name: "Terminal 1", cols: 80, rows: 24 } });
    try {
      const page = await openSessionTerminals(devices.newPage("phone", PHONE), server.url, sessionId);
      const tabs = page.getByRole("tablist", { name: "Terminals of this session" }).getByRole("tab");
      const controls = [
        page.getByRole("combobox", { name: "Mode of a new interactive Claude" }),
        page.getByRole("button", { name: "+ Claude" }),
        page.getByRole("button", { name: "+ Terminal" }),
      ];
      // A voice-control user says what they see: each button's visible text is its whole name (label in name).
      for (const shown of ["+ Terminal", "+ Claude"]) {
        const button = page.getByRole("button", { name: shown, exact: true });
        await expect.poll(() => button.count()).toBe(1);
        expect((await button.innerText()).trim()).toBe(shown);
      }
      // Counted here, not from the page: a tab count read before the page heard of the last one made one too many.
      let created = 1;
      for (const count of [2, 3, 5]) {
        for (; created < count; created++) await client.api(`/api/sessions/${sessionId}/terminals`, { body: { name: `Terminal ${created + 1}`, cols: 80, rows: 24 } });
        await expect.poll(() => tabs.count()).toBe(count);
        for (const control of controls) await expect.poll(() => isOnScreen(page, control)).toBe(true);
        // The page itself never scrolls sideways: only the tabs do, in their own row.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        await page.screenshot({ path: join(SHOTS, `terminals-phone-${count}-tabs.png`) });
      }
      // The last tab, past the row's edge, is scrolled to and chosen with a tap; the picker stays where it was.
      const last = tabs.last();
      await last.tap();
      await expect.poll(() => last.getAttribute("aria-selected")).toBe("true");
      await expect.poll(() => isOnScreen(page, last)).toBe(true);
      await expect.poll(() => isOnScreen(page, controls[0]!)).toBe(true);

      // The terminal gets the room: tabs, size and actions on one row, new terminals and the sessions from outside
      // ChatML on the next (four rows, ~190 px, took it before), every control still reachable by name.
      const region = (await page.getByRole("region", { name: "Terminals" }).boundingBox())!;
      const below = (await page.getByTestId("terminal-notices").boundingBox())!;
      expect(below.y - region.y).toBeLessThanOrEqual(2 * 52);
      await expect.poll(() => isOnScreen(page, page.getByRole("button", { name: /^Actions for Terminal/ }))).toBe(true);
      await page.getByRole("button", { name: "Claude Code sessions from outside ChatML" }).waitFor();
    } catch (error) {
      await devices.keepPagesOfFailure();
      throw error;
    } finally {
      await devices.closePages();
    }
  });

  it("at 390×844 the chosen tab, last in the row, stays whole when the fact beside the tabs grows (its shell exits)", async () => {
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    const { terminals } = await client.api<{ terminals: { id: string }[] }>(`/api/sessions/${sessionId}/terminals`);
    await Promise.all(terminals.map((terminal) => client.api(`/api/terminals/${terminal.id}`, { method: "DELETE" })));
    for (const name of ["Terminal 1", "Terminal 2", "Terminal 3"]) await client.api(`/api/sessions/${sessionId}/terminals`, { body: { name, cols: 80, rows: 24 } });
    try {
      const page = await openSessionTerminals(devices.newPage("phone", PHONE), server.url, sessionId);
      const list = page.getByRole("tablist", { name: "Terminals of this session" });
      const last = list.getByRole("tab").last();
      await last.tap();
      await expect.poll(() => last.getAttribute("aria-selected")).toBe("true");
      const isWholeInRow = async () => {
        const [tab, row] = await Promise.all([last.boundingBox(), list.boundingBox()]);
        return tab !== null && row !== null && tab.x >= row.x - 0.5 && tab.x + tab.width <= row.x + row.width + 0.5;
      };
      await expect.poll(isWholeInRow).toBe(true);
      await page.getByTestId("terminal-screen").locator(".xterm-rows").waitFor({ timeout: 15_000 });
      await page.getByTestId("terminal-screen").tap();
      await page.keyboard.type("exit 3\n");
      // "47×39" became "exited with code 3" beside the tabs, and the row left the chosen tab cut at its edge.
      await page.getByTestId("terminal-fact").filter({ hasText: "exited with code 3" }).waitFor({ timeout: 15_000 });
      await expect.poll(isWholeInRow).toBe(true);
      await page.screenshot({ path: join(SHOTS, "terminals-phone-chosen-tab-exited.png") });
    } catch (error) {
      await devices.keepPagesOfFailure();
      throw error;
    } finally {
      await devices.closePages();
    }
  });
});
