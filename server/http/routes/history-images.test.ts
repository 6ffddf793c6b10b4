import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId, type ConversationId } from "../../../shared/ids.ts";
import type { Part } from "../../../shared/protocol/model.ts";
import { openDatabase } from "../../persistence/db.ts";
import { createRepositories } from "../../persistence/repositories.ts";
import { api, startTestServer, type TestServer } from "../../test-support/test-server.ts";

/** A PNG signature then zeros, as base64: enough for the schema's image check. */
const png = Buffer.from(Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 0])).toString("base64");

/*
 * Claude Code sends every image of a conversation's history with each request, and Claude's API takes at most 100 a
 * request: a message that would take the history past that is refused before anything of it is kept (ADR 0093).
 */
describe("a message whose images would take the conversation's history past one API request", () => {
  let server: TestServer;
  let folder: string;
  let conversationId: ConversationId;
  beforeAll(async () => {
    server = await startTestServer();
    folder = mkdtempSync(join(tmpdir(), "chatml-history-images-"));
    const started = (await (await api(server, "/api/start", { method: "POST", body: JSON.stringify({ path: folder }) })).json()) as { conversation: { id: ConversationId } };
    conversationId = started.conversation.id;
    // 97 images already in the history, stored as sends store them (a second connection to the server's database).
    const db = openDatabase(join(server.dataDir, "chatml.db"));
    const repos = createRepositories(db);
    for (let m = 0; m < 10; m++) {
      const parts: Part[] = Array.from({ length: m < 9 ? 10 : 7 }, () => ({ id: newId("part"), kind: "image", blobId: repos.blobs.put(new Uint8Array(300), "image/png"), mediaType: "image/png" }));
      repos.events.appendBatch(conversationId, [{ type: "message.created", message: { id: newId("message"), role: "user", parentToolUseId: null, model: null, createdAt: 1_000 + m, parts } }], 1_000 + m);
    }
    db.close();
  });
  afterAll(async () => {
    await server.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  it("tells a device what the history carries", async () => {
    const history = await (await api(server, `/api/conversations/${conversationId}/history-images`)).json();
    expect(history).toEqual({ count: 97, base64Chars: 97 * 400 });
  });

  it("is refused with a 400 naming the count and the way out, and nothing of it is kept", async () => {
    const images = Array.from({ length: 4 }, () => ({ mediaType: "image/png", data: png }));
    const response = await api(server, `/api/conversations/${conversationId}/messages`, { method: "POST", body: JSON.stringify({ commandId: "cmd_history_full", text: "four more", images }) });

    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain("This conversation already carries 97 images, and Claude Code sends them all again with every message: with 4 more, Claude's API (at most 100 images a request) would refuse this message and every later one.");
    expect(body.error.message).toContain("Send /compact first");
    const messages = (await (await api(server, `/api/conversations/${conversationId}/messages`)).json()) as { messages: unknown[] };
    expect(messages.messages).toHaveLength(10);
  });

  it("is refused the same when queued (400, nothing queued), not later as the queued message's error", async () => {
    const images = Array.from({ length: 4 }, () => ({ mediaType: "image/png", data: png }));
    const response = await api(server, `/api/conversations/${conversationId}/queue`, { method: "POST", body: JSON.stringify({ commandId: "cmd_queue_history_full", text: "four more, queued", images }) });

    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain("This conversation already carries 97 images, and Claude Code sends them all again with every message: with 4 more,");
    const queue = (await (await api(server, `/api/conversations/${conversationId}/queue`)).json()) as { queue: { items: unknown[] } };
    expect(queue.queue.items).toEqual([]);
    const messages = (await (await api(server, `/api/conversations/${conversationId}/messages`)).json()) as { messages: unknown[] };
    expect(messages.messages).toHaveLength(10);
  });
});
