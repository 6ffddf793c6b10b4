import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { SequencedEvent } from "../../../shared/protocol/events.ts";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { api, startTestServer, type TestServer } from "../../test-support/test-server.ts";

let t: TempDb | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.cleanup();
  t?.cleanup();
});

/**
 * What a crash left (ADR 0008) as a restarted server's first answers tell it: the database says a turn ran and a
 * sub-agent worked, no process is left, and the very first answers of the new server already say idle and stopped.
 */
describe("the first answers after a crash mid-turn", () => {
  it("say idle, not running, and the sub-agent stopped", async () => {
    t = openTempDb();
    const { conversation } = seedConversation(t.repos, mkdtempSync(join(tmpdir(), "chatml-restart-answers-")));
    const task = { type: "task.updated", taskId: "agent", toolUseId: "toolu_agent", description: "Look around", summary: null, lastToolName: null, isBackground: false } as const;
    t.repos.events.appendBatch(conversation.id, [{ type: "conversation.status.changed", status: "running", reason: null }, { ...task, status: "running" }], 1);
    t.db.close();

    server = await startTestServer({ dataDir: join(t.dir, "data"), claudeBin: null });

    const listed = await (await api(server, `/api/conversations?sessionId=${conversation.sessionId}`)).json();
    expect(listed.conversations.map((c: { status: string }) => c.status)).toEqual(["idle"]);
    const { page } = await (await api(server, `/api/conversations/${conversation.id}/history`)).json();
    const tasks = (page.state as SequencedEvent[]).flatMap(({ event }) => (event.type === "task.updated" ? [event.status] : []));
    expect(tasks.at(-1)).toBe("stopped");
  });
});
