import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBinPath, cliEnv, launchBrowser, REPO_ROOT, startChatml, startFakeApi, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "first-run");
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844, isMobile: true, hasTouch: true },
  { name: "desktop", width: 1440, height: 900, isMobile: false, hasTouch: false },
] as const;

/**
 * The first screen checks Claude Code before the first message: a CLI that is not where ChatML looks gets install
 * steps; once it is there, "Check again" finds it (no restart) and says how it signs in. A signed-out CLI gets the
 * sign-in steps. Real server, real pinned CLI, headless Chromium.
 */
describe("first run: the Claude Code check", () => {
  let api: FakeApi;
  let browser: Browser;
  const servers: ChatmlServer[] = [];

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of servers) await server.stop();
    await api?.stop();
  });

  it.each(VIEWPORTS)("tells how to install, then finds the CLI on Check again ($name)", async (viewport) => {
    const binDir = tempDir("chatml-first-run-bin");
    const claudeBin = join(binDir, "claude");
    const server = await startChatml({ dataDir: tempDir("chatml-first-run-data"), claudeBin, env: cliEnv({ apiUrl: api.url, home: tempDir("chatml-first-run-home") }) });
    servers.push(server);
    const page = await (await browser.newContext({ viewport, isMobile: viewport.isMobile, hasTouch: viewport.hasTouch })).newPage();
    await page.goto(server.url);
    const check = page.getByRole("region", { name: "Claude Code check" });
    await expect.poll(() => check.textContent(), { timeout: 20_000 }).toContain("not installed where ChatML looks");
    expect(await check.textContent()).toContain("npm install -g @anthropic-ai/claude-code");
    await page.screenshot({ path: join(SHOTS, `${viewport.name}-not-installed.png`) });

    symlinkSync(cliBinPath("2.1.330"), claudeBin);
    await check.getByRole("button", { name: "Check again" }).click();
    await expect.poll(() => check.textContent(), { timeout: 30_000 }).toContain("signed in with an API key (ANTHROPIC_API_KEY)");
    expect(await check.textContent()).toContain("Claude Code 2.1.330");
    // The green dot sits beside the summary's first line, on a phone too (where the summary wraps).
    const dot = await check.locator("span[aria-hidden=true]").boundingBox();
    const summary = await check.getByText(/^Claude Code 2\.1\.330/).boundingBox();
    expect(dot?.y ?? 0).toBeGreaterThanOrEqual((summary?.y ?? 0) - 1);
    expect((dot?.y ?? 0) + (dot?.height ?? 0)).toBeLessThan((summary?.y ?? 0) + 16);
    await page.screenshot({ path: join(SHOTS, `${viewport.name}-ready.png`) });
    await page.context().close();
  });

  it("gives the sign-in steps for a signed-out CLI", async () => {
    const env = cliEnv({ apiUrl: api.url, home: tempDir("chatml-first-run-home") });
    delete env.ANTHROPIC_API_KEY;
    const server = await startChatml({ dataDir: tempDir("chatml-first-run-data"), claudeBin: cliBinPath("2.1.330"), env });
    servers.push(server);
    const page = await (await browser.newContext({ viewport: VIEWPORTS[0] })).newPage();
    await page.goto(server.url);
    const check = page.getByRole("region", { name: "Claude Code check" });
    await expect.poll(() => check.textContent(), { timeout: 30_000 }).toContain("is not signed in");
    expect(await check.textContent()).toMatch(/\/login.*ANTHROPIC_API_KEY/s);
    await page.screenshot({ path: join(SHOTS, "phone-signed-out.png") });
    // Starting needs a folder the user chose: the button says so instead of starting in the home folder.
    expect(await page.getByRole("button", { name: "Pick a folder to start" }).isDisabled()).toBe(true);
    await page.context().close();
  });
});
