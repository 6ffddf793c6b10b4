import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, REPO_ROOT } from "./harness/index.ts";
import { ChatPage } from "./support/chat-page.ts";
import { conversationStack } from "./support/conversation-stack.ts";
import { SignedInDevices } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "chat-phone-details");
const WAITING_PLACEHOLDER = "Claude waits for your answer above — queue a message or interrupt";

/**
 * What a phone and a desktop say around a conversation when it was driven from elsewhere: the message box while Claude
 * waits, a turn the API failed, a mode chosen before the page opened. On the newest pinned CLI and the fake API.
 */
describe("a conversation driven from another device, on a phone and a desktop", () => {
  const stack = conversationStack("chatml-phone-details", "2.1.332");
  let browser: Browser;
  let devices: SignedInDevices;

  beforeAll(async () => {
    browser = await launchBrowser();
    devices = new SignedInDevices(browser, stack.server);
  });
  afterEach(async () => devices.closePages());
  afterAll(async () => {
    await devices?.close();
    await browser?.close();
  });

  it("grows a phone's empty message box to the two lines of 'Claude waits for your answer above' when another device's message asks", async () => {
    const id = await stack.open();
    const phone = await devices.open("phone", `#/c/${id}`);
    const box = new ChatPage(phone).box;
    await box.waitFor({ timeout: 15_000 });
    await stack.client.send(id, "Ask me something @@ask");
    await expect.poll(() => box.getAttribute("placeholder"), { timeout: 60_000 }).toBe(WAITING_PLACEHOLDER);
    // Sized for "Message Claude" only, the box showed the first line and cut the second off.
    await expect.poll(() => box.evaluate((el) => el.scrollHeight - el.clientHeight), { timeout: 10_000 }).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: join(SHOTS, "phone-waiting-placeholder.png") });
  });

  it("shows a question's Other answer at 16 px on a phone (iOS zooms into a smaller field and stays zoomed), 14 px on a desktop", async () => {
    const id = await stack.open();
    const pages = await Promise.all([devices.open("phone", `#/c/${id}`), devices.open("desktop", `#/c/${id}`)]);
    await stack.client.send(id, "Ask me something @@ask");
    const sizes = await Promise.all(
      pages.map(async (page) => {
        const other = page.getByTestId("permission-card").getByRole("textbox", { name: /^Other answer: / });
        await other.waitFor({ timeout: 60_000 });
        return other.evaluate((el) => getComputedStyle(el).fontSize);
      }),
    );
    expect(sizes).toEqual(["16px", "14px"]);
    const phone = pages[0]!;
    await phone.getByTestId("permission-card").getByRole("textbox", { name: /^Other answer: / }).tap();
    // The on-screen keyboard (ChatML asks for `resizes-content`): the field stays in sight above it.
    await phone.setViewportSize({ width: 390, height: 508 });
    await expect.poll(() => phone.getByTestId("permission-card").getByRole("textbox", { name: /^Other answer: / }).evaluate((el) => el.getBoundingClientRect().bottom <= innerHeight)).toBe(true);
    await phone.screenshot({ path: join(SHOTS, "phone-question-other-keyboard.png") });
  });

  it("says an API error once under its prompt, not that the prompt was interrupted", async () => {
    const id = await stack.open();
    const pages = await Promise.all([devices.open("phone", `#/c/${id}`), devices.open("desktop", `#/c/${id}`)]);
    // Claude Code reports the failed prompt as cancelled (an ephemeral `message.lifecycle`), before or after the turn's end.
    const heardCancelled = pages.map((page) => {
      let isHeard = false;
      page.on("websocket", (socket) => socket.on("framereceived", ({ payload }) => {
        if (typeof payload === "string" && payload.includes("message.lifecycle") && payload.includes("cancelled")) isHeard = true;
      }));
      return () => isHeard;
    });
    for (const page of pages) await page.reload();
    for (const page of pages) await new ChatPage(page).box.waitFor({ timeout: 15_000 });
    await stack.client.send(id, "Fail please @@err400");
    for (const [index, page] of pages.entries()) {
      const chat = new ChatPage(page);
      await chat.waitForTurns(1);
      await expect.poll(() => page.getByTestId("turn-result").last().getAttribute("data-is-error")).toBe("true");
      await expect.poll(heardCancelled[index]!, { timeout: 15_000 }).toBe(true);
      // What the page heard is drawn by the next frame.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
      // Nobody interrupted it: no "Cancelled: interrupted before Claude finished".
      expect(await chat.userMessage("Fail please").locator("..").getByTestId("prompt-state").count()).toBe(0);
      expect((await chat.timelineText()).split("Bad request (fake)").length - 1).toBe(1);
      await page.screenshot({ path: join(SHOTS, `${index === 0 ? "phone" : "desktop"}-api-error.png`) });
    }
  });

  it("says on a phone and a desktop opened later the plan mode the conversation was started in", async () => {
    const id = await stack.open({ permissionMode: "plan" });
    const desktop = await devices.open("desktop", `#/c/${id}`);
    const status = desktop.getByTestId("conversation-status").locator("..");
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain("Plan only");
    // A phone's status line says one thing; before it said the mode only inside the Session controls.
    const phone = await devices.open("phone", `#/c/${id}`);
    await expect.poll(() => phone.getByRole("button", { name: /^Status: / }).getAttribute("aria-label"), { timeout: 15_000 }).toMatch(/Plan only\. Details$/);
    await phone.screenshot({ path: join(SHOTS, "phone-plan-mode-status.png") });
  });
});
