import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { ChatmlClient } from "./support/chatml-client.ts";
import { isFocusRingWhole } from "./support/focus-ring.ts";
import { openSessionTerminals, SHOTS, signedInTerminalsStack } from "./support/terminals-page.ts";

type Listed = { terminals: { id: string; name: string; rows: number }[] };

/** True when the element's whole box is inside the page's viewport. */
async function isOnScreen(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const viewport = page.viewportSize()!;
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
}

/** Fails the test on any browser dialog: a rename by `window.prompt` was one (blocked or bare on a phone). */
function refuseDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on("dialog", (dialog) => {
    seen.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return seen;
}

describe("a terminal's room and its tab's name (real server, real PTY, Chromium)", () => {
  const stack = signedInTerminalsStack("chatml-term-room");
  afterEach(async () => {
    await stack.devices.closePages();
  });

  const client = () => new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
  const listed = async (id: string) => (await client().api<Listed>(`/api/sessions/${stack.sessionId}/terminals`)).terminals.find((t) => t.id === id);

  it("at 1440×900 the controls take one row above the terminal, its search shows only when asked, and a taller window gives its PTY more rows", async () => {
    const { terminal } = await client().api<{ terminal: { id: string } }>(`/api/sessions/${stack.sessionId}/terminals`, { body: { name: "Terminal 1", cols: 80, rows: 24 } });
    try {
      const page = await openSessionTerminals(stack.devices.newPage("desktop", { width: 1440, height: 900 }), stack.server.url, stack.sessionId);
      const region = page.getByRole("region", { name: "Terminals" });
      const screen = page.getByTestId("terminal-screen");
      // The tabs, new-terminal buttons and actions in one row (~52 px); before, a second row of actions and an
      // always-shown search row took ~90 px more, five of the terminal's rows.
      const above = async () => (await screen.boundingBox())!.y - (await region.boundingBox())!.y;
      await expect.poll(above, { timeout: 15_000 }).toBeLessThanOrEqual(60);
      expect(await page.getByRole("search").count()).toBe(0);
      await page.screenshot({ path: join(SHOTS, "terminals-room-1440x900.png") });

      // The PTY (as the server has it) takes the rows this window shows, and more in a taller one.
      const rowsShown = async () => Number((await region.getByText(/^\d+×\d+$/).innerText()).split("×")[1]);
      await expect.poll(async () => (await listed(terminal.id))?.rows === (await rowsShown()), { timeout: 15_000 }).toBe(true);
      const at900 = (await listed(terminal.id))!.rows;
      await page.setViewportSize({ width: 1440, height: 1200 });
      await expect.poll(async () => (await listed(terminal.id))?.rows ?? 0, { timeout: 15_000 }).toBeGreaterThan(at900 + 5);

      // Search on demand: the Search action, then Escape; Ctrl+Shift+F in the terminal (plain Ctrl+F stays the shell's).
      await page.getByRole("button", { name: "Search the output of Terminal 1" }).click();
      const box = page.getByRole("searchbox", { name: "Search the terminal" }).or(page.getByRole("textbox", { name: "Search the terminal" }));
      await expect.poll(() => box.evaluate((input) => input === document.activeElement)).toBe(true);
      await page.keyboard.press("Escape");
      await expect.poll(() => page.getByRole("search").count()).toBe(0);
      await screen.click();
      await page.keyboard.press("Control+F");
      expect(await page.getByRole("search").count()).toBe(0);
      await page.keyboard.press("Control+Shift+F");
      await expect.poll(() => box.evaluate((input) => input === document.activeElement)).toBe(true);
      await page.screenshot({ path: join(SHOTS, "terminals-room-search-1440x1200.png") });
    } finally {
      await client().api(`/api/terminals/${terminal.id}`, { method: "DELETE" });
    }
  }, 90_000);

  it("at 390×844 Rename turns the tab into a field (its focus ring whole): an empty and a too-long name are refused beside it, Enter saves, no browser prompt", async () => {
    const { terminal } = await client().api<{ terminal: { id: string } }>(`/api/sessions/${stack.sessionId}/terminals`, { body: { name: "Terminal 1", cols: 80, rows: 24 } });
    try {
      const page = await openSessionTerminals(stack.devices.newPage("phone", { width: 390, height: 844 }), stack.server.url, stack.sessionId);
      const dialogs = refuseDialogs(page);
      await page.getByRole("button", { name: "Actions for Terminal 1" }).tap();
      await page.getByRole("dialog").getByRole("button", { name: "Rename Terminal 1" }).tap();
      const field = page.getByRole("textbox", { name: "New name for Terminal 1" });
      // Ready to type into, its name selected (the sheet gave the focus back to its opener first).
      await expect.poll(() => field.evaluate((input) => input === document.activeElement)).toBe(true);
      expect(await field.inputValue()).toBe("Terminal 1");
      // Its focus ring whole: the tab row, scrolling sideways, cut the ring at the screen's left edge.
      expect(await isFocusRingWhole(field)).toBe(true);

      await field.fill("   ");
      await page.keyboard.press("Enter");
      const said = page.getByRole("form", { name: "Rename Terminal 1" }).getByRole("alert");
      await expect.poll(() => said.innerText()).toBe("A terminal needs a name: type one, or cancel to keep “Terminal 1”.");
      expect(await isOnScreen(page, said)).toBe(true);
      expect(await isOnScreen(page, page.getByRole("button", { name: "Cancel renaming Terminal 1" }))).toBe(true);
      await page.screenshot({ path: join(SHOTS, "terminals-rename-refused-390x844.png") });

      await field.fill("x".repeat(61));
      await page.getByRole("button", { name: "Save the name of Terminal 1" }).tap();
      await expect.poll(() => said.innerText()).toBe("At most 60 characters: this name has 61.");
      expect((await listed(terminal.id))?.name).toBe("Terminal 1");

      await field.fill("dev server");
      await page.keyboard.press("Enter");
      await page.getByRole("tab", { name: "dev server" }).waitFor({ timeout: 15_000 });
      expect((await listed(terminal.id))?.name).toBe("dev server");
      await page.screenshot({ path: join(SHOTS, "terminals-renamed-390x844.png") });
      expect(dialogs).toEqual([]);
    } finally {
      await client().api(`/api/terminals/${terminal.id}`, { method: "DELETE" });
    }
  }, 90_000);
});
