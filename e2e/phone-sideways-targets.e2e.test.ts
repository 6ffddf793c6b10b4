import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ChatPage } from "./support/chat-page.ts";
import { signedInStack } from "./support/signed-in-page.ts";
import { SHOTS } from "./support/repo-stack.ts";
import { smallTargets } from "./support/touch-targets.ts";
import { tempDir } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";

/** A phone turned sideways: as wide as a small laptop's window, but worked with a finger. */
const SIDEWAYS = { width: 844, height: 390 };

/**
 * The controls under a conversation's messages on a phone turned sideways (844 × 390, touch): wide enough for `md`,
 * which shrank them to a mouse's 28 px; a desktop keeps them compact.
 */
describe("a conversation's controls on a phone turned sideways", () => {
  const stack = signedInStack("chatml-sideways", SHOTS);
  afterEach(async () => stack.devices.closePages());

  it("keeps Copy, Edit, Fork, Retry and a code block's Copy 44 px tall on a touch screen, compact on a desktop", async () => {
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const { id } = await client.startInFolder(tempDir("chatml-sideways-work"));
    const phone = await stack.devices.newPage("phone", SIDEWAYS);
    await phone.goto(`${stack.server.origin}/#/c/${id}`);
    const chat = new ChatPage(phone);
    await chat.send("Show me code @@code");
    await chat.waitForTurns(1);
    const actions = phone.getByTestId("message-actions").first();
    await actions.getByRole("button", { name: "Retry: send this message again" }).waitFor();
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
});
