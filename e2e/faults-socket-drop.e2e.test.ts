import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReplayCliBin } from "../server/claude/fixtures/replay-cli/replay-cli-bin.ts";
import { startChatml, tempDir, type ChatmlServer } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { viewOf, visibleText } from "./support/view-of.ts";

/**
 * A browser's socket drops mid-stream, for a moment and for "a minute": after it resumes, the transcript it shows
 * equals the one a never-disconnected browser shows. Time is compressed: the replaying CLI streams 1,000 deltas/s,
 * so a 2.5 s outage spans ~2,500 deltas, a turn's end and the next turn's start — more than a minute of a real
 * model's output (~40–80 tokens/s).
 */
describe.each([
  { version: "2.1.119", transport: "sdk-url" },
  { version: "2.1.330", transport: "stdio" },
])("a browser socket that drops mid-stream ($transport)", ({ version }) => {
  let server: ChatmlServer;
  let steady: ChatmlClient;
  let flaky: ChatmlClient;
  let conversationId: string;

  beforeAll(async () => {
    const claudeBin = await writeReplayCliBin();
    const env = { ...(process.env as Record<string, string>), REPLAY_CLI_VERSION: version };
    server = await startChatml({ dataDir: tempDir("chatml-drop-data"), claudeBin, env });
    steady = new ChatmlClient({ url: server.origin, token: server.token });
    flaky = new ChatmlClient({ url: server.origin, token: server.token });
    conversationId = (await steady.startInFolder(tempDir("chatml-drop-work"))).id;
    await steady.connect([conversationId]);
    await flaky.connect([conversationId]);
  });

  afterAll(async () => {
    steady?.disconnect();
    flaky?.disconnect();
    await server?.stop();
  });

  const turns = (client: ChatmlClient) => client.list(conversationId).filter((event) => event.type === "turn.completed").length;
  // Stamped deltas seen (`<time>:<n>|` each; one frame joins the deltas of a batch, ADR 0023).
  const deltaCount = (client: ChatmlClient) =>
    (client.deltas.get(conversationId) ?? []).reduce((sum, event) => sum + (event.type === "message.part.delta" ? event.delta.split("|").length - 1 : 0), 0);
  const resetsAfter = (client: ChatmlClient, from: number) =>
    client.frames.slice(from).filter((frame) => frame.type === "delta" && frame.event.type === "message.part.delta" && frame.event.isReset).length;

  async function dropFor(ms: number): Promise<number> {
    flaky.disconnect();
    await Bun.sleep(ms);
    const from = flaky.frames.length;
    await flaky.connect([conversationId]);
    return from;
  }

  it("resumes to exactly the transcript a never-disconnected browser shows", async () => {
    await steady.send(conversationId, "stream 3000 1000 24");
    await flaky.waitUntil(() => deltaCount(flaky) > 300, 20_000, "streaming to start");
    const momentFrom = await dropFor(30);
    await steady.send(conversationId, "stream 3000 1000 24");
    await flaky.waitUntil(() => deltaCount(flaky) > 1500, 20_000, "more streaming");
    const minuteFrom = await dropFor(2500);
    await steady.waitUntil(() => turns(steady) === 2, 30_000, "both turns to complete");
    await flaky.waitUntil(() => flaky.lastSeq(conversationId) === steady.lastSeq(conversationId), 10_000, "the flaky client to catch up");
    // A socket that comes back mid-block gets the block so far at once (an isReset delta), not just what follows.
    expect(resetsAfter(flaky, momentFrom) + resetsAfter(flaky, minuteFrom)).toBeGreaterThan(0);
    expect(flaky.list(conversationId)).toEqual(steady.list(conversationId));
    const expected = viewOf(steady.frames, conversationId);
    expect(visibleText(viewOf(flaky.frames, conversationId))).toBe(visibleText(expected));
    expect(viewOf(flaky.frames, conversationId)).toEqual(expected);
    expect(visibleText(expected).split("|").length).toBeGreaterThan(6000);
    expect([...steady.anomalies, ...flaky.anomalies]).toEqual([]);
  });

  it("gives a browser that was away for the whole stream the same transcript from history", async () => {
    const late = new ChatmlClient({ url: server.origin, token: server.token });
    await late.connect([conversationId]);
    try {
      expect(viewOf(late.frames, conversationId)).toEqual(viewOf(steady.frames, conversationId));
    } finally {
      late.disconnect();
    }
  });
});
