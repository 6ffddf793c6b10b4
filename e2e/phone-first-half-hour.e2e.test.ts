import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ChatPage } from "./support/chat-page.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { signedInStack } from "./support/signed-in-page.ts";
import { SHOTS } from "./support/repo-stack.ts";
import { smallTargets } from "./support/touch-targets.ts";
import { tempDir } from "./harness/index.ts";

/** A phone turned sideways: as wide as a small laptop's window, but worked with a finger. */
const SIDEWAYS = { width: 844, height: 390 };
/** An upright phone with its on-screen keyboard open: the browser leaves ~450 of 844 px (ChatML asks for resizes-content). */
const KEYBOARD_OPEN = { width: 390, height: 450 };

/**
 * What a new user's phone met in its first half hour with ChatML, on the newest CLI and the fake API: controls shrunk
 * for a mouse when turned sideways, the views bar above the keyboard, a lost network said 30 s late, and another
 * session's question nowhere on screen.
 */
describe("a new user's phone", () => {
  const stack = signedInStack("chatml-phone-half-hour", SHOTS);
  afterEach(async () => stack.devices.closePages());
  const newConversation = async (name: string): Promise<{ client: ChatmlClient; id: string }> => {
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    return { client, id: (await client.startInFolder(tempDir(`chatml-phone-${name}`))).id };
  };

  it("turned sideways keeps Copy, Edit, Fork, Retry and a code block's Copy 44 px tall; a desktop keeps them compact", async () => {
    const { id } = await newConversation("sideways");
    const phone = await stack.devices.newPage("phone", SIDEWAYS);
    await phone.goto(`${stack.server.origin}/#/c/${id}`);
    const chat = new ChatPage(phone);
    await chat.send("Show me code @@code");
    await chat.waitForTurns(1);
    await phone.getByTestId("message-actions").first().getByRole("button", { name: "Retry: send this message again" }).waitFor();
    await phone.getByRole("button", { name: "Copy code" }).waitFor();
    await phone.screenshot({ path: join(SHOTS, "sideways-phone-message-actions.png") });
    // Before, md's 28 px: "Copy message" 44 × 28, "Edit and resend" 37 × 28, "Copy code" 52 × 32.
    expect(await smallTargets(phone)).toEqual([]);

    const desktop = await stack.devices.open("desktop", `#/c/${id}`);
    const retry = desktop.getByRole("button", { name: "Retry: send this message again" });
    await retry.waitFor({ timeout: 15_000 });
    expect((await retry.boundingBox())?.height).toBeLessThan(44);
    await desktop.screenshot({ path: join(SHOTS, "sideways-desktop-message-actions.png") });
  });

  it("hides the views bar while the message box has the focus and the keyboard takes the height, and shows it once it closes", async () => {
    const { id } = await newConversation("keyboard");
    const phone = await stack.devices.open("phone", `#/c/${id}`);
    // Above the keyboard it took 50 of the ~450 px left from the conversation, where a native app's tab bar steps aside.
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

  it("says it is offline as the network goes mid-answer, keeps what is typed meanwhile, and shows the whole answer once back", async () => {
    const { id } = await newConversation("offline");
    const phone = await stack.devices.open("phone", `#/c/${id}`);
    const chat = new ChatPage(phone);
    await chat.send("Answer slowly @@held");
    await phone.getByText("slow-10").waitFor({ timeout: 60_000 });

    // Airplane mode: the open socket went silent without closing, and for up to a heartbeat and its pong's wait (30 s)
    // the screen said "Running" over a stream that had stopped.
    await phone.context().setOffline(true);
    const banner = phone.getByRole("status").filter({ hasText: "Offline — reconnecting" });
    // Within the first heartbeat's wait (20 s) nothing but the browser's offline event can have closed the socket.
    await expect.poll(() => banner.textContent(), { timeout: 5_000 }).toBe("Offline — reconnecting (this device is offline)");
    await expect.poll(() => phone.getByRole("button", { name: /^Status: / }).getAttribute("aria-label")).toMatch(/^Status: Last known/);
    // A message queued meanwhile is not lost: the send says why it failed, and the words stay in the box.
    await chat.type("Then add a test @@text");
    await phone.getByRole("button", { name: "Queue message" }).tap();
    const failed = phone.getByRole("alert").filter({ hasText: "This device is offline" });
    await failed.waitFor();
    await phone.screenshot({ path: join(SHOTS, "phone-offline-at-once.png") });

    await phone.context().setOffline(false);
    await banner.waitFor({ state: "detached", timeout: 15_000 });
    // The socket open again proves the server is reachable: the error goes by itself (useActionError), the words stay.
    await failed.waitFor({ state: "detached" });
    expect(await chat.box.inputValue()).toBe("Then add a test @@text");
    stack.api.releaseHeldStreams();
    await chat.waitForTurns(1);
    expect(await chat.timelineText()).toContain("slow-40");
  });

  it("closes the chat mode's sheet with a Close button, as the status sheet beside it", async () => {
    const { id } = await newConversation("mode-sheet");
    const phone = await stack.devices.open("phone", `#/c/${id}`);
    await phone.getByRole("button", { name: "Mode: chat" }).tap();
    const sheet = phone.getByRole("dialog", { name: "Chat mode" });
    await sheet.waitFor({ timeout: 15_000 });
    await phone.screenshot({ path: join(SHOTS, "phone-mode-sheet-close.png") });
    // It had only "Continue in terminal": the dimmed page above closed it, which nothing said.
    await sheet.getByRole("button", { name: "Close", exact: true }).tap();
    await sheet.waitFor({ state: "detached" });
    expect(await phone.getByRole("button", { name: "Mode: chat" }).isVisible()).toBe(true);
  });

  it("counts on Open menu a conversation waiting elsewhere, and not the one on screen once the phone opens it", async () => {
    const { client, id: here } = await newConversation("here");
    const there = (await client.startInFolder(tempDir("chatml-phone-there"))).id;
    const phone = await stack.devices.open("phone", `#/c/${here}`);
    // The drawer listed it, but the screen said nothing of another conversation's permission.
    const menu = phone.getByRole("button", { name: /^Open menu/ });
    await phone.getByRole("textbox", { name: "Message", exact: true }).waitFor({ timeout: 15_000 });
    expect(await menu.getAttribute("aria-label")).toBe("Open menu");

    await client.send(there, "Run a command @@bash");
    await expect.poll(() => menu.getAttribute("aria-label"), { timeout: 60_000 }).toBe("Open menu: 1 waiting for you");
    expect(await phone.getByTestId("menu-waiting-count").textContent()).toBe("1");
    await phone.screenshot({ path: join(SHOTS, "phone-menu-waiting-elsewhere.png") });

    // On the conversation that waits, its own card says so: the count leaves it out.
    await menu.tap();
    await phone.getByRole("navigation", { name: "Conversations menu" }).getByRole("link", { name: "Run a command Waiting for you" }).tap();
    const allow = phone.getByRole("button", { name: "Allow", exact: true });
    await allow.waitFor({ timeout: 15_000 });
    expect(await menu.getAttribute("aria-label")).toBe("Open menu");
    await allow.tap();
    await new ChatPage(phone).waitForTurns(1);
  });
});
