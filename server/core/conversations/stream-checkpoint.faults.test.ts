import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startChatml, type ChatmlServer } from "../../../e2e/harness/index.ts";
import { ChatmlClient } from "../../../e2e/support/chatml-client.ts";
import { writeReplayCliBin } from "../../claude/fixtures/replay-cli/replay-cli-bin.ts";
import { openTempDb, type TempDb } from "../../persistence/test-support.ts";
import { recoverConversations } from "./restart-recovery.ts";

/**
 * A real crash while an answer streams (ADR 0008, ADR 0041): the server is killed with SIGKILL after several
 * checkpoints, each of which stored only the text new since the one before. The database it leaves holds every durable
 * event the watching socket had, the answer's stored text is exactly the text those events add up to (a prefix of
 * what streamed), and a restart's recovery marks it interrupted without a copy of the text.
 */
describe("a crash mid-answer, with appended checkpoints", () => {
  const dir = mkdtempSync(join(tmpdir(), "chatml-crash-"));
  const folder = mkdtempSync(join(tmpdir(), "chatml-crash-folder-"));
  let server: ChatmlServer | null = null;
  let db: TempDb | null = null;
  afterAll(() => {
    server?.kill("SIGKILL");
    db?.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  it("keeps exactly the text the socket's durable events carried, each checkpoint storing only what was new", async () => {
    mkdirSync(join(dir, "data"));
    const env = { ...(process.env as Record<string, string>), REPLAY_CLI_VERSION: "2.1.330" };
    server = await startChatml({ dataDir: join(dir, "data"), claudeBin: await writeReplayCliBin(), env });
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    const id = (await client.startInFolder(folder)).id;
    await client.connect([id]);
    const appends = () => client.list(id).filter((event) => event.type === "message.part.appended");
    await client.send(id, "stream 4000 200 24");
    await client.waitUntil(() => appends().length >= 3, 60_000, "three checkpoints of the streaming answer");

    server.kill("SIGKILL");
    await server.proc.exited;
    server = null;
    client.disconnect();
    const seen = client.list(id);
    const streamed = (client.deltas.get(id) ?? []).map((delta) => (delta.type === "message.part.delta" ? delta.delta : "")).join("");

    db = openTempDb(dir);
    const stored = db.repos.events.listAfter(id, 0, 10_000).map((entry) => entry.event);
    expect(stored.slice(0, seen.length)).toEqual(seen);
    const [part] = [...client.textParts(id).entries()];
    const [partId, shown] = part ?? ["", { text: "", streamState: null }];
    expect(shown.streamState).toBe("streaming");
    expect(streamed.startsWith(shown.text)).toBe(true);
    const storedPart = () => db?.repos.messages.list(id).flatMap((message) => message.parts).find((candidate) => candidate.id === partId);
    expect(storedPart()).toEqual({ id: partId, kind: "text", text: shown.text, streamState: "streaming" });
    // Linear, not quadratic: the checkpoints' texts add up to the stored text once.
    const appendedTexts = stored.flatMap((event) => (event.type === "message.part.appended" ? [event.text] : []));
    expect(appendedTexts.length).toBeGreaterThanOrEqual(3);
    expect(appendedTexts.join("")).toBe(shown.text);

    // The part's row was written once; each checkpoint's text is a chunk beside it, not a rewrite of the answer so far,
    // and the chunk names its event rather than holding a copy (ADR 0282).
    const chunkRows = () => db?.db.get<{ n: number }>("SELECT count(*) AS n FROM part_chunks WHERE part_id = $id AND text = '' AND event_seq IS NOT NULL", { id: partId })?.n;
    const chunked = appendedTexts.filter((text) => text !== "").length;
    expect(chunkRows()).toBe(chunked);

    // Recovery changes only the part's state: its text is not written again.
    await recoverConversations({ repos: db.repos, now: () => Date.now() });
    expect(chunkRows()).toBe(chunked);
    expect(storedPart()).toEqual({ id: partId, kind: "text", text: shown.text, streamState: "interrupted" });
    const last = db.repos.events.listAfter(id, 0, 10_000).map((entry) => entry.event).filter((event) => event.type === "message.part.appended").at(-1);
    expect(last).toMatchObject({ partId, text: "", streamState: "interrupted" });
  });
});
