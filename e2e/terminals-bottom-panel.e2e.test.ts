import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { SHOTS, signedInTerminalsStack } from "./support/terminals-page.ts";

const DESKTOP = { width: 1440, height: 900 };

/** The PTY's size as the panel states it (the server's), e.g. [172, 26]. */
const ptySize = async (page: Page) => (await page.getByRole("region", { name: "Terminals" }).getByText(/^\d+×\d+$/).innerText()).split("×").map(Number);
/** How many rows the xterm on the page draws. */
const drawnRows = (page: Page) => page.getByTestId("terminal-screen").evaluate((host) => host.querySelectorAll(".xterm-rows > div").length);

/**
 * The PTY's size once it is the panel's: a new terminal starts at 80×24 and is then fitted to the panel (wider than 80
 * columns at 1440 px), and the xterm draws as many rows as the PTY has.
 */
async function panelSize(page: Page): Promise<number[]> {
  let size: number[] = [];
  const isFitted = async () => {
    size = await ptySize(page);
    return size[0]! > 80 && size[1] === (await drawnRows(page));
  };
  await expect.poll(isFitted, { timeout: 15_000 }).toBe(true);
  return size;
}
const box = async (element: Locator) => (await element.boundingBox())!;

/** Opens the session at 1440×900 on a device with no panel sizes of its own (closePages forgets them). */
async function openSession(page: Page, origin: string, sessionId: string): Promise<Page> {
  await page.goto(`${origin}/#/s/${sessionId}`);
  // A browser's first page of the run loads the whole app: with the 2 cores busy that took up to 11 s.
  await page.getByRole("region", { name: "Terminals" }).waitFor({ timeout: 30_000 });
  return page;
}

describe("the desktop session's bottom panel at 1440×900", () => {
  const stack = signedInTerminalsStack("chatml-bottom");

  afterEach(async () => {
    await stack.devices.closePages();
  });

  it("folded, its mode picker sits inside the row like the buttons, off the window's bottom edge", async () => {
    const page = await openSession(await stack.devices.newPage("desktop", DESKTOP), stack.server.origin, stack.sessionId);
    const bar = await box(page.getByRole("region", { name: "Terminals" }));
    const picker = await box(page.getByRole("combobox", { name: "Mode of a new interactive Claude" }).locator(".."));
    const claude = await box(page.getByRole("button", { name: "+ Claude" }));
    await page.screenshot({ path: join(SHOTS, "terminals-folded-bar-1440x900.png") });
    // The picker's bordered box touched the window's bottom edge (the row had no room under its 44 px controls).
    expect(picker.height).toBe(claude.height);
    expect(picker.y).toBeGreaterThan(bar.y + 1);
    expect(picker.y + picker.height).toBeLessThanOrEqual(bar.y + bar.height - 2);
    expect(picker.y + picker.height).toBeLessThanOrEqual(DESKTOP.height - 2);
  }, 60_000);

  it("a terminal opened there gets at least 24 rows by default, and a height the user dragged to is kept after a reload", async () => {
    const page = await openSession(await stack.devices.newPage("desktop", DESKTOP), stack.server.origin, stack.sessionId);
    await page.getByRole("button", { name: "+ Terminal" }).click();
    await page.getByTestId("terminal-screen").locator(".xterm-rows").waitFor({ timeout: 15_000 });
    // Under 45 % of the column it had 20 rows, with the conversation's half above mostly empty.
    const [, rows] = await panelSize(page);
    expect(rows).toBeGreaterThanOrEqual(24);
    await page.screenshot({ path: join(SHOTS, "terminals-default-height-1440x900.png") });

    // The user's own height (the splitter moved down, a smaller terminal) wins over the default, through a reload.
    const splitter = page.getByRole("separator", { name: "Resize the bottom panel" });
    await splitter.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
    await expect.poll(async () => (await ptySize(page))[1], { timeout: 15_000 }).toBeLessThan(rows!);
    const [, draggedRows] = await panelSize(page);
    await page.reload();
    await page.getByTestId("terminal-screen").locator(".xterm-rows").waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await panelSize(page))[1], { timeout: 15_000 }).toBe(draggedRows);
  }, 90_000);
});
