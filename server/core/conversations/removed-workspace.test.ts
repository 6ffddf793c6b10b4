import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatmlClient } from "../../../e2e/support/chatml-client.ts";
import { writeFakeCliBin } from "../../claude/fixtures/fake-cli/fake-cli-bin.ts";
import { startTestServer, type TestServer } from "../../test-support/test-server.ts";

/**
 * A removed workspace and an archived session keep their history, but their conversations start no Claude process
 * until the workspace is restored or the session unarchived (ADR 0072).
 */
describe("a conversation of a removed workspace or an archived session", () => {
  let server: TestServer;
  let client: ChatmlClient;
  const folder = mkdtempSync(join(tmpdir(), "chatml-removed-"));
  const otherFolder = mkdtempSync(join(tmpdir(), "chatml-archived-"));

  beforeAll(async () => {
    server = await startTestServer({ claudeBin: await writeFakeCliBin(), env: { FAKE_CLI_VERSION: "2.1.330" } });
    client = new ChatmlClient({ url: server.url, token: server.token });
  });
  afterAll(async () => {
    client.disconnect();
    await server.cleanup();
    rmSync(folder, { recursive: true, force: true });
    rmSync(otherFolder, { recursive: true, force: true });
  });

  it("refuses a message (from a device that still shows it) with the way back, and takes it once restored", async () => {
    const conversation = await client.startInFolder(folder);
    await client.connect([conversation.id]);
    await client.send(conversation.id, "hello");
    await client.waitForEvent(conversation.id, "turn.completed");
    const { workspaces } = await client.api<{ workspaces: { id: string }[] }>("/api/workspaces");
    const workspaceId = workspaces[0]?.id ?? "";

    await client.api(`/api/workspaces/${workspaceId}`, { method: "DELETE" });
    await expect(client.send(conversation.id, "hello again")).rejects.toThrow(/400.*was removed \(its history is kept\)\. Restore it first\./);

    await client.api(`/api/workspaces/${workspaceId}/restore`, { method: "POST" });
    await client.send(conversation.id, "hello once more");
    await client.waitUntil(() => client.list(conversation.id).filter((e) => e.type === "turn.completed").length === 2, 60_000, "the second turn");
  });

  it("refuses a message (storing nothing of it) and a restart with session_archived, and takes a message once unarchived", async () => {
    const conversation = await client.startInFolder(otherFolder);
    await client.connect([conversation.id]);
    await client.send(conversation.id, "hello");
    await client.waitForEvent(conversation.id, "turn.completed");
    await client.api(`/api/sessions/${conversation.sessionId}/archive`, { method: "POST" });
    const { messages: before } = await client.api<{ messages: unknown[] }>(`/api/conversations/${conversation.id}/messages`);

    await expect(client.send(conversation.id, "hello again")).rejects.toThrow(/409.*session_archived.*is archived, so nothing was sent\. Unarchive it to send this message\./);
    const { messages: after } = await client.api<{ messages: unknown[] }>(`/api/conversations/${conversation.id}/messages`);
    expect(after).toHaveLength(before.length);

    await expect(client.api(`/api/conversations/${conversation.id}/relaunch`, { body: { commandId: client.commandId() } })).rejects.toThrow(/409.*session_archived.*is archived, so Claude was not restarted\. Unarchive it first\./);

    await client.api(`/api/sessions/${conversation.sessionId}/unarchive`, { method: "POST" });
    await client.send(conversation.id, "hello once more");
    await client.waitUntil(() => client.list(conversation.id).filter((e) => e.type === "turn.completed").length === 2, 60_000, "the second turn");
  });
});
