import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { signedInStack } from "./support/signed-in-page.ts";
import { SHOTS } from "./support/repo-stack.ts";
import { tempDir } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";

/**
 * A phone showing one conversation while another asks for a permission: the drawer lists it, but the screen said
 * nothing; "Open menu" now counts the conversations waiting elsewhere.
 */
describe("a conversation waiting elsewhere, on a phone (390 × 844)", () => {
  const stack = signedInStack("chatml-waiting-elsewhere", SHOTS);
  afterEach(async () => stack.devices.closePages());

  it("counts it on Open menu, and not the one on screen once the phone opens it", async () => {
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const here = await client.startInFolder(tempDir("chatml-waiting-here"));
    const there = await client.startInFolder(tempDir("chatml-waiting-there"));
    const phone = await stack.devices.open("phone", `#/c/${here.id}`);
    const menu = phone.getByRole("button", { name: /^Open menu/ });
    await phone.getByRole("textbox", { name: "Message", exact: true }).waitFor({ timeout: 15_000 });
    expect(await menu.getAttribute("aria-label")).toBe("Open menu");

    await client.send(there.id, "Run a command @@bash");
    await expect.poll(() => menu.getAttribute("aria-label"), { timeout: 60_000 }).toBe("Open menu: 1 waiting for you");
    expect(await phone.getByTestId("menu-waiting-count").textContent()).toBe("1");
    await phone.screenshot({ path: join(SHOTS, "phone-menu-waiting-elsewhere.png") });

    // On the conversation that waits, its own card says so: the count leaves it out.
    await menu.tap();
    await phone.getByRole("navigation", { name: "Conversations menu" }).getByRole("link", { name: "Run a command Waiting for you" }).tap();
    await phone.getByRole("button", { name: "Allow", exact: true }).waitFor({ timeout: 15_000 });
    expect(await phone.getByRole("button", { name: /^Open menu/ }).getAttribute("aria-label")).toBe("Open menu");
  });
});
