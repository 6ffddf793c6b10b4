import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Server } from "bun";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, type ChatmlServer, type FakeApi, startStack, stopStack } from "./harness/index.ts";
import { openDevices } from "./support/devices-page.ts";

/**
 * Issue 9's attacks, done from a real page on another loopback port in real Chromium: a lock-out by <img> tags, and
 * framing the signed-in app. The owner's cookie and Bearer token must keep working throughout.
 */
const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");
let api: FakeApi;
let server: ChatmlServer;
let browser: Browser;
let attacker: Server<undefined>;
let attackerPage = "";

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ api, server, browser } = await startStack("chatml-security"));
  attacker = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response(attackerPage, { headers: { "content-type": "text/html" } }) });
});
afterAll(async () => {
  await attacker?.stop(true);
  await stopStack({ api, server, browser });
});

/** Signs a fresh browser context in with a one-time link and records CSP violations on its pages. */
async function ownerPage(context: BrowserContext): Promise<{ page: Page; violations: string[] }> {
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(server.url);
  await page.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });
  return { page, violations };
}

const bearer = (token: string) => fetch(`${server.origin}/api/workspaces`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);

describe("lock-out by a hostile page (hole 1)", () => {
  it("hundreds of <img> guesses from another port never lock out the owner's cookie, token or a new sign-in link", async () => {
    const context = await browser.newContext();
    try {
      const { page } = await ownerPage(context);
      const targets = [
        ...Array.from({ length: 40 }, (_, i) => `/pair?code=guess${i}`),
        ...Array.from({ length: 40 }, (_, i) => `/sign-in?code=guess${i}`),
        ...Array.from({ length: 20 }, (_, i) => `/?token=guess${i}`),
        ...Array.from({ length: 20 }, () => "/pair"),
      ];
      attackerPage = `<!doctype html><title>cute cats</title>${targets.map((t) => `<img src="${server.origin}${t}">`).join("")}`;
      // The owner visits the hostile page in the same browser: its requests even carry the owner's cookie.
      const hostile = await context.newPage();
      await hostile.goto(`${attacker.url}`);
      await hostile.waitForLoadState("load");
      // Another browser (no cookie) hammers too, so the address is over its budget of failed guesses for sure.
      const stranger = await browser.newContext();
      const strangerPage = await stranger.newPage();
      await strangerPage.goto(`${attacker.url}`);
      await strangerPage.waitForLoadState("load");
      await stranger.close();

      expect(await bearer("wrong-guess")).toBe(429);
      expect(await bearer(server.token)).toBe(200);
      await page.reload();
      await page.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });
      const fromPage = await page.evaluate(async () => (await fetch("/api/devices")).status);
      expect(fromPage).toBe(200);
      const newcomer = await browser.newContext();
      const { page: second } = await ownerPage(newcomer);
      expect(new URL(second.url()).pathname).toBe("/");
      await newcomer.close();
    } finally {
      await context.close();
    }
  });
});

describe("framing (hole 7)", () => {
  it("a page on another loopback port cannot frame the signed-in app", async () => {
    const context = await browser.newContext();
    try {
      await ownerPage(context);
      attackerPage = `<!doctype html><title>click here</title><iframe id="app" src="${server.origin}/" width="800" height="600"></iframe>`;
      const hostile = await context.newPage();
      const refusals: string[] = [];
      hostile.on("console", (message) => refusals.push(message.text()));
      await hostile.goto(`${attacker.url}`);
      await hostile.waitForLoadState("load");
      await expect.poll(() => refusals.some((text) => /frame-ancestors|X-Frame-Options/.test(text)), { timeout: 10_000 }).toBe(true);
      const frame = hostile.frames().find((f) => f !== hostile.mainFrame());
      const framedApp = await frame?.evaluate(() => document.querySelector("#root") !== null).catch(() => false);
      expect(framedApp ?? false).toBe(false);
      await hostile.screenshot({ path: join(SHOTS, "security-framing-refused.png") });
    } finally {
      await context.close();
    }
  });

  it("the app runs under its CSP without a violation: boot, service worker, the Devices screen", async () => {
    const context = await browser.newContext();
    try {
      const { page, violations } = await ownerPage(context);
      const worker = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL ?? "");
      expect(worker).toContain("/sw.js");
      await openDevices(page);
      await page.getByTestId("pairing-unreachable").waitFor();
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("pairing on a loopback-only server", () => {
  for (const [size, options] of [["phone", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }], ["desktop", { viewport: { width: 1440, height: 900 } }]] as const) {
    it(`offers no QR code of 127.0.0.1 and says how to restart reachable (${size})`, async () => {
      const context = await browser.newContext(options);
      try {
        const { page } = await ownerPage(context);
        await openDevices(page);
        const help = page.getByTestId("pairing-unreachable");
        await help.waitFor();
        expect(await help.textContent()).toContain("listens on this computer only");
        // The harness runs ChatML from this checkout: the restart command is its own bin (bunx would fetch the package).
        expect(await page.getByTestId("reach-command-network").textContent()).toMatch(/^bun bin\/chatml\.ts .*--lan$/);
        expect(await page.getByTestId("reach-command-tunnel").textContent()).toMatch(/--public-url https:\/\/<your-tunnel-address>$/);
        expect(await page.getByRole("button", { name: "Show pairing QR code" }).count()).toBe(0);
        expect(await page.getByTestId("pairing-qr").count()).toBe(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(options.viewport.width);
        await page.screenshot({ path: join(SHOTS, `security-pairing-loopback-${size}.png`), fullPage: true });
      } finally {
        await context.close();
      }
    });
  }
});
