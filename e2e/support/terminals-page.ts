import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page, WebSocketRoute } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { REPO_ROOT, startStack, stopStack, tempDir, type Stack } from "../harness/index.ts";
import { keepOnFailure, terminalScreens } from "../harness/failure-context.ts";
import { ChatmlClient } from "./chatml-client.ts";
import { SignedInDevices } from "./signed-in-page.ts";

/** Where the terminals files put their screenshots. */
export const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

/**
 * The fake API, ChatML and Chromium (see startStack), with a plain-folder session to open terminals in.
 * @example ({ api, server, browser, sessionId } = await startTerminalsStack("chatml-term"));
 */
export async function startTerminalsStack(name: string): Promise<Stack & { sessionId: string }> {
  const stack = await startStack(name);
  const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
  const started = await client.api<{ session: { id: string } }>("/api/start", { method: "POST", body: { path: tempDir(`${name}-folder`) } });
  return { ...stack, sessionId: started.session.id };
}

/** A terminals stack with a phone and a desktop signed in once for the file (ADR 0096). */
export type SignedInTerminalsStack = Stack & { sessionId: string; devices: SignedInDevices };

/**
 * Starts a terminals stack (startTerminalsStack) before the tests of the `describe` it is called in and stops it after
 * them; the devices sign in to the server that `beforeSignIn` leaves (a test of a restart restarts it there). The
 * object's fields are set from the first test on.
 * @example const stack = signedInTerminalsStack("chatml-term"); it("…", async () => { await stack.devices.open("phone", "#/") });
 */
export function signedInTerminalsStack(name: string, beforeSignIn?: (stack: Stack & { sessionId: string }) => Promise<void>): SignedInTerminalsStack {
  const stack = {} as SignedInTerminalsStack;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    Object.assign(stack, await startTerminalsStack(name));
    await beforeSignIn?.(stack);
    stack.devices = new SignedInDevices(stack.browser, stack.server);
  });
  afterAll(async () => {
    await stack.devices?.close();
    await stopStack(stack);
  });
  return stack;
}

/**
 * Waits until the terminal this page just opened holds the keyboard focus. Its xterm takes focus a frame after it is
 * drawn (TerminalView): keys typed in between go to the "+ Terminal" button and are lost (CI: the `p` of `printf`).
 */
export async function untilNewTerminalFocused(page: Page): Promise<void> {
  await page.getByTestId("terminal-screen").locator("textarea:focus").waitFor({ timeout: 15_000 });
}

/**
 * Types `prompt` into the TUI of the terminal `page` shows and submits it once the TUI shows it once more than before.
 * Keys that reach the TUI in one chunk are a paste to it, and an Enter among them a newline: typed and submitted at
 * once, on a loaded machine the prompt stayed unsent in the TUI's box and the fake API was never asked
 * (interactive-mode waited out 60 s for a card; interactive-skills counts the same way).
 */
export async function submitTuiPrompt(page: Page, prompt: string): Promise<void> {
  const occurrences = async () => (await terminalScreens(page)).split(prompt).length - 1;
  await page.getByTestId("terminal-screen").click();
  const before = await occurrences();
  await page.keyboard.type(prompt);
  await expect.poll(occurrences, { timeout: 15_000 }).toBeGreaterThan(before);
  await untilScreenSettles(page);
  await page.keyboard.press("Enter");
}

/**
 * Waits until the terminal's screen reads the same twice in a row (up to 5 s; a busy TUI's spinner never settles, and
 * then Enter goes anyway). The TUI's completion list follows the typed text a moment later, and Enter runs what the
 * list has chosen: on a loaded machine 2.1.119 ran `/tui`, chosen for `/t`, for a typed `/tide-table` (CI fc102), and
 * replaced the last word of `@@skill:harbour-map now` with `.claude/` (CI fc101).
 */
async function untilScreenSettles(page: Page): Promise<void> {
  let previous = await terminalScreens(page);
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; ) {
    await page.waitForTimeout(250);
    const now = await terminalScreens(page);
    if (now === previous) return;
    previous = now;
  }
}

/**
 * Signs a page in with a one-time link, opens a session and shows its Terminals: the workbench's bottom panel on a
 * desktop (unfolded unless `unfold` is false), their own full-screen view on a phone.
 */
export async function openSessionTerminals(pending: Promise<Page>, url: string, sessionId: string, { unfold = true } = {}): Promise<Page> {
  const page = await pending;
  // A failed test's artifact shows what its terminals showed (failure-artifacts.ts), while the page is open.
  const forget = keepOnFailure(`terminal screens of a page at ${page.viewportSize()?.width ?? "?"} px`, () => terminalScreens(page));
  page.once("close", forget);
  await page.goto(url);
  await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe("");
  await page.goto(`${new URL(url).origin}/#/s/${sessionId}`);
  const phoneView = page.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Terminals" });
  // A browser's first page of the run loads the whole app: with the 2 cores busy that took up to 11 s.
  await phoneView.or(page.getByRole("region", { name: "Terminals" })).first().waitFor({ timeout: 30_000 });
  if (await phoneView.isVisible()) await phoneView.click();
  await page.getByRole("region", { name: "Terminals" }).waitFor({ timeout: 15_000 });
  if (!unfold) return page;
  // A desktop folds the bottom panel into one row while the session has no terminal.
  // It unfolds by itself once the session's terminals are listed, if it has any, so the button may go while clicked.
  const show = page.getByRole("button", { name: "Show terminals" });
  const panel = page.getByRole("tablist", { name: "Terminals of this session" });
  await expect
    .poll(async () => {
      if (await show.isVisible()) await show.click({ timeout: 2_000 }).catch(() => undefined);
      // Only the unfolded panel has the tab list; with no terminal yet it is empty, so it has no size to be "visible".
      return (await panel.count()) > 0;
    })
    .toBe(true);
  // On a desktop, give the terminals the room a user working in a TUI would (the splitter's Home key: the
  // conversation keeps its minimum), so the TUI's recent lines are all on screen.
  const splitter = page.getByRole("separator", { name: "Resize the bottom panel" });
  if (await splitter.isVisible()) {
    await splitter.focus();
    await page.keyboard.press("Home");
  }
  return page;
}

/**
 * The network of a context's app socket, as a switch (call before the context opens its page): `lose()` drops the
 * page's socket as a lost network does (1006) and refuses new ones; `restore()` lets the page's retries through.
 */
export async function networkSwitch(context: BrowserContext): Promise<{ lose: () => Promise<void>; restore: () => void }> {
  const sockets: WebSocketRoute[] = [];
  let isOffline = false;
  await context.routeWebSocket(/\/ws$/, (ws) => {
    if (isOffline) return void ws.close({ code: 1006, reason: "offline (test)" });
    sockets.push(ws);
    ws.connectToServer();
  });
  return {
    lose: async () => {
      isOffline = true;
      await sockets.at(-1)?.close({ code: 1006, reason: "network lost (test)" });
    },
    restore: () => {
      isOffline = false;
    },
  };
}

/**
 * An iPhone's on-screen keyboard for a page or a context (call before it opens the app): `open(height)` shrinks only
 * the visual viewport, as iOS does (the layout viewport and so CSS media queries keep the whole screen), `close()`
 * gives it back.
 */
export async function visualKeyboard(target: BrowserContext | Page, screenHeight: number): Promise<{ open: (page: Page, height: number) => Promise<void>; close: (page: Page) => Promise<void> }> {
  await target.addInitScript((height) => {
    const viewport = Object.assign(new EventTarget(), { width: window.innerWidth, height, offsetTop: 0, offsetLeft: 0, pageTop: 0, pageLeft: 0, scale: 1 });
    Object.defineProperty(window, "visualViewport", { get: () => viewport });
    Object.defineProperty(window, "__setVisibleHeight", {
      value: (visible: number) => {
        viewport.height = visible;
        viewport.dispatchEvent(new Event("resize"));
      },
    });
  }, screenHeight);
  const setVisible = (page: Page, height: number) => page.evaluate((h) => (window as unknown as { __setVisibleHeight(h: number): void }).__setVisibleHeight(h), height);
  return { open: setVisible, close: (page) => setVisible(page, screenHeight) };
}
