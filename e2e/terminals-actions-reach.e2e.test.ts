import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { terminalScreens } from "./harness/failure-context.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { isFocusRingWhole } from "./support/focus-ring.ts";
import { openSessionTerminals, SHOTS, signedInTerminalsStack } from "./support/terminals-page.ts";

/** True when the element's whole box is inside the page's viewport (nothing past an edge). */
async function isOnScreen(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const viewport = page.viewportSize()!;
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
}

/** The PTY's size as the panel states it (the server's), e.g. "101×14". */
const ptySize = (page: Page) => page.getByRole("region", { name: "Terminals" }).getByText(/^\d+×\d+$/).innerText();

describe("a terminal's actions at every screen size", () => {
  const stack = signedInTerminalsStack("chatml-term-actions");

  // Each test starts from a session without terminals, on devices that show nothing of the last one.
  afterEach(async () => {
    await stack.devices.closePages();
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const { terminals } = await client.api<{ terminals: { id: string }[] }>(`/api/sessions/${stack.sessionId}/terminals`);
    await Promise.all(terminals.map((terminal) => client.api(`/api/terminals/${terminal.id}`, { method: "DELETE" })));
  });

  /** Opens `count` shell terminals over the API (their tabs fill the row), the last one chosen. */
  async function openTerminals(count: number): Promise<void> {
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    for (let n = 1; n <= count; n++) await client.api(`/api/sessions/${stack.sessionId}/terminals`, { body: { name: `Terminal ${n}`, cols: 80, rows: 24 } });
  }

  it("on a phone turned sideways (844×390) Rename, Kill, Restart and Close stay reachable on screen, by name", async () => {
    await openTerminals(3);
    const page = await openSessionTerminals(stack.devices.newPage("phone", { width: 844, height: 390 }), stack.server.origin, stack.sessionId, { unfold: false });
    await page.getByRole("tab", { name: "Terminal 3" }).tap();
    await page.getByTestId("terminal-screen").locator(".xterm-rows").waitFor({ timeout: 15_000 });
    // The three tabs, the new-terminal buttons and the mode picker fill the row: the actions were past its right edge.
    const opener = page.getByRole("button", { name: "Actions for Terminal 3" });
    expect(await isOnScreen(page, opener)).toBe(true);
    await opener.tap();
    const sheet = page.getByRole("dialog", { name: "Terminal “Terminal 3”" });
    for (const action of ["Rename", "Kill", "Restart", "Close"]) expect(await isOnScreen(page, sheet.getByRole("button", { name: `${action} Terminal 3` }))).toBe(true);
    await page.screenshot({ path: join(SHOTS, "terminal-actions-sideways.png") });
    await sheet.getByRole("button", { name: "Close Terminal 3" }).tap();
    await page.getByRole("tab", { name: "Terminal 3" }).waitFor({ state: "detached" });
    await page.getByTestId("terminal-screen").locator(".xterm-rows").waitFor({ timeout: 15_000 });
    // The terminal shown in its place is sized to this screen (its size claimed after the change).
    await expect.poll(async () => Number((await ptySize(page)).split("×")[1]), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
    await expect.poll(() => ptySize(page), { timeout: 15_000 }).not.toBe("80×24");
  }, 90_000);

  it("in an 844×390 window beside the sidebar an exited Claude's long notice scrolls, and the terminal keeps room under it", async () => {
    await openTerminals(1);
    // This stack's HOME has not done Claude Code's first-run setup: the TUI exits at once, and says so at length.
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    await client.api(`/api/sessions/${stack.sessionId}/claude`, { body: { cols: 80, rows: 24 } });
    // A mouse device keeps the sidebar at this width: the panel is narrower, so the notice runs to more lines.
    const page = await openSessionTerminals(stack.devices.newPage("desktop", { width: 844, height: 390 }), stack.server.origin, stack.sessionId, { unfold: false });
    const exited = page.getByRole("tab", { name: /exited/ });
    await exited.waitFor({ timeout: 60_000 });
    await exited.click();
    const notice = page.getByTestId("terminal-exit-problem");
    await notice.waitFor();
    await page.screenshot({ path: join(SHOTS, "terminal-exit-notice-sideways.png") });
    // The notice took what was left: the terminal got 16 px, under one line of its own.
    expect((await page.getByTestId("terminal-screen").boundingBox())!.height).toBeGreaterThanOrEqual(80);
    expect(await notice.evaluate((text) => text.parentElement!.scrollHeight > text.parentElement!.clientHeight)).toBe(true);
    expect(await isOnScreen(page, page.getByRole("button", { name: /^Actions for Claude/ }))).toBe(true);
  }, 120_000);

  it("on a desktop whose bottom panel is narrower (1024×900) Hide stays on the tabs' line, beside + Terminal, with five tabs", async () => {
    await openTerminals(5);
    const page = await openSessionTerminals(stack.devices.newPage("desktop", { width: 1024, height: 900 }), stack.server.origin, stack.sessionId);
    const hide = page.getByRole("button", { name: "Hide terminals" });
    const newTerminal = page.getByRole("region", { name: "Terminals" }).getByRole("button", { name: "+ Terminal" });
    await page.screenshot({ path: join(SHOTS, "terminal-actions-desktop.png") });
    const [hideBox, newBox, tabBox] = await Promise.all([hide.boundingBox(), newTerminal.boundingBox(), page.getByRole("tablist", { name: "Terminals of this session" }).getByRole("tab").first().boundingBox()]);
    expect(hideBox?.y).toBe(newBox?.y);
    expect(hideBox?.y).toBe(tabBox?.y);
    expect(await isOnScreen(page, hide)).toBe(true);
    for (const action of ["Rename", "Restart", "Close"]) expect(await isOnScreen(page, page.getByRole("button", { name: new RegExp(`^${action} Terminal`) }))).toBe(true);
  }, 90_000);

  it("at 1440×900 a tab's rename field keeps the row whole: every action on the tabs' line, and never one alone on a second", async () => {
    await openTerminals(1);
    const page = await openSessionTerminals(stack.devices.newPage("desktop", { width: 1440, height: 900 }), stack.server.origin, stack.sessionId);
    const lineOf = async (element: Locator) => (await element.boundingBox())!.y;
    const actionLines = (name: string) => Promise.all(["Search the output of", "Rename", "Kill", "Restart", "Close"].map((action) => lineOf(page.getByRole("button", { name: `${action} ${name}`, exact: true }))));
    const rename = async (name: string) => {
      await page.getByRole("tab", { name }).click();
      await page.getByRole("button", { name: `Rename ${name}` }).click();
      await page.getByRole("textbox", { name: `New name for ${name}` }).waitFor();
    };
    await rename("Terminal 1");
    await page.screenshot({ path: join(SHOTS, "terminal-renaming-1440x900.png") });
    // The field's focus ring whole: the tabs' box, scrolling sideways, showed only a sliver of it.
    await expect.poll(() => isFocusRingWhole(page.getByRole("textbox", { name: "New name for Terminal 1" }))).toBe(true);
    const tabsLine = await lineOf(page.getByRole("region", { name: "Terminals" }).getByRole("button", { name: "+ Terminal" }));
    // Close wrapped alone onto a line of its own: a fixed 16rem field took the room the actions had.
    expect(await actionLines("Terminal 1")).toEqual(Array(5).fill(tabsLine));
    expect(await lineOf(page.getByRole("button", { name: "Hide terminals" }))).toBe(tabsLine);
    await page.keyboard.press("Escape");

    // With a second tab the row has no room for them all: the actions move under the tabs together, none left behind.
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    await client.api(`/api/sessions/${stack.sessionId}/terminals`, { body: { name: "Terminal 2", cols: 80, rows: 24 } });
    await rename("Terminal 2");
    const lines = await actionLines("Terminal 2");
    expect(new Set(lines).size).toBe(1);
    await page.screenshot({ path: join(SHOTS, "terminal-renaming-2-tabs-1440x900.png") });
  }, 90_000);

  /** A 1440×900 terminal that printed 60 lines holding "needle", its search row open with "needle" typed in. */
  async function searchSixtyNeedles(): Promise<{ page: Page; box: Locator; said: Locator }> {
    await openTerminals(1);
    const page = await openSessionTerminals(stack.devices.newPage("desktop", { width: 1440, height: 900 }), stack.server.origin, stack.sessionId);
    await page.getByTestId("terminal-screen").click();
    // The word split in the command, so only the 60 printed lines hold it.
    await page.keyboard.type("printf 'line %s ne''edle\\n' $(seq 1 60)\n");
    await expect.poll(() => terminalScreens(page), { timeout: 15_000 }).toContain("line 60 needle");
    await page.getByRole("button", { name: "Search the output of Terminal 1" }).click();
    const box = page.getByRole("textbox", { name: "Search the terminal" });
    await box.fill("needle");
    return { page, box, said: page.getByRole("search").getByRole("status") };
  }

  it("at 1440×900 a search says which match is chosen among how many, Enter and Shift+Enter move it, and closed it keeps the word", async () => {
    const { page, box, said } = await searchSixtyNeedles();
    await box.press("Enter");
    // Before, Find moved the selection and said nothing: a second Enter could not be told from none, and no key went back.
    await expect.poll(() => said.innerText()).toBe("1 of 60");
    // The chosen match is framed, apart from the others: the addon selects it, and xterm painted the selection's grey
    // over its mark, the grey of every other match ("1 of 60" pointed at nothing to see).
    const framed = page.getByTestId("terminal-screen").locator(".xterm-decoration[style*='outline']");
    await expect.poll(() => framed.count()).toBe(1);
    const framedAt = async () => (await framed.boundingBox())?.y;
    const firstAt = await framedAt();
    // Each key moves it once, however late the search row's own room reaches the terminal: that resize dropped the
    // chosen match, and CI's second Enter said "1 of 60" again (keepChosenMatch).
    await box.press("Enter");
    await expect.poll(() => said.innerText()).toBe("2 of 60");
    await expect.poll(framedAt).not.toBe(firstAt);
    await box.press("Shift+Enter");
    await expect.poll(() => said.innerText()).toBe("1 of 60");
    await page.screenshot({ path: join(SHOTS, "terminal-search-count-1440x900.png") });

    // Closed and opened again (Escape gives the terminal the keys; Ctrl+Shift+F there): before, the row came back
    // empty and said nothing, so the word was typed again to find it again.
    const reopen = async () => {
      await box.press("Escape");
      await box.waitFor({ state: "detached" });
      await page.keyboard.press("Control+Shift+F");
      await box.waitFor();
    };
    await reopen();
    expect(await box.inputValue()).toBe("needle");
    expect(await said.innerText()).toBe("1 of 60");
    await box.press("Enter");
    await expect.poll(() => said.innerText()).toMatch(/^\d+ of 60$/);
    // The kept word is selected when the row opens: what is typed replaces it.
    await reopen();
    await page.keyboard.type("haystack");
    expect(await box.inputValue()).toBe("haystack");
    await page.getByRole("button", { name: "Previous match" }).click();
    await expect.poll(() => said.innerText()).toBe("No match");
  }, 90_000);

  it("at 1440×900 the chosen match stays chosen when the window's height changes, and Enter goes on from it", async () => {
    const { page, box, said } = await searchSixtyNeedles();
    for (const count of [1, 2, 3]) {
      await box.press("Enter");
      await expect.poll(() => said.innerText()).toBe(`${count} of 60`);
    }
    const before = await ptySize(page);
    await page.setViewportSize({ width: 1440, height: 640 });
    await expect.poll(() => ptySize(page), { timeout: 15_000 }).not.toBe(before);
    // Before, fewer rows dropped the selection and the addon's search after a resize chose the last match ("60 of 60"),
    // so this Enter went round to "1 of 60".
    await box.press("Enter");
    await expect.poll(() => said.innerText()).toBe("4 of 60");
    await page.screenshot({ path: join(SHOTS, "terminal-search-kept-after-resize-1440x640.png") });
  }, 90_000);
});
