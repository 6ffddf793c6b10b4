import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./harness/index.ts";
import { openDevices } from "./support/devices-page.ts";
import { SCREEN_SIZES, signedInStack } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "devices-keyboard");

/** What has the keyboard: whether it is inside the Devices dialog, and its accessible name or text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return { isInDialog: Boolean(active?.closest('[role="dialog"]')), name: active?.getAttribute("aria-label") ?? active?.textContent?.trim() ?? "", tag: active?.tagName ?? "" };
  });

describe("the Devices screen and the keyboard", () => {
  const stack = signedInStack("chatml-devices-keyboard", SHOTS);
  afterEach(() => stack.devices.closePages());

  for (const [size] of SCREEN_SIZES) {
    it(`takes the keyboard, keeps Tab inside, and Escape answers its question before it closes it (${size})`, async () => {
      const page = await stack.devices.open(size, "#/");
      await openDevices(page);
      const dialog = page.getByRole("dialog", { name: "Devices" });
      await dialog.waitFor();
      // The keyboard stayed on the page behind the dialog, and Tab walked the page.
      expect((await focused(page)).isInDialog).toBe(true);
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press("Tab");
        expect((await focused(page)).isInDialog, `after Tab ${i + 1}`).toBe(true);
      }
      const mine = dialog.getByTestId("device-row").first();
      await mine.getByRole("button", { name: /^Sign out / }).click();
      expect(await focused(page)).toMatchObject({ isInDialog: true, name: "Sign out" });
      await page.screenshot({ path: join(SHOTS, `sign-out-question-${size}.png`) });
      // Escape answers the question (Cancel) and gives the keyboard back to its button; the screen stays.
      await page.keyboard.press("Escape");
      expect((await focused(page)).name).toMatch(/^Sign out Chrome on Linux/);
      await mine.getByRole("button", { name: /^Rename / }).click();
      expect(await focused(page)).toMatchObject({ isInDialog: true, name: "Device name", tag: "INPUT" });
      await page.keyboard.press("Escape");
      expect((await focused(page)).name).toMatch(/^Rename Chrome on Linux/);
      expect(await dialog.isVisible()).toBe(true);
      // Then Escape closes the screen, and the keyboard is not left on the page's body.
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      expect((await focused(page)).tag).not.toBe("BODY");
    });
  }
});
