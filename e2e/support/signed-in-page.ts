import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { mkdirSync, rmSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { hasRunningTestFailed, keepPagesOfFailure } from "../harness/failure-artifacts-pages.ts";
import { signIn, startStack, stopStack, type Stack } from "../harness/index.ts";

/** The two sizes every screen is tested at (DESIGN.md): a phone held upright and a laptop. */
export const SCREEN_SIZES = [
  ["phone", { width: 390, height: 844 }],
  ["desktop", { width: 1440, height: 900 }],
] as const;
export type ScreenSizeName = (typeof SCREEN_SIZES)[number][0];

export { signIn };

/** A new browser context at one of SCREEN_SIZES (a phone also gets touch), signed in and showing `hash`. */
export async function openSignedIn(browser: Browser, server: { url: string; origin: string }, size: ScreenSizeName, hash: string): Promise<{ context: BrowserContext; page: Page }> {
  const viewport = SCREEN_SIZES.find(([name]) => name === size)![1];
  const context = await browser.newContext({ viewport, ...(size === "phone" ? { isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  await signIn(page, server.url);
  await page.goto(`${server.origin}/${hash}`);
  return { context, page };
}

/**
 * A phone and a desktop (SCREEN_SIZES) that stay signed in: each size's first page signs its browser context in, and
 * later pages open in that context already signed in. A context and a sign-in per page cost a `chatml login-link`
 * process, a cold page cache and the service worker's install each (~2.5 s of a loaded 2-core machine).
 * @example const devices = new SignedInDevices(browser, server); const phone = await devices.open("phone", "#/settings");
 */
export class SignedInDevices {
  private readonly contexts = new Map<ScreenSizeName, BrowserContext>();
  /**
   * Per device, a blank page kept open with a CDP session, through which closePages forgets the app's storage: a new
   * blank page per device per test cost a renderer's start (~0.2 s of a loaded 2-core machine) for one CDP call.
   */
  private readonly janitors = new Map<BrowserContext, { page: Page; cdp: CDPSession }>();

  constructor(
    private readonly browser: Browser,
    private readonly server: { url: string; origin: string },
  ) {}

  /** A new page of the device of this size, showing `hash`. */
  async open(size: ScreenSizeName, hash: string): Promise<Page> {
    const context = this.contexts.get(size);
    if (!context) {
      const opened = await openSignedIn(this.browser, this.server, size, hash);
      this.contexts.set(size, opened.context);
      return opened.page;
    }
    const page = await context.newPage();
    await page.goto(`${this.server.origin}/${hash}`);
    return page;
  }

  /**
   * A blank page of the device of this size, at `viewport` if given (e.g. a phone turned sideways, a short laptop
   * window), for a test that must act before the page loads the app (listen to its socket, add an init script).
   */
  async newPage(size: ScreenSizeName, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await (await this.context(size)).newPage();
    if (viewport) await page.setViewportSize(viewport);
    return page;
  }

  /**
   * The signed-in browser context of the device of this size, for a test that opens its pages itself (e.g. with a
   * CDP session of its own); signs it in first if no page of it was opened yet.
   */
  async context(size: ScreenSizeName): Promise<BrowserContext> {
    if (!this.contexts.has(size)) await (await this.open(size, "#/")).close();
    return this.contexts.get(size)!;
  }

  /**
   * Closes every open page, so pages of a finished test stop following the server, and forgets what the app kept on
   * the device (open tabs, drafts, panel sizes): the next test starts as on a new device that is signed in. Called
   * after the test failed (from an afterEach), it first captures the pages for the failure's artifact: they would be
   * gone by the time it is written.
   */
  async closePages(): Promise<void> {
    if (hasRunningTestFailed()) await keepPagesOfFailure();
    for (const context of this.contexts.values()) {
      const janitor = this.janitors.get(context) ?? (await this.newJanitor(context));
      // The app's pages close first: what they write as they go (a draft on pagehide) is forgotten with the rest.
      for (const page of context.pages()) if (page !== janitor.page) await page.close();
      await janitor.cdp.send("Storage.clearDataForOrigin", { origin: this.server.origin, storageTypes: "local_storage,indexeddb" });
    }
  }

  /**
   * Captures the pages for the failure's artifact, from a test's `catch`: its `finally` closes them before the test
   * has failed, which closePages cannot tell (the harness's keepPagesOfFailure, without an import in each test file).
   * @example try { … } catch (error) { await devices.keepPagesOfFailure(); throw error; } finally { await devices.closePages(); }
   */
  keepPagesOfFailure(): Promise<void> {
    return keepPagesOfFailure();
  }

  async close(): Promise<void> {
    for (const context of this.contexts.values()) await context.close();
    this.contexts.clear();
    this.janitors.clear();
  }

  /** The device's blank page for forgetting storage, opened once (the first closePages after its sign-in). */
  private async newJanitor(context: BrowserContext): Promise<{ page: Page; cdp: CDPSession }> {
    const page = await context.newPage();
    const janitor = { page, cdp: await context.newCDPSession(page) };
    this.janitors.set(context, janitor);
    return janitor;
  }
}

/**
 * A stack with a phone and a desktop signed in once for the file (ADR 0096). `madeDirs`: folders its tests made (a
 * session's repository), removed once the stack has stopped (its server may hold them open until then).
 */
export type SignedInStack = Stack & { devices: SignedInDevices; madeDirs: string[] };

/**
 * Starts a stack (startStack) before the tests of the `describe` it is called in, signs its devices in, and stops it
 * after them; `shots` is made for the tests' screenshots. The object's fields are set from the first test on.
 * @example const stack = signedInStack("chatml-undo", SHOTS); it("…", async () => { await stack.devices.open("phone", "#/") });
 */
export function signedInStack(name: string, shots: string): SignedInStack {
  const stack = { madeDirs: [] as string[] } as SignedInStack;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    Object.assign(stack, await startStack(name));
    stack.devices = new SignedInDevices(stack.browser, stack.server);
  });
  afterAll(async () => {
    await stack.devices?.close();
    await stopStack(stack);
    for (const dir of stack.madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return stack;
}
