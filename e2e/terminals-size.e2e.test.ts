import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { openSessionTerminals, signedInTerminalsStack, visualKeyboard } from "./support/terminals-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

const screenOf = (page: Page) => page.getByTestId("terminal-screen").locator(".xterm-rows").innerText();
/** The PTY's size as the panel states it (the server's), e.g. [47, 33]. */
const ptySize = async (page: Page) => (await page.getByRole("region", { name: "Terminals" }).getByText(/^\d+×\d+$/).innerText()).split("×").map(Number);
type Claim = { cols: number; rows: number };

/** Every size the page claims for a terminal (its `terminal_resize` frames), in order; call before the page opens its socket. */
function claimedSizes(page: Page): Claim[] {
  const claims: Claim[] = [];
  page.on("websocket", (ws) =>
    ws.on("framesent", ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { type?: string } & Claim;
      if (frame.type === "terminal_resize") claims.push({ cols: frame.cols, rows: frame.rows });
    }),
  );
  return claims;
}

/**
 * The PTY's size once the server applied the last size this page claimed: the server announces the size it applied
 * (its `terminals` frame), which is what the panel states. Two frames first: a layout change already made is then
 * measured and claimed (the claim goes in the frame after the panel's resize is observed). After a change of the
 * viewport, `isExpected` says what the new size must be: on a busy machine the new layout may be claimed later than
 * two frames, and the size claimed before it is still "applied".
 */
async function appliedSize(page: Page, claims: Claim[], isExpected: (size: number[]) => boolean = () => true): Promise<number[]> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  let size: number[] = [];
  const isApplied = async () => {
    const last = claims.at(-1);
    size = await ptySize(page);
    return last !== undefined && size.join() === [last.cols, last.rows].join() && isExpected(size);
  };
  await expect.poll(isApplied, { timeout: 15_000 }).toBe(true);
  return size;
}

/** Records every "Sized for a … screen" notice that appears on the page from now on, however briefly. */
async function watchOtherSizeNotices(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { otherSizeNotices: seen });
    new MutationObserver(() => document.querySelectorAll("[data-other-size]").forEach((notice) => seen.push(notice.textContent ?? ""))).observe(document.body, { subtree: true, childList: true });
  });
  return () => page.evaluate(() => (window as unknown as { otherSizeNotices: string[] }).otherSizeNotices);
}

/** Closes the chosen terminal through the actions sheet a short screen keeps them in. */
async function closeFromActions(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^Actions for Terminal/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: /^Close Terminal/ }).click();
}

/** How many rows the xterm on the page draws. */
const drawnRows = (page: Page) => page.getByTestId("terminal-screen").evaluate((host) => host.querySelectorAll(".xterm-rows > div").length);

/** Whether the row that reads `text` lies inside the terminal's box on screen (not cut off below it). */
async function isRowVisible(page: Page, text: RegExp): Promise<boolean> {
  const host = await page.getByTestId("terminal-screen").boundingBox();
  const row = await page.getByTestId("terminal-screen").locator(".xterm-rows > div").filter({ hasText: text }).last().boundingBox();
  return Boolean(host && row && row.y >= host.y && row.y + row.height <= host.y + host.height + 1);
}

describe("a terminal shown by two devices at different sizes takes the size of the one that shows it", () => {
  // A phone and a desktop signed in once for the file (ADR 0096); a test needing another screen resizes its own page.
  const stack = signedInTerminalsStack("chatml-term-size");

  // Each test starts from a session without terminals, as a passing one leaves it, on devices that show nothing and
  // remember nothing of it: a failing one does not cascade.
  afterEach(async () => {
    await stack.devices.closePages();
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const { terminals } = await client.api<{ terminals: { id: string }[] }>(`/api/sessions/${stack.sessionId}/terminals`);
    await Promise.all(terminals.map((terminal) => client.api(`/api/terminals/${terminal.id}`, { method: "DELETE" })));
  });

  /** `opened` (a blank page) showing the session's terminals with a new one open, and every size it claimed from the start. */
  async function openNewTerminal(opened: Page): Promise<{ page: Page; claims: Claim[] }> {
    const claims = claimedSizes(opened);
    const page = await openSessionTerminals(Promise.resolve(opened), stack.server.origin, stack.sessionId, { unfold: false });
    await page.getByRole("button", { name: "+ Terminal" }).click();
    await page.getByTestId("terminal-screen").locator(".xterm-rows").waitFor({ timeout: 15_000 });
    return { page, claims };
  }

  it("on a phone with the keyboard open (a short viewport) the terminal keeps the room to type in", async () => {
    const { page: phone, claims } = await openNewTerminal(await stack.devices.newPage("phone", { width: 390, height: 450 }));
    const [, rows] = await appliedSize(phone, claims);
    await phone.screenshot({ path: join(SHOTS, "terminal-short-phone.png") });
    // The outside-sessions button and the terminal's actions share one row (scrolling sideways), the search row waits
    // behind the key bar's Find and the keys are smaller: 7 rows were left, then 10.
    expect(rows).toBeGreaterThanOrEqual(13);
    expect(await phone.getByRole("search").count()).toBe(0);
    const findKey = phone.getByRole("toolbar", { name: "Terminal keys" }).getByRole("button", { name: "Search the terminal output" });
    await findKey.tap();
    expect(await findKey.getAttribute("aria-expanded")).toBe("true");
    await phone.getByRole("search").getByRole("textbox", { name: "Search the terminal" }).waitFor();
    await phone.screenshot({ path: join(SHOTS, "terminal-short-phone-search.png") });
    await phone.getByRole("search").getByRole("button", { name: "Close the search" }).tap();
    await phone.getByRole("search").waitFor({ state: "detached" });
    await phone.getByRole("button", { name: "Claude Code sessions from outside ChatML" }).waitFor();
    // The actions wait in a sheet opened from the row's end, which stays on screen however far the row scrolls.
    await phone.getByRole("button", { name: /^Actions for Terminal/ }).tap();
    for (const name of ["Rename", "Kill", "Restart", "Close"]) await phone.getByRole("dialog").getByRole("button", { name: new RegExp(`^${name} `) }).waitFor();
    await phone.getByRole("dialog").getByRole("button", { name: /^Close Terminal/ }).tap();
    await phone.getByText("No terminals yet.", { exact: false }).waitFor();
  }, 60_000);

  it("in an 800×600 window the bottom panel's terminal fits the panel, its prompt line in view (it was cut off below)", async () => {
    const { page, claims } = await openNewTerminal(await stack.devices.newPage("desktop", { width: 800, height: 600 }));
    await page.getByTestId("terminal-screen").click();
    await page.keyboard.type("seq 1 60; echo PROMPT-BELOW");
    await page.keyboard.press("Enter");
    await expect.poll(() => screenOf(page), { timeout: 15_000 }).toMatch(/\n60\nPROMPT-BELOW/);
    const [, rows] = await appliedSize(page, claims);
    await expect.poll(() => drawnRows(page)).toBe(rows);
    await page.screenshot({ path: join(SHOTS, "terminal-desktop-800x600.png") });
    // The panel's rows of tabs, buttons and actions are one row there (Hide stays on it), so the terminal has room.
    await page.getByRole("button", { name: "Hide terminals" }).waitFor();
    expect(rows).toBeGreaterThanOrEqual(5);
    // Everything fits the panel: it overflowed, cutting off the prompt, or (once the terminal took the focus and the
    // panel scrolled to it) the tabs and Hide.
    const region = page.getByRole("region", { name: "Terminals" });
    expect(await region.evaluate((panel) => panel.scrollHeight - panel.clientHeight)).toBeLessThanOrEqual(1);
    const panel = (await region.boundingBox())!;
    const hide = (await page.getByRole("button", { name: "Hide terminals" }).boundingBox())!;
    expect(hide.y).toBeGreaterThanOrEqual(panel.y);
    // The terminal, down to the shell's prompt on its last drawn row, lies inside the panel.
    const terminal = (await page.getByTestId("terminal-screen").boundingBox())!;
    expect(terminal.y + terminal.height).toBeLessThanOrEqual(panel.y + panel.height + 1);
    await expect.poll(() => isRowVisible(page, /^PROMPT-BELOW\s*$/)).toBe(true);
    const prompt = (await page.getByTestId("terminal-screen").locator(".xterm-rows > div").filter({ hasText: /\S/ }).last().boundingBox())!;
    expect(prompt.y + prompt.height).toBeLessThanOrEqual(panel.y + panel.height + 1);
  }, 60_000);

  it("on an iPhone, whose keyboard shrinks only the visual viewport, the terminal keeps the room to type in and its prompt in view", async () => {
    const opened = await stack.devices.newPage("phone");
    const keyboard = await visualKeyboard(opened, 844);
    const { page: phone, claims } = await openNewTerminal(opened);
    await phone.getByTestId("terminal-screen").tap();
    await phone.keyboard.type("seq 1 60; echo PROMPT-BELOW");
    await phone.keyboard.press("Enter");
    await expect.poll(() => screenOf(phone), { timeout: 15_000 }).toMatch(/\n60\nPROMPT-BELOW/);
    const [, rowsBefore] = await ptySize(phone);
    await keyboard.open(phone, 450);
    const [, rows] = await appliedSize(phone, claims, ([, applied]) => applied! < rowsBefore!);
    await phone.screenshot({ path: join(SHOTS, "terminal-phone-visual-keyboard.png") });
    // As at a short layout viewport (the test above): 7 rows were left, then 10.
    expect(rows).toBeGreaterThanOrEqual(13);
    expect(await phone.getByRole("search").count()).toBe(0);
    await expect.poll(() => drawnRows(phone)).toBe(rows);
    await expect.poll(() => isRowVisible(phone, /^PROMPT-BELOW\s*$/)).toBe(true);
    // What the terminal shows ends above the keyboard.
    const box = await phone.getByTestId("terminal-screen").boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(450);
    await keyboard.close(phone);
    await expect.poll(async () => (await ptySize(phone))[1]).toBeGreaterThan(rows!);
    // A phone keeps the actions in the sheet at the tabs' end, keyboard up or not.
    await closeFromActions(phone);
    await phone.getByText("No terminals yet.", { exact: false }).waitFor();
  }, 60_000);

  it("on a phone turned sideways the terminal keeps rows and keys to type with, and the PTY follows each turn", async () => {
    const { page: phone, claims } = await openNewTerminal(await stack.devices.newPage("phone", { width: 844, height: 390 }));
    const [sidewaysCols, sidewaysRows] = await appliedSize(phone, claims);
    await phone.screenshot({ path: join(SHOTS, "terminal-phone-sideways.png") });
    // It was 844 px wide, so it got the desktop's bottom panel: 2 rows, and no Esc, Ctrl or arrows.
    expect(sidewaysRows).toBeGreaterThanOrEqual(10);
    // And the desktop's sidebar, 288 px of the 844: 69 columns. The phone's drawer stays behind its menu button.
    expect(sidewaysCols).toBeGreaterThanOrEqual(100);
    await phone.getByRole("button", { name: "Open menu" }).waitFor();
    const menu = (await phone.getByRole("navigation", { name: "Conversations menu" }).boundingBox())!;
    expect(menu.x + menu.width).toBeLessThanOrEqual(0);
    await phone.getByRole("toolbar", { name: "Terminal keys" }).getByRole("button", { name: "Escape" }).waitFor();
    await expect.poll(() => drawnRows(phone)).toBe(sidewaysRows);

    await phone.setViewportSize({ width: 390, height: 844 });
    const [, uprightRows] = await appliedSize(phone, claims, ([, rows]) => rows! > sidewaysRows! + 10);
    await expect.poll(() => drawnRows(phone)).toBe(uprightRows);
    await phone.setViewportSize({ width: 844, height: 390 });
    await appliedSize(phone, claims, (size) => size.join() === [sidewaysCols, sidewaysRows].join());
    await closeFromActions(phone);
    await phone.getByText("No terminals yet.", { exact: false }).waitFor();
  }, 60_000);

  it("in a short laptop window the terminal gets the window's height, not a bottom panel's share of it", async () => {
    const { page: desk, claims } = await openNewTerminal(await stack.devices.newPage("desktop", { width: 1024, height: 500 }));
    const [, rows] = await appliedSize(desk, claims);
    await desk.screenshot({ path: join(SHOTS, "terminal-short-laptop.png") });
    // Under the conversation it had 2 rows.
    expect(rows).toBeGreaterThanOrEqual(12);
    await closeFromActions(desk);
    await desk.getByText("No terminals yet.", { exact: false }).waitFor();
  }, 60_000);

  it("sized by a phone, then shown on a desktop: the desktop claims its size on show, resize, and window focus", async () => {
    const phone = await openSessionTerminals(stack.devices.newPage("phone"), stack.server.origin, stack.sessionId, { unfold: false });
    await phone.getByRole("button", { name: "+ Terminal" }).tap();
    await phone.getByTestId("terminal-screen").locator(".xterm-rows").waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await ptySize(phone))[0]).toBeLessThan(60);
    await phone.getByTestId("terminal-screen").tap();
    await phone.keyboard.type("seq 1 60; echo PROMPT-BELOW");
    await phone.keyboard.press("Enter");
    await expect.poll(() => screenOf(phone), { timeout: 15_000 }).toMatch(/\n60\nPROMPT-BELOW/);
    const [phoneCols, phoneRows] = await ptySize(phone);

    // The desktop only looks: no click, no key. It takes its own size at once, and the prompt is on screen.
    const deskPage = await stack.devices.newPage("desktop");
    const deskClaims = claimedSizes(deskPage);
    const desk = await openSessionTerminals(Promise.resolve(deskPage), stack.server.origin, stack.sessionId);
    await desk.getByTestId("terminal-screen").locator(".xterm-rows").waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await ptySize(desk))[0], { timeout: 15_000 }).toBeGreaterThan(phoneCols! + 10);
    const [deskCols, deskRows] = await appliedSize(desk, deskClaims);
    expect(deskRows).not.toBe(phoneRows);
    await expect.poll(() => drawnRows(desk)).toBe(deskRows);
    await expect.poll(() => isRowVisible(desk, /^PROMPT-BELOW\s*$/)).toBe(true);
    expect(await desk.getByRole("status").filter({ hasText: /^Sized for a (wider|taller) screen/ }).count()).toBe(0);
    await desk.screenshot({ path: join(SHOTS, "terminals-size-desktop-after-phone.png") });

    // The phone, still showing it, is told it was sized elsewhere (it does not take it back by itself)…
    const wider = phone.getByRole("status").filter({ hasText: /^Sized for a wider screen: \d+ columns, \d+ fit here\./ });
    await wider.waitFor({ timeout: 15_000 });
    await phone.screenshot({ path: join(SHOTS, "terminals-size-phone-sized-elsewhere.png") });
    expect(await ptySize(desk)).toEqual([deskCols, deskRows]);
    // …and fits it on request.
    await wider.getByRole("button", { name: "Fit to this screen" }).tap();
    await expect.poll(() => ptySize(phone)).toEqual([phoneCols, phoneRows]);

    // The desktop's window comes back to the front: it claims its size again.
    await desk.evaluate(() => window.dispatchEvent(new Event("focus")));
    await expect.poll(() => ptySize(desk)).toEqual([deskCols, deskRows]);

    // Its panel is resized (the splitter, a few steps down): the PTY follows, and the prompt stays in view.
    const splitter = desk.getByRole("separator", { name: "Resize the bottom panel" });
    await splitter.focus();
    const claimsBefore = deskClaims.length;
    const noticesSeen = await watchOtherSizeNotices(desk);
    for (let i = 0; i < 4; i++) await desk.keyboard.press("ArrowDown");
    await expect.poll(async () => (await ptySize(desk))[1]).toBeLessThan(deskRows!);
    await appliedSize(desk, deskClaims);
    // The desktop sized the terminal itself: while its smaller size was on its way to the PTY, "Sized for a taller
    // screen" flashed on every step, though no other screen had sized it.
    expect(await noticesSeen()).toEqual([]);
    // The panel only shrank, so each size it claimed on the way had fewer rows than the one before (measured under
    // its own passing "Sized for a taller screen", it asked for too few and then for more: a resize storm in the PTY).
    const shrinking = deskClaims.slice(claimsBefore).map((claim) => claim.rows);
    expect(shrinking).toEqual([...shrinking].sort((a, b) => b - a));
    await expect.poll(async () => (await drawnRows(desk)) === (await ptySize(desk))[1]).toBe(true);
    await expect.poll(() => isRowVisible(desk, /^PROMPT-BELOW\s*$/)).toBe(true);
    await desk.screenshot({ path: join(SHOTS, "terminals-size-desktop-smaller.png") });

    // A second terminal on the phone: "+ Terminal" and "+ Claude" stay one line each (the tab row scrolls instead).
    await phone.getByRole("button", { name: "+ Terminal" }).tap();
    await phone.getByRole("tab").nth(1).waitFor({ timeout: 15_000 });
    for (const name of ["+ Terminal", "+ Claude"]) {
      const box = await phone.getByRole("button", { name }).boundingBox();
      expect(box?.height, name).toBeLessThan(48);
    }
    await phone.screenshot({ path: join(SHOTS, "terminals-size-phone-two-tabs.png") });
  });
});
