import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoStack, SHOTS } from "./support/repo-stack.ts";
import { SignedInDevices } from "./support/signed-in-page.ts";

type Created = { session: { id: string }; conversation: { id: string } };

/**
 * Archiving a session ends its CLIs. While Claude is at work in it, Archive asks first (as Delete does): one click
 * cut a running turn off mid-way. Real CLI, fake API (a held stream keeps the turn running), real Chromium.
 */
describe("archiving a session while Claude works in it", () => {
  const stack = repoStack("chatml-archive-running");
  let devices: SignedInDevices;
  afterAll(async () => {
    stack.api?.releaseHeldStreams();
    await devices?.close();
  });

  it("asks first; Keep working leaves the turn running, the confirm archives and stops it", async () => {
    devices = new SignedInDevices(stack.browser, stack.server);
    const { client } = stack;
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: stack.repo } });
    const { session, conversation } = await client.api<Created>("/api/sessions", { body: { workspaceId: workspace.id, name: "long-turn" } });
    await client.connect([conversation.id]);
    await client.send(conversation.id, "Take your time @@held");
    await client.waitUntil(() => stack.api.requests.some((request) => request.isHeld === true), 60_000, "the held stream");
    const status = async () => (await client.api<{ conversation: { status: string } }>(`/api/conversations/${conversation.id}`)).conversation.status;
    const archivedAt = async () => (await client.api<{ session: { archivedAt: number | null } }>(`/api/sessions/${session.id}`)).session.archivedAt;
    try {
      const page = await devices.open("desktop", `#/c/${conversation.id}`);
      await page.getByRole("button", { name: "Details" }).click();
      const details = page.getByRole("dialog", { name: "Session details" });
      await details.getByRole("button", { name: "Archive", exact: true }).click();
      const ask = details.getByRole("group", { name: "Archive while Claude is working" });
      await expect.poll(() => ask.textContent()).toContain("Claude is working in “Take your time”: archiving stops it mid-turn.");
      await page.screenshot({ path: join(SHOTS, "session-archive-running-desktop.png") });
      await details.getByRole("button", { name: "Keep working" }).click();
      await ask.waitFor({ state: "detached" });
      expect(await archivedAt()).toBeNull();
      expect(await status()).toBe("running");

      await details.getByRole("button", { name: "Archive", exact: true }).click();
      await details.getByRole("button", { name: "Archive and stop Claude" }).click();
      await expect.poll(archivedAt, { timeout: 15_000 }).not.toBeNull();
      await expect.poll(status, { timeout: 15_000 }).not.toBe("running");
    } catch (error) {
      await devices.keepPagesOfFailure();
      throw error;
    } finally {
      await devices.closePages();
    }
  });
});
