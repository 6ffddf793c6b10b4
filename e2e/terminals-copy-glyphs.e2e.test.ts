import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./harness/index.ts";
import { openSessionTerminals, signedInTerminalsStack, untilNewTerminalFocused } from "./support/terminals-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

/** What the xterm on the page shows, as text. */
const screenOf = (page: Page) => page.getByTestId("terminal-screen").locator(".xterm-rows").innerText();

/** The glyphs of the Claude TUI's status line (⏵⏵ accept edits, ⏸ manual mode) and of its tool lines (⏺, ⎿). */
const TUI_GLYPHS = ["⏵", "⏸", "⏺", "⎿"];

/**
 * Which of `glyphs` the terminal's own font (as xterm's rows are styled) draws as the box a missing glyph gets: each
 * is drawn on a canvas in that font and compared with a code point no font has (U+10FFFD, private use).
 */
function missingGlyphs(page: Page, glyphs: string[]): Promise<string[]> {
  return page.getByTestId("terminal-screen").locator(".xterm-rows").evaluate(async (rows, list) => {
    const style = getComputedStyle(rows);
    const font = `${style.fontSize} ${style.fontFamily}`;
    await document.fonts.load(font, list.join(""));
    const draw = (text: string) => {
      const canvas = document.createElement("canvas");
      canvas.width = 64;
      canvas.height = 64;
      const context = canvas.getContext("2d")!;
      context.font = font;
      context.fillStyle = "#000";
      context.fillText(text, 8, 40);
      return Array.from(context.getImageData(0, 0, 64, 64).data).join(",");
    };
    const box = draw("\u{10FFFD}");
    return list.filter((glyph) => draw(glyph) === box);
  }, glyphs);
}

/**
 * Whether the picker's chosen mode fits it whole: its name in the font of the label drawn for it (the select lies over
 * the label, invisible, in a touch screen's 16 px: ADR 0336), beside the arrow.
 */
function pickedModeFits(page: Page): Promise<{ text: string; isWhole: boolean }> {
  return page.getByRole("combobox", { name: "Mode of a new interactive Claude" }).first().evaluate((select: HTMLSelectElement) => {
    const text = select.selectedOptions[0]?.text ?? "";
    const shown = select.parentElement?.querySelector('[data-testid="claude-start-mode-shown"]');
    if (!shown || shown.textContent !== text) return { text, isWhole: false };
    const context = document.createElement("canvas").getContext("2d")!;
    context.font = getComputedStyle(shown).font;
    const arrowAndPadding = 16;
    return { text, isWhole: context.measureText(text).width + arrowAndPadding <= select.clientWidth };
  });
}

describe("terminals: copying on a phone, the TUI's glyphs, the + Claude mode picker", () => {
  const stack = signedInTerminalsStack("chatml-term-copy");

  it("the mode picker beside + Claude shows each mode's whole name, on a 390×844 phone and at 1440×900", async () => {
    const info = await fetch(`${stack.server.origin}/api/info`, { headers: { authorization: `Bearer ${stack.server.token}` } });
    const unavailable = ((await info.json()) as { unavailablePermissionModes: { mode: string }[] }).unavailablePermissionModes.map((u) => u.mode);
    for (const size of ["phone", "desktop"] as const) {
      const page = await openSessionTerminals(stack.devices.open(size, "#/"), stack.server.origin, stack.sessionId, { unfold: false });
      const picker = page.getByRole("combobox", { name: "Mode of a new interactive Claude" }).first();
      const enabledModes = () => picker.evaluate((select: HTMLSelectElement) => [...select.options].filter((o) => !o.disabled).map((o) => o.value));
      // The page learns which modes the server cannot start (bypass as root, ADR 0097) once a picker shows: until then
      // it offers those disabled as being checked. Picking what is enabled once the server has said.
      await expect.poll(() => picker.evaluate((select: HTMLSelectElement) => [...select.options].some((o) => o.text.includes("checking…"))), { timeout: 15_000 }).toBe(false);
      expect((await enabledModes()).filter((mode) => unavailable.includes(mode))).toEqual([]);
      const modes = await enabledModes();
      expect(modes).toContain("settings");
      for (const mode of modes) {
        await picker.selectOption(mode);
        expect({ size, mode, ...(await pickedModeFits(page)) }).toMatchObject({ size, mode, isWhole: true });
      }
      await page.screenshot({ path: join(SHOTS, `terminals-start-mode-${size}.png`) });
      // Back to the default, which the other tests' terminals do not depend on but a person would expect.
      await picker.selectOption("default");
      await page.close();
    }
  });

  it("on a 390×844 phone, Copy shows the terminal's text to select with a finger, and copies the selection or all of it", async () => {
    const context = await stack.devices.context("phone");
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: stack.server.origin });
    const page = await openSessionTerminals(context.newPage(), stack.server.origin, stack.sessionId);
    await page.getByRole("button", { name: "+ Terminal" }).click();
    await page.getByTestId("terminal-screen").locator(".xterm-rows").waitFor({ timeout: 15_000 });
    await page.getByTestId("terminal-screen").tap();
    await page.keyboard.type("echo copy-$((6*7))");
    await page.keyboard.press("Enter");
    await expect.poll(() => screenOf(page), { timeout: 15_000 }).toMatch(/^copy-42\s*$/m);
    await page.evaluate(() => navigator.clipboard.writeText("before"));

    await page.getByRole("toolbar", { name: "Terminal keys" }).getByRole("button", { name: "Copy text from the terminal" }).tap();
    const sheet = page.getByRole("dialog", { name: "Copy from the terminal" });
    const text = sheet.getByRole("textbox", { name: "The terminal's text" });
    expect(await text.inputValue()).toMatch(/echo copy-\$\(\(6\*7\)\)\ncopy-42\n/);
    await page.screenshot({ path: join(SHOTS, "terminals-phone-copy-sheet.png") });
    // Nothing selected yet: it says how to select rather than copying nothing.
    await sheet.getByRole("button", { name: "Copy selected" }).tap();
    await sheet.getByRole("status").filter({ hasText: /^Nothing is selected/ }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("before");
    // A finger's selection (what press-and-hold leaves in the box): the output line alone.
    await text.evaluate((box: HTMLTextAreaElement) => {
      const start = box.value.indexOf("\ncopy-42") + 1;
      box.setSelectionRange(start, start + "copy-42".length);
    });
    await sheet.getByRole("button", { name: "Copy selected" }).tap();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe("copy-42");
    await sheet.getByRole("button", { name: "Copy all" }).tap();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/echo copy-\$\(\(6\*7\)\)\ncopy-42\n/);
    await sheet.getByRole("button", { name: "Close" }).tap();
    await sheet.waitFor({ state: "detached" });
    await page.close();
  });

  it("draws the TUI's status-line and tool glyphs (⏵⏵ ⏸ ⏺ ⎿) with a bundled font, not as boxes, at 1440×900", async () => {
    const page = await openSessionTerminals(stack.devices.open("desktop", "#/"), stack.server.origin, stack.sessionId, { unfold: false });
    // A shell of its own. The phone's test left Terminal 1 running, and this page shows it until Terminal 2 is drawn:
    // its prompt matched at once and the click focused it, so the `p` of printf went to Terminal 1 (CI on 3489c761).
    await page.getByRole("button", { name: "+ Terminal" }).click();
    await page.getByRole("tab", { name: "Terminal 2", selected: true }).waitFor({ timeout: 15_000 });
    await untilNewTerminalFocused(page);
    await expect.poll(() => screenOf(page), { timeout: 15_000 }).toMatch(/[#$]\s*$/m);
    // Printed from their code points, so what is typed is plain ASCII.
    await page.keyboard.type("printf '\\u23f5\\u23f5 accept edits on \\u23f8 \\u23fa tool \\u23bf result\\n'");
    await page.keyboard.press("Enter");
    await expect.poll(() => screenOf(page), { timeout: 15_000 }).toContain("⏵⏵ accept edits on ⏸ ⏺ tool ⎿ result");
    expect(await missingGlyphs(page, TUI_GLYPHS)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "terminals-desktop-tui-glyphs.png") });
    await page.close();
  });
});
