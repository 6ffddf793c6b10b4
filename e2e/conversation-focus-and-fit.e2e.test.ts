import { join } from "node:path";
import { expect, describe, it } from "vitest";
import { REPO_ROOT, tempDir } from "./harness/index.ts";
import { ChatPage } from "./support/chat-page.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { signedInStack } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "conversation-focus-and-fit");
const LONG_LINK = "https://example.com/a/very/long/path/that/keeps/going/and/going/and/going/without/a/single/space";

/**
 * A conversation walked by a demanding user: where the keyboard lands after Fork, Edit, Send and an answered request,
 * and a long link found by Search.
 */
describe("a conversation's focus and fit", () => {
  const stack = signedInStack("chatml-focus-fit", SHOTS);

  it("opens a fork with its message in the composer, focused with the caret after it (as Edit leaves it); a phone's search shows the message's long link inside its card", async () => {
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const conversation = await client.startInFolder(tempDir("chatml-focus-fit-work"));
    const desktop = await stack.devices.open("desktop", `#/c/${conversation.id}`);
    const chat = new ChatPage(desktop);
    await chat.send(`Read ${LONG_LINK} first`);
    await chat.waitForTurns(1);
    await chat.send("Then fork here");
    await chat.waitForTurns(2);

    await desktop.getByRole("button", { name: /^Fork from here/ }).last().click();
    await expect.poll(() => chat.box.inputValue(), { timeout: 15_000 }).toBe("Then fork here");
    // The focus fell to the page's body: the next key typed went nowhere.
    await expect.poll(() => chat.box.evaluate((box) => box === document.activeElement), { timeout: 5_000 }).toBe(true);
    await desktop.keyboard.type(", please");
    expect(await chat.box.inputValue()).toBe("Then fork here, please");
    await desktop.screenshot({ path: join(SHOTS, "fork-focused-desktop.png") });
    // Edit puts a message before what is typed, the caret after it (it was at the box's start).
    await desktop.getByRole("button", { name: "Edit and resend" }).last().click();
    await expect.poll(() => chat.box.inputValue(), { timeout: 5_000 }).toBe(`Read ${LONG_LINK} first\n\nThen fork here, please`);
    await desktop.keyboard.type(" now");
    expect(await chat.box.inputValue()).toBe(`Read ${LONG_LINK} first now\n\nThen fork here, please`);

    const phone = await stack.devices.open("phone", "#/search");
    await phone.getByRole("searchbox", { name: "Search conversations" }).fill("single space");
    const results = phone.getByTestId("search-result");
    // The original and its fork both hold the message.
    await expect.poll(() => results.count(), { timeout: 15_000 }).toBe(2);
    for (const result of await results.all()) {
      // Unbroken, the link ran ~80 px past the card and the screen's right edge. (The line above it is cut short with
      // an ellipsis on purpose: the snippet, the card's last line, is what must fit.)
      const spill = await result.evaluate((card) => {
        const edge = card.getBoundingClientRect().right;
        const snippet = card.lastElementChild;
        if (!snippet) throw new Error("the result shows no snippet");
        return Math.max(0, ...[snippet, ...snippet.querySelectorAll("*")].map((piece) => piece.getBoundingClientRect().right - edge));
      });
      expect(spill).toBeLessThanOrEqual(0);
    }
    await phone.screenshot({ path: join(SHOTS, "search-long-link-phone.png") });
    await stack.devices.closePages();
  });

  it("keeps the keyboard in the composer after Send is clicked, and gives it back there after a request is answered with a click", async () => {
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const conversation = await client.startInFolder(tempDir("chatml-focus-fit-send"));
    const desktop = await stack.devices.open("desktop", `#/c/${conversation.id}`);
    const chat = new ChatPage(desktop);
    const isBoxFocused = () => chat.box.evaluate((box) => box === document.activeElement);
    // Send gives way to Stop and Queue while the turn runs, and took the focus with it: the next words went nowhere.
    await chat.send("Run it @@bash");
    await expect.poll(isBoxFocused, { timeout: 5_000 }).toBe(true);
    await chat.card().getByRole("button", { name: "Allow", exact: true }).click();
    await chat.waitForTurns(1);
    // The answered card went with its button, and the focus fell to the page's body.
    await expect.poll(isBoxFocused, { timeout: 5_000 }).toBe(true);
    await desktop.keyboard.type("next words");
    expect(await chat.box.inputValue()).toBe("next words");
    await desktop.screenshot({ path: join(SHOTS, "answered-focus-desktop.png") });
    await stack.devices.closePages();
  });
});
