import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { DurableEvent, MessageQueue } from "../shared/index.ts";
import { cliBinPath, cliEnv, REPO_ROOT, startChatml, startFakeApi, startServerWithBrowserIf, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { openSignedIn } from "./support/signed-in-page.ts";
import { ChatPage } from "./support/chat-page.ts";
import { ChatmlClient } from "./support/chatml-client.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");
const userTexts = (events: DurableEvent[]) =>
  events.flatMap((e) => (e.type === "message.created" && e.message.role === "user" ? e.message.parts.flatMap((p) => (p.kind === "text" ? [p.text] : [])) : []));

/**
 * The server's message queue (ADR 0025) on the real CLIs: a message queued while a turn runs is held by the server
 * (also on 2.1.119, which has no command_lifecycle), sent when the turn ends (not when the user stopped it), and the
 * queue survives a server restart.
 */
describe.each(["2.1.119", "2.1.330"])("the message queue on the real CLI %s", (version) => {
  let api: FakeApi;
  let server: ChatmlServer;
  /** The browser test's Chromium (on 2.1.330 only), started beside the first server. */
  let browser: Browser | null = null;
  let client: ChatmlClient;
  const dataDir = tempDir("chatml-queue-data");
  let env: Record<string, string>;

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    env = cliEnv({ apiUrl: api.url, home: tempDir("chatml-queue-home") });
    ({ server, browser } = await startServerWithBrowserIf(version === "2.1.330", () => startChatml({ dataDir, claudeBin: cliBinPath(version), env })));
    client = new ChatmlClient({ url: server.origin, token: server.token });
  });
  afterAll(async () => {
    client?.disconnect();
    await browser?.close();
    await server?.stop();
    await api?.stop();
  });

  const queueOf = async (id: string) => (await client.api<{ queue: MessageQueue }>(`/api/conversations/${id}/queue`)).queue;
  const enqueue = (id: string, text: string, sendAfter: number | null = null) =>
    client.api<{ queue: MessageQueue }>(`/api/conversations/${id}/queue`, { method: "POST", body: { commandId: client.commandId(), text, sendAfter } });

  it("holds a message until the running turn ends, then sends it", async () => {
    const conversation = await client.startInFolder(tempDir("chatml-queue-work"));
    const id = conversation.id;
    await client.connect([id]);
    // The turn waits for the answer to its Bash permission, so it is still running when the message is queued.
    await client.send(id, "Run it @@bash");
    const asked = await client.waitForEvent(id, "permission.requested");
    await enqueue(id, "@@remember queued one");
    expect((await queueOf(id)).items.map((m) => m.text)).toEqual(["@@remember queued one"]);
    expect(userTexts(client.list(id))).toEqual(["Run it @@bash"]);
    await client.answer(id, asked.request.id, { decision: "allow" });
    await client.waitUntil(() => userTexts(client.list(id)).length === 2, 90_000, "the queued message sent after the turn");
    expect(client.list(id).filter((e) => e.type === "turn.completed")).toHaveLength(1);
    await client.waitUntil(() => /I remember: .*queued one/.test(client.assistantText(id)), 60_000, "the queued message answered");
    expect((await queueOf(id)).items).toEqual([]);
  });

  it("holds the queue over a turn the user stopped: Interrupt and send sends its own message, the queue goes after that turn", async () => {
    const conversation = await client.startInFolder(tempDir("chatml-queue-stop"));
    const id = conversation.id;
    await client.connect([id]);
    await client.send(id, "Run it @@bash");
    await client.waitForEvent(id, "permission.requested");
    await enqueue(id, "@@remember queued behind the stop");
    // As the composer's "Interrupt and send" does it: the interrupt answers once the turn has ended, then the message.
    await client.interrupt(id);
    await expect.poll(async () => (await queueOf(id)).items.map((m) => [m.text, m.state]), { timeout: 15_000 }).toEqual([["@@remember queued behind the stop", "held"]]);
    if (browser) {
      // What a phone shows meanwhile: the message held, why, and how to go on.
      mkdirSync(SHOTS, { recursive: true });
      const { page: phone } = await openSignedIn(browser, server, "phone", `#/c/${id}`);
      await expect.poll(() => phone.getByTestId("queued-message").innerText(), { timeout: 15_000 }).toContain("Held 1");
      await phone.getByText("You stopped Claude, so these wait").waitFor();
      await phone.getByRole("button", { name: "Send queued message 1 now" }).waitFor();
      await phone.screenshot({ path: join(SHOTS, "queue-held-after-stop-phone.png") });
      await phone.close();
    }
    await client.send(id, "@@remember sent after the stop");
    await client.waitUntil(() => userTexts(client.list(id)).length === 3, 90_000, "the message sent after the stop, then the queued one");
    expect(userTexts(client.list(id))).toEqual(["Run it @@bash", "@@remember sent after the stop", "@@remember queued behind the stop"]);
    await client.waitUntil(() => /I remember: .*queued behind the stop/.test(client.assistantText(id)), 60_000, "the queued message answered");
    expect((await queueOf(id)).items).toEqual([]);
  });

  it("keeps a queued message across a server restart, cancellable afterwards", async () => {
    const conversation = await client.startInFolder(tempDir("chatml-queue-restart"));
    const id = conversation.id;
    const later = Date.now() + 3_600_000;
    await enqueue(id, "After the limit resets", later);
    client.disconnect();
    await server.stop();
    server = await startChatml({ dataDir, claudeBin: cliBinPath(version), env, port: server.port });
    client = new ChatmlClient({ url: server.origin, token: server.token });
    const kept = await queueOf(id);
    expect(kept.items.map((m) => [m.text, m.sendAfter])).toEqual([["After the limit resets", later]]);
    const item = kept.items[0];
    if (!item) throw new Error("the queued message is gone");
    const after = await client.api<{ queue: MessageQueue }>(`/api/conversations/${id}/queue/${item.id}`, { method: "DELETE" });
    expect(after.queue.items).toEqual([]);
  });

  // The browser test runs on the newer CLI's server above (restarted by the test before): a server of its own cost a
  // start and a stop (~1.3 s of a loaded machine) and proved nothing more, since its conversation is its own.
  describe.runIf(version === "2.1.330")("the message queue in the browser, on two devices", () => {
    it("shows the queue on a phone and a laptop, survives a reload, and sends when the turn ends", async () => {
      mkdirSync(SHOTS, { recursive: true });
      if (!browser) throw new Error("the browser test's server started no browser");
      const conversation = await client.startInFolder(tempDir("chatml-queue-ui-work"));
      const { page: laptop } = await openSignedIn(browser, server, "desktop", `#/c/${conversation.id}`);
      const chat = new ChatPage(laptop);
      // The turn waits for the answer to its Write permission, so it runs until the test says (a turn of fixed
      // length, e.g. @@slow's 4 s, can end before two pages, a cancel and a reload are done on a loaded machine).
      await chat.send("Write it @@write");
      await chat.card().waitFor({ timeout: 60_000 });
      await chat.type("Dropped on the phone");
      await laptop.getByRole("button", { name: "Queue message" }).click();
      await chat.type("@@remember queued one");
      await laptop.getByRole("button", { name: "Queue message" }).click();
      await expect.poll(() => laptop.getByTestId("queued-message").count()).toBe(2);

      const { page: phone } = await openSignedIn(browser, server, "phone", `#/c/${conversation.id}`);
      await expect.poll(() => phone.getByTestId("queued-message").count(), { timeout: 15_000 }).toBe(2);
      await phone.screenshot({ path: join(SHOTS, "queue-phone.png") });
      await phone.getByRole("button", { name: "Cancel queued message 1" }).click();
      await expect.poll(() => laptop.getByTestId("queued-message").count(), { timeout: 15_000 }).toBe(1);

      await laptop.reload();
      await expect.poll(() => laptop.getByTestId("queued-message").count(), { timeout: 15_000 }).toBe(1);
      expect(await laptop.getByTestId("queued-message").innerText()).toContain("@@remember queued one");
      expect(await laptop.getByTestId("message-user").filter({ hasText: "queued one" }).count()).toBe(0);
      await laptop.screenshot({ path: join(SHOTS, "queue-desktop.png") });
      // Taken back to edit (out of the queue, into the box), changed and queued again.
      await laptop.getByRole("button", { name: "Edit queued message 1" }).click();
      await expect.poll(() => chat.box.inputValue()).toBe("@@remember queued one");
      await expect.poll(() => laptop.getByTestId("queued-message").count()).toBe(0);
      await chat.type("@@remember queued one, edited");
      await laptop.getByRole("button", { name: "Queue message" }).click();
      // The phone may still show the message as it was queued first: wait for the edited one, alone.
      await expect.poll(() => phone.getByTestId("queued-message").allInnerTexts(), { timeout: 15_000 }).toEqual([expect.stringContaining("queued one, edited")]);

      await chat.card().getByRole("button", { name: "Allow", exact: true }).click();
      await new ChatPage(phone).userMessage("@@remember queued one, edited").waitFor({ timeout: 90_000 });
      await new ChatPage(phone).waitForText(/I remember: .*queued one/);
      await expect.poll(() => laptop.getByTestId("queued-message").count()).toBe(0);
      expect(await new ChatPage(laptop).timelineText()).not.toContain("Dropped on the phone");
    });
  });
});
