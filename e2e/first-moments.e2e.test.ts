import type { Browser, BrowserContext, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BYPASS_AS_ROOT_WHY } from "../shared/api/permission-modes.ts";
import { SCREEN_SIZES, signIn } from "./support/signed-in-page.ts";
import { type ChatmlServer, type FakeApi, startStack, stopStack } from "./harness/index.ts";

const SHOTS = process.env.CHATML_SHOTS_DIR ?? "/tmp/qa14-convo";

/** A request held until the test lets it go: what a slow server or a slow network looks like, without a timer. */
class HeldRequests {
  private readonly held: Route[] = [];
  constructor(private readonly onRelease: (route: Route) => Promise<void> = (route) => route.continue()) {}
  readonly hold = (route: Route) => void this.held.push(route);
  count = () => this.held.length;
  async release(): Promise<void> {
    for (const route of this.held.splice(0)) await this.onRelease(route);
  }
}

describe("the page's first moments", () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ api, server, browser } = await startStack("chatml-first-moments"));
  });

  afterAll(async () => {
    await stopStack({ api, server, browser });
  });

  /** A device of one size whose OS prefers `scheme`; no service worker, so the page's own requests can be held. */
  async function device(size: (typeof SCREEN_SIZES)[number], scheme: "light" | "dark", heldInfo?: HeldRequests): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: size[1], colorScheme: scheme, serviceWorkers: "block", ...(size[0] === "phone" ? { isMobile: true, hasTouch: true } : {}) });
    const page = await context.newPage();
    // Held from the app's first load on: the sign-in opens the app, and Home asks for the facts too.
    if (heldInfo) await page.route("**/api/info", heldInfo.hold);
    await signIn(page, server.url);
    return { context, page };
  }

  /** Reloads with the app's script held, so what shows is what the page paints before the app runs. */
  async function beforeTheApp(page: Page, shot: string): Promise<{ isDark: boolean; colorScheme: string; background: string }> {
    const app = new HeldRequests();
    await page.route(/\/assets\/index-[^/]+\.js$/, app.hold);
    await page.reload({ waitUntil: "commit" });
    await expect.poll(() => app.count()).toBe(1);
    // The stylesheet is in the head, before the held script: once it has loaded, the page can paint.
    await expect.poll(() => page.evaluate(() => document.styleSheets.length > 0 && document.body !== null)).toBe(true);
    const first = await page.evaluate(() => ({
      isDark: document.documentElement.classList.contains("dark"),
      colorScheme: document.documentElement.style.colorScheme,
      background: getComputedStyle(document.body).backgroundColor,
    }));
    await page.screenshot({ path: `${SHOTS}/${shot}.png` });
    await app.release();
    await page.unroute(/\/assets\/index-[^/]+\.js$/);
    return first;
  }

  const themeSelect = (page: Page) => page.getByRole("combobox", { name: "Theme" });

  for (const size of SCREEN_SIZES) {
    it(`paints the stored theme (and "system") before the app starts, on a ${size[0]}`, async () => {
      const { context, page } = await device(size, "dark");
      try {
        await page.goto(`${server.origin}/#/settings`);
        await expect.poll(() => themeSelect(page).inputValue()).toBe("system");
        const systemDark = await beforeTheApp(page, `theme-system-dark-${size[0]}`);
        expect(systemDark).toMatchObject({ isDark: true, colorScheme: "dark" });

        await themeSelect(page).selectOption("light");
        const light = await beforeTheApp(page, `theme-light-${size[0]}`);
        expect(light).toMatchObject({ isDark: false, colorScheme: "light" });
        expect(light.background).not.toBe(systemDark.background);

        await page.emulateMedia({ colorScheme: "light" });
        await themeSelect(page).selectOption("dark");
        const dark = await beforeTheApp(page, `theme-dark-${size[0]}`);
        expect(dark).toEqual(systemDark);

        // Once the app runs it keeps what was painted.
        await expect.poll(() => themeSelect(page).inputValue()).toBe("dark");
        expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
        await page.screenshot({ path: `${SHOTS}/theme-dark-app-${size[0]}.png` });
      } finally {
        await context.close();
      }
    });
  }

  it("does not offer bypass in a picker shown before the server has said whether it can start it", async () => {
    // The server answers as an ordinary user's would: bypass can be started.
    const info = new HeldRequests(async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), unavailablePermissionModes: [] } });
    });
    const { context, page } = await device(SCREEN_SIZES[1], "light", info);
    try {
      await page.goto(`${server.origin}/#/new`);
      const picker = page.getByRole("combobox", { name: "Permission mode" });
      await picker.waitFor();
      await expect.poll(() => info.count()).toBeGreaterThan(0);
      const bypass = picker.getByRole("option", { name: /^Bypass permissions/ });
      expect(await bypass.isDisabled()).toBe(true);
      expect(await bypass.textContent()).toBe("Bypass permissions (checking…)");
      expect(await picker.getByRole("option", { name: "Accept edits" }).isDisabled()).toBe(false);
      await page.screenshot({ path: `${SHOTS}/picker-checking-desktop.png` });

      await info.release();
      await expect.poll(() => bypass.isDisabled()).toBe(false);
      expect(await bypass.textContent()).toBe("Bypass permissions");
    } finally {
      await context.close();
    }
  });

  // Claude Code refuses bypass to root unless told it is in a sandbox (ADR 0097); the server says so only then.
  const isRefusedBypass = process.getuid?.() === 0 && !process.env.IS_SANDBOX && !process.env.CLAUDE_CODE_BUBBLEWRAP;
  it.runIf(isRefusedBypass)("names why bypass cannot be used once a root server has said so", async () => {
    const info = new HeldRequests();
    const { context, page } = await device(SCREEN_SIZES[0], "light", info);
    try {
      await page.goto(`${server.origin}/#/new`);
      const picker = page.getByRole("combobox", { name: "Permission mode" });
      await picker.waitFor();
      const bypass = picker.getByRole("option", { name: /^Bypass permissions/ });
      expect(await bypass.isDisabled()).toBe(true);
      await page.getByRole("textbox", { name: "Folder path" }).fill("/tmp");
      const start = page.getByRole("button", { name: "Start conversation" });
      const before = await start.boundingBox();
      await info.release();
      await expect.poll(() => bypass.textContent()).toBe(`Bypass permissions (${BYPASS_AS_ROOT_WHY})`);
      expect(await bypass.isDisabled()).toBe(true);
      // The reason appears under the picker's row: Start stays where a finger (or a test's click) was going.
      await page.getByText(/^Bypass permissions is not available/).waitFor();
      expect(await start.boundingBox()).toEqual(before);
      await page.screenshot({ path: `${SHOTS}/picker-root-phone.png` });
    } finally {
      await context.close();
    }
  });
});
