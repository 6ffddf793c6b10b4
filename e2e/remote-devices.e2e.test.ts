import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, ConsoleMessage, Page, WebSocketRoute } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBinPath, REPO_ROOT, startChatml, tempDir, type ChatmlServer, type FakeApi, startStack, stopStack } from "./harness/index.ts";
import { newerBuild } from "./support/newer-build.ts";
import { smallTargets } from "./support/touch-targets.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1440, height: 900 } };

/**
 * The address a phone would open, as behind a tunnel (`--public-url`): a loopback-only server offers no QR code at
 * all (security.e2e covers that). The test browser opens the same links on the server's own origin.
 */
const PUBLIC_URL = "http://chatml-phone.test";

let api: FakeApi;
let server: ChatmlServer;
let browser: Browser;
let restart: { dataDir: string; env: Record<string, string>; claudeBin: string };
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  let dataDir: string, env: Record<string, string>;
  ({ api, server, browser, dataDir, env } = await startStack("chatml-remote", "2.1.330", { extraArgs: ["--public-url", PUBLIC_URL] }));
  restart = { dataDir, env, claudeBin: cliBinPath("2.1.330") };
});
afterAll(async () => {
  await stopStack({ api, server, browser });
});

async function startConversation(page: Page, text: string): Promise<string> {
  await page.getByRole("textbox", { name: "Folder path" }).fill(tempDir("chatml-remote-work"));
  await page.getByRole("button", { name: "Start conversation" }).click();
  const box = page.getByRole("textbox", { name: "Message" });
  await box.waitFor({ timeout: 15_000 });
  await box.fill(text);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect.poll(() => new URL(page.url()).hash, { timeout: 10_000 }).toMatch(/^#\/c\/cnv_/);
  return new URL(page.url()).hash;
}

/** Pairs a fresh phone context through the desktop's Devices screen (QR link), the way a user would. */
async function pairPhone(desktop: Page): Promise<BrowserContext> {
  const violations: string[] = [];
  const recordViolation = (message: ConsoleMessage) => void (/Content Security Policy|Refused to/i.test(message.text()) && violations.push(message.text()));
  desktop.on("console", recordViolation);
  await desktop.getByRole("button", { name: "Devices" }).click();
  await desktop.getByRole("button", { name: "Show pairing QR code" }).click();
  const link = (await desktop.getByTestId("pairing-link").textContent()) ?? "";
  expect(link.startsWith(`${PUBLIC_URL}/pair?code=`)).toBe(true);
  await desktop.getByTestId("pairing-qr").locator("svg").waitFor();
  // The QR code is inline SVG: it renders under the app's CSP.
  expect(violations).toEqual([]);
  desktop.off("console", recordViolation);
  await desktop.screenshot({ path: join(SHOTS, "remote-desktop-pairing.png") });
  await desktop.getByRole("button", { name: "Close" }).click();
  const phone = await browser.newContext(PHONE);
  const page = await phone.newPage();
  await page.goto(link.replace(/^https?:\/\/[^/]+/, server.origin));
  // The pairing page fits a phone: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.viewport.width);
  await page.screenshot({ path: join(SHOTS, "remote-phone-pairing-page.png") });
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${server.origin}/`);
  return phone;
}

/** A desktop signed in, and a phone paired through its Devices screen; `close` closes both. */
async function desktopAndPairedPhone(): Promise<{ desktop: Page; phone: Page; close: () => Promise<void> }> {
  const desktopContext = await browser.newContext(DESKTOP);
  const desktop = await desktopContext.newPage();
  await desktop.goto(server.url);
  const phoneContext = await pairPhone(desktop);
  const close = async () => {
    await phoneContext.close();
    await desktopContext.close();
  };
  return { desktop, phone: phoneContext.pages()[0] as Page, close };
}

describe("two devices on one conversation", () => {
  it("pairs a phone; a message and a permission answer on one appear on the other", async () => {
    const { desktop, phone, close } = await desktopAndPairedPhone();
    try {
      const hash = await startConversation(desktop, "Run a command @@bash");
      await phone.goto(`${server.origin}/${hash}`);
      await phone.getByTestId("message-user").filter({ hasText: "Run a command @@bash" }).waitFor({ timeout: 15_000 });
      await phone.getByTestId("permission-card").waitFor({ timeout: 60_000 });
      await expect.poll(() => desktop.getByTestId("presence").textContent(), { timeout: 10_000 }).toContain("2 devices here");
      await phone.screenshot({ path: join(SHOTS, "remote-phone-permission.png") });
      await phone.getByTestId("permission-card").getByRole("button", { name: "Allow", exact: true }).click();
      await desktop.getByTestId("turn-result").first().waitFor({ timeout: 60_000 });
      await expect.poll(() => desktop.getByTestId("permission-card").count()).toBe(0);
      await desktop.screenshot({ path: join(SHOTS, "remote-desktop-after-phone-allowed.png") });
      await desktop.getByRole("button", { name: "Devices" }).click();
      await expect.poll(() => desktop.getByTestId("device-row").count()).toBe(2);
      await desktop.screenshot({ path: join(SHOTS, "remote-desktop-devices.png") });
    } finally {
      await close();
    }
  });

  it("drops the socket mid-stream; after the resume nothing is missing or duplicated", async () => {
    const context = await browser.newContext(DESKTOP);
    const routes: WebSocketRoute[] = [];
    await context.routeWebSocket(/\/ws$/, (ws) => {
      routes.push(ws);
      ws.connectToServer();
    });
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      // @@held stops after slow-10 until released: the drop lands mid-stream even on a loaded machine, and the words
      // after it stream while the socket is down and coming back.
      await startConversation(page, "Stream slowly @@held");
      await expect.poll(() => page.getByTestId("message-assistant").last().textContent(), { timeout: 60_000 }).toContain("slow-08");
      expect(await page.getByTestId("turn-result").count(), "the drop came after the turn ended").toBe(0);
      const dropped = routes.length;
      await routes.at(-1)?.close({ code: 1006, reason: "network lost (test)" });
      api.releaseHeldStreams();
      await expect.poll(() => routes.length, { timeout: 15_000 }).toBeGreaterThan(dropped);
      await page.getByTestId("turn-result").first().waitFor({ timeout: 60_000 });
      const text = (await page.getByTestId("timeline").textContent()) ?? "";
      for (let i = 1; i <= 40; i++) expect(text.split(`slow-${String(i).padStart(2, "0")}`).length - 1, `slow-${i}`).toBe(1);
      expect(await page.getByTestId("message-user").count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});

describe("the lists on a reconnect (ADR 0048)", () => {
  it("loads them once at start, not again after a reconnect that missed nothing, and again after one that missed a change", async () => {
    const context = await browser.newContext(DESKTOP);
    const LISTS = /^\/api\/(workspaces|sessions|conversations|goals|jobs|runs)$/;
    const listLoads: string[] = [];
    let approvalsLoads = 0;
    context.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (request.method() === "GET" && LISTS.test(path)) listLoads.push(path);
      if (request.method() === "GET" && path === "/api/approvals") approvalsLoads += 1;
    });
    const sockets: WebSocketRoute[] = [];
    let welcomes = 0;
    let isDroppingEntities = false;
    let dropped = 0;
    await context.routeWebSocket(/\/ws$/, (page) => {
      sockets.push(page);
      const toServer = page.connectToServer();
      page.onMessage((message) => toServer.send(message));
      toServer.onMessage((message) => {
        const type = (JSON.parse(String(message)) as { type: string }).type;
        if (type === "welcome") welcomes += 1;
        // A network that loses what the server sent while a phone's radio was off: the page cannot know until it reconnects.
        if (type === "entity" && isDroppingEntities) return void (dropped += 1);
        page.send(message);
      });
    });
    const page = await context.newPage();
    // A welcome is handled in one go: the terminals' approvals are asked for at once, and the lists, when needed, a
    // few microtasks later in the same task (no timer, no other request first). Once the page has asked for the
    // approvals and then answered an evaluate (a later task), a list load it needed has been asked for too.
    const welcomeHandled = async (welcome: number) => {
      await expect.poll(() => approvalsLoads).toBeGreaterThanOrEqual(welcome);
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    };
    try {
      await page.goto(server.url);
      await page.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });
      await expect.poll(() => welcomes).toBe(1);
      await welcomeHandled(1);
      expect(listLoads.toSorted()).toEqual(["/api/conversations", "/api/goals", "/api/jobs", "/api/runs", "/api/sessions", "/api/workspaces"]);

      await sockets.at(-1)?.close({ code: 1006, reason: "network lost (test)" });
      await expect.poll(() => welcomes, { timeout: 15_000 }).toBe(2);
      await welcomeHandled(2);
      expect(listLoads).toHaveLength(6);

      isDroppingEntities = true;
      const folder = tempDir("chatml-remote-missed");
      const started = await fetch(`${server.origin}/api/start`, { method: "POST", headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" }, body: JSON.stringify({ path: folder }) });
      expect(started.ok).toBe(true);
      await expect.poll(() => dropped).toBeGreaterThanOrEqual(3);
      isDroppingEntities = false;
      await sockets.at(-1)?.close({ code: 1006, reason: "network lost (test)" });
      await expect.poll(() => welcomes, { timeout: 15_000 }).toBe(3);
      await expect.poll(() => listLoads.length).toBe(12);
      const name = folder.split("/").at(-1) as string;
      await page.getByText(name).first().waitFor({ timeout: 15_000 });
    } finally {
      await context.close();
    }
  });
});

describe("managing devices", () => {
  it("renames the paired phone, revokes it, and the phone is told it was signed out (also after a reload)", async () => {
    const { desktop, phone, close } = await desktopAndPairedPhone();
    try {
      await phone.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });
      await desktop.getByRole("button", { name: "Devices" }).click();
      // This device is listed first, the others in the order they were paired: the phone just paired is the last.
      const phoneRow = desktop.getByTestId("device-row").filter({ hasNotText: "(this device)" }).last();
      await phoneRow.getByRole("button", { name: /^Rename / }).click();
      await phoneRow.getByRole("textbox", { name: "Device name" }).fill("Kitchen tablet");
      await phoneRow.getByRole("button", { name: "Save" }).click();
      await desktop.getByTestId("device-row").filter({ hasText: "Kitchen tablet" }).waitFor({ timeout: 10_000 });
      await desktop.screenshot({ path: join(SHOTS, "remote-desktop-renamed-device.png") });

      const tabletRow = desktop.getByTestId("device-row").filter({ hasText: "Kitchen tablet" });
      await tabletRow.getByRole("button", { name: "Revoke" }).click();
      await tabletRow.getByRole("group", { name: "Confirm: Revoke Kitchen tablet" }).getByRole("button", { name: "Revoke" }).click();
      await phone.getByRole("heading", { name: "This device was signed out" }).waitFor({ timeout: 15_000 });
      await phone.screenshot({ path: join(SHOTS, "remote-phone-signed-out.png") });
      // After a reload the server has forgotten this browser (its cookie is cleared); the page still says why.
      await phone.reload();
      await phone.getByRole("heading", { name: "This device was signed out" }).waitFor({ timeout: 15_000 });
    } finally {
      await close();
    }
  });
});

describe("a used pairing link", () => {
  it("takes the phone that used it back into the app when it goes back to it, not to 'Pairing failed'", async () => {
    const { phone, close } = await desktopAndPairedPhone();
    try {
      await phone.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });
      // Back goes to the pairing page (its link is in the history), which asks the server again: it is spent.
      await phone.goBack();
      await phone.waitForURL(`${server.origin}/`);
      await phone.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });
      expect(await phone.getByRole("heading", { name: "Pairing failed" }).count()).toBe(0);
    } finally {
      await close();
    }
  });
});

describe("sending a pairing link without the QR code", () => {
  it("copies the pairing link, and the device that opens what was copied is signed in", async () => {
    const desktopContext = await browser.newContext(DESKTOP);
    await desktopContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    const desktop = await desktopContext.newPage();
    const phone = await browser.newContext(PHONE);
    try {
      await desktop.goto(server.url);
      await desktop.getByRole("button", { name: "Devices" }).click();
      await desktop.getByRole("button", { name: "Show pairing QR code" }).click();
      const link = (await desktop.getByTestId("pairing-link").textContent()) ?? "";
      await desktop.getByRole("button", { name: "Copy the pairing link" }).click();
      await desktop.getByRole("button", { name: "Copy the pairing link" }).filter({ hasText: "Copied" }).waitFor();
      // Said to a screen reader too: the button's name stays what it copies.
      await desktop.getByRole("region", { name: "Pair a device" }).getByRole("status").filter({ hasText: "Copied" }).waitFor();
      const copied = await desktop.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(link);
      await desktop.screenshot({ path: join(SHOTS, "remote-desktop-pairing-copied.png") });
      const page = await phone.newPage();
      await page.goto(copied.replace(/^https?:\/\/[^/]+/, server.origin));
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });
    } finally {
      await phone.close();
      await desktopContext.close();
    }
  });
});

describe("the Devices screen is live", () => {
  it("shows another device connect, disconnect and be revoked elsewhere while it is open, without reading it again by hand", async () => {
    const desktopContext = await browser.newContext(DESKTOP);
    const desktop = await desktopContext.newPage();
    const tabletContext = await browser.newContext({ ...PHONE, userAgent: "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/604.1" });
    try {
      await desktop.goto(server.url);
      await desktop.getByRole("button", { name: "Devices" }).click();
      const rows = desktop.getByTestId("device-row");
      await rows.filter({ hasText: "(this device)" }).waitFor({ timeout: 15_000 });
      // A tablet signs in: its row comes, then its dot turns connected.
      const tablet = await tabletContext.newPage();
      await tablet.goto(server.url);
      const tabletRow = rows.filter({ hasText: "Safari on iPad" });
      await tabletRow.getByLabel("connected", { exact: true }).waitFor({ timeout: 15_000 });
      await desktop.screenshot({ path: join(SHOTS, "remote-desktop-devices-live.png") });
      // The tablet goes away: its dot turns grey.
      await tablet.close();
      await tabletRow.getByLabel("not connected", { exact: true }).waitFor({ timeout: 15_000 });
      // It comes back, and is revoked from another window of the desktop: the row goes from this one too.
      const back = await tabletContext.newPage();
      await back.goto(server.origin);
      await tabletRow.getByLabel("connected", { exact: true }).waitFor({ timeout: 15_000 });
      const other = await desktopContext.newPage();
      await other.goto(server.origin);
      await other.getByRole("button", { name: "Devices" }).click();
      const otherRow = other.getByTestId("device-row").filter({ hasText: "Safari on iPad" });
      await otherRow.getByRole("button", { name: "Revoke" }).click();
      await otherRow.getByRole("group", { name: "Confirm: Revoke Safari on iPad" }).getByRole("button", { name: "Revoke" }).click();
      await tabletRow.waitFor({ state: "detached", timeout: 15_000 });
    } finally {
      await tabletContext.close();
      await desktopContext.close();
    }
  });
});

describe("installable PWA", () => {
  it("registers the manifest and service worker; offline, the shell loads, says the device is offline and recovers", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      await page.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });
      const manifest = await page.evaluate(async () => {
        const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
        const response = await fetch(link?.href ?? "", { credentials: "omit" });
        return (await response.json()) as { display: string; icons: { purpose: string }[] };
      });
      expect(manifest.display).toBe("standalone");
      expect(manifest.icons.some((icon) => icon.purpose === "maskable")).toBe(true);
      const scriptUrl = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL ?? "");
      expect(scriptUrl).toContain("/sw.js?v=");
      await expect.poll(() => page.evaluate(async () => (await caches.keys()).length), { timeout: 10_000 }).toBeGreaterThan(0);
      await context.setOffline(true);
      await page.reload();
      // The device itself is offline: say so (not "cannot reach the server"), and come back by itself.
      await page.getByText("This device is offline").waitFor({ timeout: 15_000 });
      expect(await page.title()).toBe("ChatML");
      await page.screenshot({ path: join(SHOTS, "remote-phone-offline.png") });
      await context.setOffline(false);
      await page.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });
    } finally {
      await context.close();
    }
  });

  it("signs in again with a new sign-in link in a browser that has the app installed and was signed out", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    try {
      await installedApp(page, server.url);
      // Signed out (the device revoked, the token rotated): the next link is answered by the server, not the cached shell.
      await context.clearCookies();
      await page.goto(server.url);
      await page.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });
      expect(new URL(page.url()).pathname).toBe("/");
    } finally {
      await context.close();
    }
  });

  it("offers 'Reload to update' when the server runs a newer build, and one reload shows it", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    try {
      // An iPhone app's status bar (standalone, black-translucent): the page runs under 47 px of it.
      await (await context.newCDPSession(page)).send("Emulation.setSafeAreaInsetsOverride", { insets: { top: 47, topMax: 47 } });
      await page.goto(server.url);
      await page.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });
      const header = page.locator("[data-top-bar]").first();
      // The server is reachable from the network: a phone is told so over its screen (ADR 0078), clear of the status
      // bar, until it acknowledges it; then the header takes the status bar's inset itself.
      const acknowledge = page.getByRole("button", { name: "Got it, hide the network notice" });
      expect((await acknowledge.boundingBox())?.y).toBeGreaterThanOrEqual(47);
      expect(await header.evaluate((el) => getComputedStyle(el).paddingTop)).toBe("0px");
      await acknowledge.click();
      // The notice goes on the render after the click, not within it: wait for the inset rather than read it at once.
      await expect.poll(() => header.evaluate((el) => getComputedStyle(el).paddingTop)).toBe("47px");
      // The old build is installed: its service worker controls the page and holds the shell in its cache.
      await page.evaluate(async () => void (await navigator.serviceWorker.ready));
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      await expect.poll(() => page.evaluate(async () => (await caches.keys()).length)).toBeGreaterThan(0);
      const oldEntry = await page.evaluate(() => document.querySelector<HTMLScriptElement>("script[type=module][src]")?.getAttribute("src"));

      // The user upgrades and restarts ChatML: the same port and data dir, a newer build.
      const next = newerBuild(tempDir("chatml-remote-next"), "99.0.0-next");
      expect(next.entry).not.toBe(oldEntry);
      await server.stop();
      server = await startChatml({
        ...restart,
        port: server.port,
        script: "e2e/support/versioned-chatml.ts",
        env: { ...restart.env, CHATML_TEST_BUILD_VERSION: "99.0.0-next", CHATML_TEST_BUILD_WEB_ROOT: next.webRoot },
      });
      // The open page reconnects and is told; one reload runs the newer build (not the cached old shell).
      const offer = page.getByTestId("update-available");
      await offer.waitFor({ timeout: 30_000 });
      expect(await offer.textContent()).toBe("A newer ChatML (99.0.0-next) is running on the server.Reload to update");
      // The banner, first on the screen, is clear of the status bar; the header under it adds no second gap.
      await page.getByRole("status").filter({ hasText: /Connecting…|Offline/ }).waitFor({ state: "detached" });
      expect((await offer.getByRole("button", { name: "Reload to update" }).boundingBox())?.y).toBeGreaterThanOrEqual(47);
      expect(await header.evaluate((el) => getComputedStyle(el).paddingTop)).toBe("0px");
      await page.screenshot({ path: join(SHOTS, "remote-phone-update-offer.png") });
      expect(await smallTargets(page)).toEqual([]);
      await Promise.all([page.waitForEvent("load", { timeout: 30_000 }), offer.getByRole("button", { name: "Reload to update" }).click()]);
      expect(await page.evaluate(() => document.querySelector<HTMLScriptElement>("script[type=module][src]")?.getAttribute("src"))).toBe(next.entry);
      await page.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });
      expect(await page.getByTestId("update-available").count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("signs in with the first link after an update in a browser whose old service worker answered sign-in links itself", async () => {
    // The build before the routing fix: its worker answered every navigation but pairing links with the cached shell.
    const old = newerBuild(tempDir("chatml-remote-old"), "0.0.0-old");
    const worker = join(old.webRoot, "sw.js");
    const fixed = 'request.mode === "navigate" && url.pathname === "/" && !url.searchParams.has("token")';
    expect(readFileSync(worker, "utf8")).toContain(fixed);
    writeFileSync(worker, readFileSync(worker, "utf8").replace(fixed, 'request.mode === "navigate" && !url.searchParams.has("token") && url.pathname !== "/pair"'));
    await restartAs({ version: "0.0.0-old", webRoot: old.webRoot });
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    try {
      await installedApp(page, server.url);
      // Signed out (revoked, token rotated), then ChatML is updated; the user opens a new sign-in link.
      await context.clearCookies();
      await restartAs(null);
      await page.goto(server.url);
      await page.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 30_000 });
      expect(new URL(page.url()).pathname).toBe("/");
    } finally {
      await context.close();
    }
  });

  it("reopened from the cache after an update, an old page reads the server's frames and offers the update; one without its chunk offers it too", async () => {
    await restartAs(null);
    const phone = await browser.newContext(PHONE);
    const desktop = await browser.newContext(DESKTOP);
    try {
      const [cached, withoutChunk] = [await phone.newPage(), await desktop.newPage()];
      await installedApp(cached, server.url);
      await installedApp(withoutChunk, server.url);
      // Installed, the worker holds the first screen's lazy chunks with the shell: the socket's frame schemas among them.
      const shellChunks = await cached.evaluate(() => document.querySelector('meta[name="chatml-shell-chunks"]')?.getAttribute("content")?.split(" ") ?? []);
      const schemasChunk = shellChunks.find((file) => /\/wire-schemas-[\w-]+\.js$/.test(file));
      expect(schemasChunk, shellChunks.join(" ")).toBeDefined();
      const isCached = (page: Page, file: string) => page.evaluate(async (url) => (await caches.match(url)) !== undefined, file);
      for (const file of shellChunks) expect(await isCached(cached, file), file).toBe(true);
      // The desktop's worker lost the chunk, as a worker of a build that cached only what index.html names left it.
      await withoutChunk.evaluate(async (url) => Promise.all((await caches.keys()).map(async (name) => (await caches.open(name)).delete(url))), schemasChunk ?? "");
      // The browser's HTTP cache is no store to count on (a phone drops it, an iPhone app's is short-lived): empty.
      for (const page of [cached, withoutChunk]) await (await page.context().newCDPSession(page)).send("Network.clearBrowserCache");

      // ChatML is updated and restarted: the old build's chunks are gone from the server.
      await restartAs({ version: "99.1.0-next", webRoot: newerBuild(tempDir("chatml-remote-next"), "99.1.0-next").webRoot });
      expect((await cached.request.get(`${server.origin}${schemasChunk ?? ""}`)).status()).toBe(404);
      await cached.reload();
      await withoutChunk.reload();
      // The cached shell runs the old build: its socket reads the server's offer (the schemas came from the cache).
      const offer = cached.getByTestId("update-available");
      await offer.waitFor({ timeout: 30_000 });
      expect(await offer.textContent()).toBe("A newer ChatML (99.1.0-next) is running on the server.Reload to update");
      await cached.screenshot({ path: join(SHOTS, "remote-phone-cached-shell-update-offer.png") });
      // Without the chunk the page cannot read the server's frames: it asks which build the server serves and offers it.
      const plainOffer = withoutChunk.getByTestId("update-available");
      await plainOffer.waitFor({ timeout: 30_000 });
      expect(await plainOffer.textContent()).toBe("ChatML was updated on the server: this page is the old one and cannot go on.Reload to update");
      // The offer says it all: no "Offline — reconnecting" beside it, for a server that answers.
      await withoutChunk.getByRole("status").filter({ hasText: /Connecting…|Offline/ }).waitFor({ state: "detached" });
      await withoutChunk.screenshot({ path: join(SHOTS, "remote-desktop-missing-chunk-update-offer.png") });
      await Promise.all([withoutChunk.waitForEvent("load", { timeout: 30_000 }), plainOffer.getByRole("button", { name: "Reload to update" }).click()]);
      await withoutChunk.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });
      expect(await withoutChunk.getByTestId("update-available").count()).toBe(0);
    } finally {
      await phone.close();
      await desktop.close();
      await restartAs(null);
    }
  });
});

/** Restarts ChatML on the same port and data dir as `build` (a {@link newerBuild}), or as this checkout's build. */
async function restartAs(build: { version: string; webRoot: string } | null): Promise<void> {
  await server.stop();
  const script = build ? { script: "e2e/support/versioned-chatml.ts", env: { ...restart.env, CHATML_TEST_BUILD_VERSION: build.version, CHATML_TEST_BUILD_WEB_ROOT: build.webRoot } } : {};
  server = await startChatml({ ...restart, port: server.port, ...script });
}

/** Opens the app signed in and waits until it is installed: its service worker controls the page and has cached it. */
async function installedApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).length)).toBeGreaterThan(0);
}
