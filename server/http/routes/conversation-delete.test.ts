import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, startTestServer, type TestServer } from "../../test-support/test-server.ts";

/* DELETE /api/conversations/:id over HTTP: gone for every reader, a second delete is a clear 404 (issue 16). */
describe("DELETE /api/conversations/:id", () => {
  let server: TestServer;
  let folder: string;
  beforeAll(async () => {
    server = await startTestServer();
    folder = mkdtempSync(join(tmpdir(), "chatml-delete-"));
  });
  afterAll(async () => {
    await server.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  it("deletes the conversation, leaves its session, and answers 404 after", async () => {
    const started = (await (await api(server, "/api/start", { method: "POST", body: JSON.stringify({ path: folder }) })).json()) as { conversation: { id: string; sessionId: string } };
    const { id, sessionId } = started.conversation;
    const deleted = await api(server, `/api/conversations/${id}`, { method: "DELETE" });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ ok: true });
    expect((await api(server, `/api/conversations/${id}`)).status).toBe(404);
    const listed = (await (await api(server, `/api/conversations?sessionId=${sessionId}`)).json()) as { conversations: { id: string }[] };
    expect(listed.conversations.map((c) => c.id)).not.toContain(id);
    const again = await api(server, `/api/conversations/${id}`, { method: "DELETE" });
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});
