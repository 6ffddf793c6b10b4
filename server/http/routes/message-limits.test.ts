import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, startTestServer, type TestServer } from "../../test-support/test-server.ts";

/** A PNG of `bytes` (its signature, then zeros) as base64: within the one-image limit, large together. */
function pngBase64(bytes: number): string {
  const png = new Uint8Array(bytes);
  png.set([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.from(png).toString("base64");
}

/*
 * Claude's API refuses a request over 32 MB after it was sent; a message whose images together would make one is
 * refused by ChatML before anything of it is kept, on the send and the queue routes alike.
 */
describe("a message too large for one request to Claude's API", () => {
  let server: TestServer;
  let folder: string;
  let conversationId: string;
  const images = Array.from({ length: 5 }, () => ({ mediaType: "image/png", data: pngBase64(3.5 * 1024 * 1024) }));
  beforeAll(async () => {
    server = await startTestServer();
    folder = mkdtempSync(join(tmpdir(), "chatml-images-limit-"));
    const started = (await (await api(server, "/api/start", { method: "POST", body: JSON.stringify({ path: folder }) })).json()) as { conversation: { id: string } };
    conversationId = started.conversation.id;
  });
  afterAll(async () => {
    await server.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  const post = async (path: string, body: unknown) => {
    const response = await api(server, path, { method: "POST", body: JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as { error: { code: string; message: string } } };
  };

  it("is refused with a 400 naming the limit, and nothing of it is kept", async () => {
    const sent = await post(`/api/conversations/${conversationId}/messages`, { commandId: "cmd_too_large_1", text: "look at these", images });

    expect(sent.status).toBe(400);
    expect(sent.json.error.message).toContain("The images come to 17.50 MB: Claude's API refuses a request over 32 MB, which also carries the conversation, so one message's images can be at most 15.00 MB together.");
    const messages = (await (await api(server, `/api/conversations/${conversationId}/messages`)).json()) as { messages: unknown[] };
    expect(messages.messages).toEqual([]);
    const conversation = (await (await api(server, `/api/conversations/${conversationId}`)).json()) as { conversation: { status: string; lastSeq: number } };
    expect(conversation.conversation).toMatchObject({ status: "idle", lastSeq: 0 });
  });

  it("is refused the same when its text is over the prompt limit, naming its length, and nothing of it is kept", async () => {
    const sent = await post(`/api/conversations/${conversationId}/messages`, { commandId: "cmd_too_long_01", text: "x".repeat(500_001) });

    expect(sent.status).toBe(400);
    expect(sent.json.error.message).toContain("The message is 500,001 characters; one message takes at most 500,000.");
    const messages = (await (await api(server, `/api/conversations/${conversationId}/messages`)).json()) as { messages: unknown[] };
    expect(messages.messages).toEqual([]);
  });

  it("is refused the same when queued, and the queue stays empty", async () => {
    const queued = await post(`/api/conversations/${conversationId}/queue`, { commandId: "cmd_too_large_2", text: "look at these", images });

    expect(queued.status).toBe(400);
    expect(queued.json.error.message).toContain("one message's images can be at most 15.00 MB together");
    const queue = (await (await api(server, `/api/conversations/${conversationId}/queue`)).json()) as { queue: { items: unknown[] } };
    expect(queue.queue.items).toEqual([]);
  });
});
