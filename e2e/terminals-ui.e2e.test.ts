import { existsSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, tempDir } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { networkSwitch, openSessionTerminals, signedInTerminalsStack, untilNewTerminalFocused } from "./support/terminals-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

/** What the xterm on the page shows, as text. */
const screenOf = (page: Page) => page.getByTestId("terminal-screen").locator(".xterm-rows").innerText();

/**
 * A finger's vertical drag over the page's terminal as a phone sends it: touches, not a wheel (xterm 6.0 took only the
 * wheel). Gives the terminal's box and `drag(fromY, toY)`.
 */
async function fingerDrag(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  const box = (await page.getByTestId("terminal-screen").boundingBox())!;
  const x = box.x + box.width / 2;
  const drag = async (from: number, to: number) => {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y: from }] });
    for (let step = 1; step <= 8; step += 1) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y: from + ((to - from) * step) / 8 }] });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  };
  return { box, drag };
}

describe("terminals in the browser: open, run, reload, phone key bar", () => {
  // A phone and a desktop signed in once for the file (ADR 0096); the two tests that route the page socket keep their own contexts.
  const stack = signedInTerminalsStack("chatml-term");

  it("opens a terminal at 1440×900, runs a command, and shows the same screen after a reload", async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const network = await networkSwitch(context);
    try {
      // A session without terminals folds the bottom panel into one row; a new terminal unfolds it.
      const page = await openSessionTerminals(context.newPage(), stack.server.url, stack.sessionId, { unfold: false });
      const show = page.getByRole("button", { name: "Show terminals" });
      expect(await show.getAttribute("aria-expanded")).toBe("false");
      expect(await page.getByRole("tablist", { name: "Terminals of this session" }).count()).toBe(0);
      await page.getByRole("button", { name: "+ Terminal" }).click();
      await page.getByTestId("terminal-screen").locator(".xterm-rows").waitFor();
      await page.getByRole("tablist", { name: "Terminals of this session" }).waitFor();
      // The terminal this page opened takes the keys at once (no click first) and is sized to this screen, not
      // left at the size it was asked for before the page could measure it (100×30).
      await expect.poll(() => page.getByRole("region", { name: "Terminals" }).getByText(/^\d+×\d+$/).innerText()).not.toBe("100×30");
      await untilNewTerminalFocused(page);
      await page.keyboard.type("echo desk-$((40+2))");
      await page.keyboard.press("Enter");
      await expect.poll(() => screenOf(page), { timeout: 15_000 }).toContain("desk-42");
      await page.screenshot({ path: join(SHOTS, "terminals-desktop.png") });
      // Ctrl+C with text selected copies it (and interrupts nothing); with nothing selected it is ^C.
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(stack.server.url).origin });
      await page.evaluate(() => navigator.clipboard.writeText("before"));
      const printed = page.getByTestId("terminal-screen").locator(".xterm-rows > div", { hasText: /^desk-42\s*$/ }).first();
      const word = (await printed.boundingBox())!;
      await page.mouse.dblclick(word.x + 10, word.y + word.height / 2);
      await page.keyboard.press("Control+C");
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe("desk-42");
      expect(await screenOf(page)).not.toContain("^C");
      // Ctrl+V pastes what is on the clipboard (xterm alone sent ^V), as a paste: `cat -v` under a program that asked
      // for bracketed paste shows the markers around it. In a terminal of its own: the phone's test below recalls
      // this shell's history.
      await page.getByRole("button", { name: "+ Terminal" }).click();
      await page.getByRole("tab", { name: "Terminal 2" }).waitFor();
      await untilNewTerminalFocused(page);
      await page.keyboard.type("printf '\\e[?2004h'; cat -v");
      await page.keyboard.press("Enter");
      await page.evaluate(() => navigator.clipboard.writeText("pasted-$((6*7))"));
      await page.keyboard.press("Control+V");
      await expect.poll(() => screenOf(page), { timeout: 15_000 }).toContain("^[[200~pasted-$((6*7))^[[201~");
      await page.getByRole("button", { name: "Close Terminal 2" }).click();
      await page.getByRole("tab", { name: "Terminal 2" }).waitFor({ state: "detached" });
      // Search (shown when asked for: ADR 0312) finds what is there and says when something is not.
      await page.getByRole("button", { name: "Search the output of Terminal 1" }).click();
      const search = page.getByRole("search");
      await search.getByRole("textbox", { name: "Search the terminal" }).fill("no-such-text-here");
      await search.getByRole("button", { name: "Find" }).click();
      await search.getByRole("status").filter({ hasText: "No match" }).waitFor();
      await search.getByRole("textbox", { name: "Search the terminal" }).fill("desk-42");
      await search.getByRole("button", { name: "Find" }).click();
      // Found, it says which match among how many (the command and its output hold it: 2 or more).
      await expect.poll(() => search.getByRole("status").innerText()).toMatch(/^\d+ of \d+$/);
      await page.reload();
      await page.getByTestId("terminal-screen").locator(".xterm-rows").waitFor({ timeout: 15_000 });
      await expect.poll(() => screenOf(page), { timeout: 15_000 }).toContain("desk-42");
      await page.screenshot({ path: join(SHOTS, "terminals-desktop-reloaded.png") });
      // Folded by the user, it stays folded across a reload and says what runs in it.
      await page.getByRole("button", { name: "Hide terminals" }).click();
      await show.waitFor();
      await page.reload();
      // The bar shows before the session's terminals are listed: it says what runs once they are.
      await expect.poll(() => show.innerText(), { timeout: 15_000 }).toBe("Terminals (1 running)");
      expect(await page.getByTestId("terminal-screen").count()).toBe(0);
      await page.screenshot({ path: join(SHOTS, "terminals-desktop-folded.png") });
      await show.click();
      await expect.poll(() => screenOf(page), { timeout: 15_000 }).toContain("desk-42");
      // Keys typed while the connection is down cannot reach the terminal: the page says so, what goes on meanwhile and
      // what the connection's return brings, and takes keys again once it is back.
      await network.lose();
      await page.getByText(/^Offline — reconnecting/).waitFor({ timeout: 15_000 });
      const screenHeight = async () => (await page.getByTestId("terminal-screen").boundingBox())?.height;
      const heightBefore = await screenHeight();
      await page.getByTestId("terminal-screen").click();
      await page.keyboard.type("echo lost");
      const notConnected = page.getByRole("status").filter({ hasText: /^Offline: what you just typed was not sent/ });
      await notConnected.waitFor({ timeout: 10_000 });
      expect(await notConnected.innerText()).toContain("keeps running on the computer; when this device reconnects, its screen catches up and takes keys again. Type it again then.");
      await page.screenshot({ path: join(SHOTS, "terminals-desktop-offline.png") });
      // The notice lies over the screen: it takes no row from the terminal (which would resize the PTY), and goes when dismissed.
      expect(await screenHeight()).toBe(heightBefore);
      await notConnected.getByRole("button", { name: "Dismiss the notice" }).click();
      await notConnected.waitFor({ state: "detached" });
      // Still offline, the next keys bring it back; the snapshot after the reconnect then clears it.
      await page.getByTestId("terminal-screen").click();
      await page.keyboard.type(" lost");
      await notConnected.waitFor({ timeout: 10_000 });
      network.restore();
      await notConnected.waitFor({ state: "detached", timeout: 60_000 });
      await page.getByTestId("terminal-screen").click();
      await page.keyboard.type("back-ok");
      await expect.poll(() => screenOf(page), { timeout: 15_000 }).toContain("back-ok");
      expect(await screenOf(page)).not.toContain("lost");
      // Erased, not run: the phone's test below recalls this shell's history.
      await page.keyboard.press("Control+U");
    } finally {
      await context.close();
    }
  });

  it("on a 390×844 phone: the same terminal, typed into with the key bar (Ctrl-C, arrows, Tab)", async () => {
    const context = await stack.devices.context("phone");
    try {
      const page = await openSessionTerminals(context.newPage(), stack.server.origin, stack.sessionId);
      await page.getByTestId("terminal-screen").locator(".xterm-rows").waitFor({ timeout: 15_000 });
      await expect.poll(() => screenOf(page), { timeout: 15_000 }).toContain("desk-42");
      const keys = page.getByRole("toolbar", { name: "Terminal keys" });
      // Sized by the desktop, the terminal takes the phone's size as soon as the phone shows it (no tap, no key).
      const terminals = page.getByRole("region", { name: "Terminals" });
      await expect.poll(async () => Number((await terminals.getByText(/^\d+×\d+$/).innerText()).split("×")[0])).toBeLessThan(60);
      await page.screenshot({ path: join(SHOTS, "terminals-phone-fitted.png") });
      // The search row waits behind the bar's Find (it took ~50 px of the terminal on every phone), and still finds.
      expect(await page.getByRole("search").count()).toBe(0);
      await keys.getByRole("button", { name: "Search the terminal output" }).tap();
      await page.getByRole("search").getByRole("textbox", { name: "Search the terminal" }).fill("no-such-text-here");
      await page.getByRole("search").getByRole("button", { name: "Find" }).tap();
      await page.getByRole("search").getByRole("status").filter({ hasText: "No match" }).waitFor();
      await page.getByRole("search").getByRole("textbox", { name: "Search the terminal" }).fill("desk-42");
      await page.getByRole("search").getByRole("button", { name: "Find" }).tap();
      await page.getByRole("search").getByRole("status").filter({ hasText: / of / }).waitFor();
      const marks = page.getByTestId("terminal-screen").locator(".xterm-find-result-decoration");
      await expect.poll(() => marks.count()).toBeGreaterThan(0);
      // Folded by the bar's Find, the row takes its marks with it (they stayed on the screen, with no row to clear them).
      await keys.getByRole("button", { name: "Search the terminal output" }).tap();
      await page.getByRole("search").waitFor({ state: "detached" });
      await expect.poll(() => marks.count()).toBe(0);
      await keys.getByRole("button", { name: "Search the terminal output" }).tap();
      expect(await page.getByRole("search").getByRole("textbox", { name: "Search the terminal" }).inputValue()).toBe("desk-42");
      await page.getByRole("search").getByRole("button", { name: "Close the search" }).tap();
      await page.getByRole("search").waitFor({ state: "detached" });
      await page.getByTestId("terminal-screen").tap();
      await page.keyboard.type("sleep 300");
      await page.keyboard.press("Enter");
      await keys.getByRole("button", { name: /^Control/ }).tap();
      await page.keyboard.type("c");
      await expect.poll(() => screenOf(page), { timeout: 15_000 }).toContain("^C");
      await keys.getByRole("button", { name: "Arrow up" }).tap();
      await keys.getByRole("button", { name: "Arrow up" }).tap();
      // The phone's narrower PTY wraps the recalled command: compare the screen with its rows joined.
      await expect.poll(async () => (await screenOf(page)).replace(/\n/g, "").trimEnd().endsWith("echo desk-$((40+2))"), { timeout: 15_000 }).toBe(true);
      // Enter on the bar too, so a TUI's menu (arrows, then Enter) needs no phone keyboard.
      await keys.getByRole("button", { name: "Enter" }).tap();
      await expect.poll(async () => ((await screenOf(page)).match(/desk-42/g) ?? []).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
      await page.keyboard.type("ech");
      await keys.getByRole("button", { name: "Tab" }).tap();
      await page.keyboard.type(" tab-ok");
      await keys.getByRole("button", { name: "Pipe" }).tap();
      await page.keyboard.type(" tr a-z A-Z");
      await page.keyboard.press("Enter");
      await expect.poll(() => screenOf(page), { timeout: 15_000 }).toContain("TAB-OK");
      await page.screenshot({ path: join(SHOTS, "terminals-phone-keybar.png") });
      // The bar's Paste is a paste too: bracketed when the program asked for it, so a shell does not run its lines.
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(stack.server.url).origin });
      await page.evaluate(() => navigator.clipboard.writeText("phone-paste"));
      await page.keyboard.type("printf '\\e[?2004h'; cat -v");
      await page.keyboard.press("Enter");
      await keys.getByRole("button", { name: "Paste" }).tap();
      await expect.poll(() => screenOf(page), { timeout: 15_000 }).toContain("^[[200~phone-paste^[[201~");
      await keys.getByRole("button", { name: /^Control/ }).tap();
      await page.keyboard.type("c");
    } catch (error) {
      await stack.devices.keepPagesOfFailure();
      throw error;
    } finally {
      await stack.devices.closePages();
    }
  });

  it("after the connection comes back, the tabs are the server's: a terminal closed meanwhile goes, one opened elsewhere shows", async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const network = await networkSwitch(context);
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    try {
      await client.api(`/api/sessions/${stack.sessionId}/terminals`, { body: { name: "Closed meanwhile", cols: 80, rows: 24 } });
      const page = await openSessionTerminals(context.newPage(), stack.server.url, stack.sessionId);
      const tabs = page.getByRole("tablist", { name: "Terminals of this session" }).getByRole("tab");
      await expect.poll(() => tabs.allInnerTexts()).toContain("Closed meanwhile");
      await network.lose();
      await page.getByText(/^Offline — reconnecting/).waitFor({ timeout: 15_000 });
      // Another device closes the terminals and opens one of its own while this page cannot hear about it.
      const { terminals } = await client.api<{ terminals: { id: string }[] }>(`/api/sessions/${stack.sessionId}/terminals`);
      for (const terminal of terminals) await client.api(`/api/terminals/${terminal.id}`, { method: "DELETE" });
      await client.api(`/api/sessions/${stack.sessionId}/terminals`, { body: { name: "From the phone", cols: 80, rows: 24 } });
      network.restore();
      await page.getByText(/^Offline — reconnecting/).waitFor({ state: "detached", timeout: 60_000 });
      await expect.poll(() => tabs.allInnerTexts(), { timeout: 15_000 }).toEqual(["From the phone"]);
      await page.getByTestId("terminal-screen").click();
      await page.keyboard.type("echo back-$((20+1))");
      await page.keyboard.press("Enter");
      await expect.poll(() => screenOf(page), { timeout: 15_000 }).toContain("back-21");
    } finally {
      await context.close();
    }
  });

  it("a flood this page could not keep up with says so, and the notice goes by itself once the page has caught up", async () => {
    const context = await stack.devices.context("desktop");
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const { terminal } = await client.api<{ terminal: { id: string } }>(`/api/sessions/${stack.sessionId}/terminals`, { body: { name: "Flood", cols: 80, rows: 24 } });
    try {
      const page = await openSessionTerminals(context.newPage(), stack.server.origin, stack.sessionId);
      await page.getByRole("tab", { name: "Flood" }).click();
      await page.getByTestId("terminal-screen").click();
      // The notice goes by itself once the page has caught up, which on a quick run can be before a check that polls
      // for it looks: the page records each time it is shown.
      await page.evaluate(() => {
        const shown: string[] = ((window as unknown as { floodNotices: string[] }).floodNotices = []);
        new MutationObserver(() => {
          for (const status of document.querySelectorAll('[role="status"]')) if (status.textContent?.startsWith("Output was too fast for this connection")) shown.push(status.textContent);
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      const ended = join(tempDir("chatml-term-flood"), "ended");
      // The marker starts its own line: how many x's the page shows after the drop is arbitrary, and a marker that
      // followed them straight on could be wrapped across two rows.
      await page.keyboard.type(`for i in $(seq 12); do head -c 3000000 /dev/zero | tr '\\0' x; done; echo; echo flood-$((6*7)); touch ${ended}`);
      // The page stops reading until the whole flood has been written (its script paused): its socket backs up past the
      // server's mark. A 3 s busy page did not always: a loaded machine's shell wrote too little meanwhile to pass it.
      await page.keyboard.press("Enter");
      const cdp = await context.newCDPSession(page);
      await cdp.send("Debugger.enable");
      await cdp.send("Debugger.pause");
      await expect.poll(() => existsSync(ended), { timeout: 60_000 }).toBe(true);
      await cdp.send("Debugger.resume");
      await cdp.detach();
      const tooFast = page.getByRole("status").filter({ hasText: /^Output was too fast for this connection/ });
      await expect.poll(() => page.evaluate(() => (window as unknown as { floodNotices: string[] }).floodNotices.length), { timeout: 30_000 }).toBeGreaterThan(0);
      await expect.poll(() => screenOf(page), { timeout: 60_000 }).toContain("flood-42");
      // No Dismiss, no new snapshot: the server says this page kept up again, and the notice frees the rows it covered.
      await tooFast.waitFor({ state: "detached", timeout: 30_000 });
      await page.screenshot({ path: join(SHOTS, "terminals-desktop-after-flood.png") });
    } catch (error) {
      await stack.devices.keepPagesOfFailure();
      throw error;
    } finally {
      await stack.devices.closePages();
      await client.api(`/api/terminals/${terminal.id}`, { method: "DELETE" });
    }
  });

  it("on a 390×844 phone a finger drags 5,000 lines of scrollback, back and forth", async () => {
    const context = await stack.devices.context("phone");
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const { terminal } = await client.api<{ terminal: { id: string } }>(`/api/sessions/${stack.sessionId}/terminals`, { body: { name: "Long", cols: 40, rows: 20 } });
    try {
      const page = await openSessionTerminals(context.newPage(), stack.server.origin, stack.sessionId);
      await page.getByRole("tab", { name: "Long" }).tap();
      const screen = page.getByTestId("terminal-screen");
      await screen.tap();
      await page.keyboard.type("clear; seq 5000; echo seq-$((2+3))");
      await page.keyboard.press("Enter");
      await expect.poll(() => screenOf(page), { timeout: 15_000 }).toContain("seq-5");
      const topNumber = async () => Number((await screenOf(page)).split("\n").find((line) => /^\d+\s*$/.test(line)) ?? NaN);
      const atBottom = await topNumber();
      const { box, drag } = await fingerDrag(context, page);
      for (let n = 0; n < 3; n += 1) await drag(box.y + 80, box.y + box.height - 40);
      await expect.poll(topNumber).toBeLessThan(atBottom - 20);
      const scrolledBack = await topNumber();
      await page.screenshot({ path: join(SHOTS, "terminals-phone-scrolled-back.png") });
      await drag(box.y + box.height - 40, box.y + 80);
      await expect.poll(topNumber).toBeGreaterThan(scrolledBack);
    } catch (error) {
      await stack.devices.keepPagesOfFailure();
      throw error;
    } finally {
      await stack.devices.closePages();
      await client.api(`/api/terminals/${terminal.id}`, { method: "DELETE" });
    }
  });

  it("on a phone a finger's drag on the alternate screen moves `less` as a wheel does (xterm 6 scrolls only the normal one)", async () => {
    const context = await stack.devices.context("phone");
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const { terminal } = await client.api<{ terminal: { id: string } }>(`/api/sessions/${stack.sessionId}/terminals`, { body: { name: "Pager", cols: 40, rows: 20 } });
    try {
      const page = await openSessionTerminals(context.newPage(), stack.server.origin, stack.sessionId);
      await page.getByRole("tab", { name: "Pager" }).tap();
      const screen = page.getByTestId("terminal-screen");
      await screen.tap();
      await page.keyboard.type("seq 500 | less");
      await page.keyboard.press("Enter");
      const topNumber = async () => Number((await screenOf(page)).split("\n")[0]?.trim());
      await expect.poll(topNumber, { timeout: 15_000 }).toBe(1);
      const { box, drag } = await fingerDrag(context, page);
      // A finger moving up brings later lines in (`less` gets ↓ per row, as for a wheel turned down)…
      await drag(box.y + box.height - 40, box.y + 80);
      await expect.poll(topNumber).toBeGreaterThan(10);
      const forward = await topNumber();
      // …and moving down brings earlier ones back.
      await drag(box.y + 80, box.y + box.height / 2);
      await expect.poll(topNumber).toBeLessThan(forward);
      await page.keyboard.type("q");
    } catch (error) {
      await stack.devices.keepPagesOfFailure();
      throw error;
    } finally {
      await stack.devices.closePages();
      await client.api(`/api/terminals/${terminal.id}`, { method: "DELETE" });
    }
  });

  it("a phone's tap below the rows of a terminal a desktop sized (fewer rows) still types into it", async () => {
    const phoneContext = await stack.devices.context("phone");
    const deskContext = await stack.devices.context("desktop");
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const { terminal } = await client.api<{ terminal: { id: string } }>(`/api/sessions/${stack.sessionId}/terminals`, { body: { name: "Both", cols: 40, rows: 20 } });
    try {
      const phone = await openSessionTerminals(phoneContext.newPage(), stack.server.origin, stack.sessionId);
      await phone.getByRole("tab", { name: "Both" }).tap();
      const desk = await openSessionTerminals(deskContext.newPage(), stack.server.origin, stack.sessionId);
      await desk.getByRole("tab", { name: "Both" }).click();
      // The bottom panel at its smallest (the splitter's End key gives the conversation its most).
      const splitter = desk.getByRole("separator", { name: "Resize the bottom panel" });
      await splitter.focus();
      await desk.keyboard.press("End");
      await desk.getByTestId("terminal-screen").click();
      // The desktop's bottom panel sized it: wider than the phone and shorter than its screen.
      await phone.getByText(/^Sized for a wider screen/).waitFor({ timeout: 15_000 });
      const screen = phone.getByTestId("terminal-screen");
      const rows = (await screen.locator(".xterm-screen").boundingBox())!;
      const box = (await screen.boundingBox())!;
      expect(box.y + box.height - (rows.y + rows.height)).toBeGreaterThan(100);
      await phone.touchscreen.tap(box.x + box.width / 2, (rows.y + rows.height + box.y + box.height) / 2);
      await phone.keyboard.type("echo tapped-$((3+4))");
      await phone.keyboard.press("Enter");
      await expect.poll(() => screenOf(phone), { timeout: 15_000 }).toContain("tapped-7");
    } catch (error) {
      await stack.devices.keepPagesOfFailure();
      throw error;
    } finally {
      await stack.devices.closePages();
      await client.api(`/api/terminals/${terminal.id}`, { method: "DELETE" });
    }
  });

  it("removing a workspace says how many terminals run in it, and ends them and what they started", async () => {
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const started = await client.api<{ workspace: { id: string }; session: { id: string } }>("/api/start", { method: "POST", body: { path: tempDir("chatml-term-removed") } });
    const tag = `${Date.now() % 100000}${process.pid % 1000}`;
    const sleeps = () => Bun.spawnSync(["ps", "-A", "-o", "args="]).stdout.toString().split("\n").filter((line) => line.trim().startsWith("sleep ") && line.trim().endsWith(tag));
    const context = await stack.devices.context("phone");
    try {
      const page = await openSessionTerminals(context.newPage(), stack.server.origin, started.session.id, { unfold: false });
      for (const n of [1, 2]) {
        await page.getByRole("button", { name: "+ Terminal" }).tap();
        // Chosen, not only listed: until it is, the screen shown (and tapped) is the previous terminal's.
        await page.getByRole("tab", { name: `Terminal ${n}`, selected: true }).waitFor({ timeout: 15_000 });
        await page.getByTestId("terminal-screen").locator(".xterm-rows").waitFor({ timeout: 15_000 });
        await page.getByTestId("terminal-screen").tap();
        await page.keyboard.type(`sleep 60${n}${tag} &`);
        await page.keyboard.press("Enter");
        await expect.poll(() => sleeps().length, { timeout: 15_000 }).toBe(n);
      }
      await page.goto(`${stack.server.origin}/#/w/${started.workspace.id}`);
      await page.getByRole("button", { name: "Remove workspace" }).tap();
      const dialog = page.getByRole("dialog", { name: /^Remove chatml-term-removed/ });
      await dialog.getByText("2 terminals are running in its sessions: removing ends them and what runs in them.").waitFor({ timeout: 15_000 });
      await page.screenshot({ path: join(SHOTS, "terminals-remove-workspace-phone.png") });
      await dialog.getByRole("button", { name: "Remove, keep history" }).tap();
      await expect.poll(() => sleeps(), { timeout: 15_000 }).toEqual([]);
      const { terminals } = await client.api<{ terminals: unknown[] }>(`/api/sessions/${started.session.id}/terminals`);
      expect(terminals).toEqual([]);
    } catch (error) {
      await stack.devices.keepPagesOfFailure();
      throw error;
    } finally {
      await stack.devices.closePages();
    }
  });
});
