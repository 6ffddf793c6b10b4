import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ChatPage } from "./support/chat-page.ts";
import { signedInStack } from "./support/signed-in-page.ts";
import { SHOTS } from "./support/repo-stack.ts";
import { tempDir } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";

/**
 * A phone that loses its network mid-answer (airplane mode, Wi-Fi gone): its open socket went silent without closing,
 * and for up to a heartbeat and its pong's wait (30 s) the screen said "Running" over a stream that had stopped.
 */
describe("a phone going offline while Claude answers (390 × 844)", () => {
  const stack = signedInStack("chatml-offline-at-once", SHOTS);
  afterEach(async () => stack.devices.closePages());

  it("says it is offline as the network goes, and shows the whole answer once it is back", async () => {
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const { id } = await client.startInFolder(tempDir("chatml-offline-at-once-work"));
    const phone = await stack.devices.open("phone", `#/c/${id}`);
    const chat = new ChatPage(phone);
    await chat.send("Answer slowly @@held");
    await phone.getByText("slow-10").waitFor({ timeout: 60_000 });

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
});
