import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { openSessionTerminals, SHOTS, signedInTerminalsStack, untilNewTerminalFocused } from "./support/terminals-page.ts";

/** What the xterm on the page shows, as text. */
const screenOf = (page: Page) => page.getByTestId("terminal-screen").locator(".xterm-rows").innerText();

/**
 * What a phone's "+ Terminal" leaves ready and how a phone gets back from the Terminals view; and Ctrl+C's copy on a
 * page the browser gives no clipboard API (plain HTTP, `--lan`).
 */
describe("terminals ready to type into, a phone's way back, a copy without a clipboard API (real server and PTYs, Chromium)", () => {
  const stack = signedInTerminalsStack("chatml-term-ready");

  afterEach(async () => {
    await stack.devices.closePages();
  });

  it("on a 390×844 phone, the terminal '+ Terminal' opened takes the keys at once, and Back returns to the conversation", async () => {
    const page = await openSessionTerminals(stack.devices.newPage("phone"), stack.server.origin, stack.sessionId);
    await page.getByRole("button", { name: "+ Terminal" }).tap();
    await page.getByRole("tab", { name: "Terminal 1" }).waitFor();
    // Focus stayed on "+ Terminal": the phone's keys (and a tablet's keyboard) went nowhere until the terminal was tapped.
    await untilNewTerminalFocused(page);
    await page.keyboard.type("echo ready-$((6*7))");
    await page.keyboard.press("Enter");
    await expect.poll(() => screenOf(page), { timeout: 15_000 }).toContain("ready-42");
    await page.screenshot({ path: join(SHOTS, "terminals-phone-ready.png") });
    // Every phone screen's header has a Back; the Terminals view's had none.
    const back = page.getByRole("link", { name: "Back" });
    expect(await back.getAttribute("href")).toBe(`#/s/${stack.sessionId}`);
    await back.tap();
    const views = page.getByRole("navigation", { name: "Workbench views" });
    await expect.poll(() => views.getByRole("button", { name: "Chat" }).getAttribute("aria-pressed")).toBe("true");
    await page.getByRole("region", { name: "Terminals" }).waitFor({ state: "detached" });
    // The view's history entry went with it: the browser's Back now leaves the session, as from the conversation.
    await views.getByRole("button", { name: "Terminals" }).tap();
    await page.getByRole("region", { name: "Terminals" }).waitFor();
  });

  it("on a desktop page with no clipboard API, Ctrl+C over selected text copies it through the browser's own copy, not ^C", async () => {
    const context = await stack.devices.context("desktop");
    const page = await context.newPage();
    // As a page on plain HTTP sees it; the page records what its copy events carry (xterm fills them with the selection).
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined, configurable: true });
      const copied: string[] = [];
      Object.defineProperty(window, "__copied", { value: copied });
      document.addEventListener("copy", (event) => copied.push(event.clipboardData?.getData("text/plain") ?? ""));
    });
    await openSessionTerminals(Promise.resolve(page), stack.server.origin, stack.sessionId);
    await page.getByRole("button", { name: "+ Terminal" }).click();
    await page.getByRole("tab", { name: "Terminal 2" }).waitFor();
    await untilNewTerminalFocused(page);
    await page.keyboard.type("echo desk-$((40+2))");
    await page.keyboard.press("Enter");
    const printed = page.getByTestId("terminal-screen").locator(".xterm-rows > div", { hasText: /^desk-42\s*$/ }).first();
    await printed.waitFor({ timeout: 15_000 });
    const word = (await printed.boundingBox())!;
    await page.mouse.dblclick(word.x + 10, word.y + word.height / 2);
    await page.keyboard.press("Control+C");
    // Before, Ctrl+C asked for a clipboard that was not there, kept the browser from copying, and said nothing.
    await expect.poll(() => page.evaluate(() => (window as unknown as { __copied: string[] }).__copied)).toEqual(["desk-42"]);
    expect(await screenOf(page)).not.toContain("^C");
  });
});
