import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { signedInStack } from "./support/signed-in-page.ts";
import { SHOTS } from "./support/repo-stack.ts";
import { tempDir } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";

/** An upright phone with its on-screen keyboard open: the browser leaves ~450 of 844 px (ChatML asks for resizes-content). */
const KEYBOARD_OPEN = { width: 390, height: 450 };

/**
 * A phone typing a message: the views bar (Chat, Terminals…) sat above the keyboard and took 50 of the ~450 px left
 * from the conversation; it steps aside while the keyboard is open, as a native app's tab bar does.
 */
describe("the views bar while a phone's keyboard is open (390 × 844)", () => {
  const stack = signedInStack("chatml-keyboard-bar", SHOTS);
  afterEach(async () => stack.devices.closePages());

  it("hides while the message box has the focus and the keyboard takes the height, and is back once it closes", async () => {
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const { id } = await client.startInFolder(tempDir("chatml-keyboard-bar-work"));
    const phone = await stack.devices.open("phone", `#/c/${id}`);
    const views = phone.getByRole("navigation", { name: "Workbench views" });
    const box = phone.getByRole("textbox", { name: "Message", exact: true });
    await box.waitFor({ timeout: 15_000 });
    expect(await views.isVisible()).toBe(true);

    await box.tap();
    await phone.setViewportSize(KEYBOARD_OPEN);
    await expect.poll(() => views.isVisible()).toBe(false);
    await box.fill("A message typed with the keyboard open");
    // The box sits at the bottom of what is left, right above the keyboard.
    const boxBottom = await box.evaluate((el) => el.getBoundingClientRect().bottom);
    expect(boxBottom).toBeLessThanOrEqual(KEYBOARD_OPEN.height);
    expect(KEYBOARD_OPEN.height - boxBottom).toBeLessThan(80);
    await phone.screenshot({ path: join(SHOTS, "phone-keyboard-open-views-bar.png") });

    // The keyboard closes (the user tapped the conversation): the bar is back, the words kept.
    await phone.getByTestId("timeline").tap();
    await expect.poll(() => views.isVisible()).toBe(true);
    await phone.setViewportSize({ width: 390, height: 844 });
    expect(await box.inputValue()).toBe("A message typed with the keyboard open");
  });
});
