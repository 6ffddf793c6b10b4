import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatmlClient } from "../../e2e/support/chatml-client.ts";
import { MAX_CLIENT_FRAME_BYTES, type ServerFrame } from "../../shared/protocol/frames.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import { writeReplayCliBin } from "../claude/fixtures/replay-cli/replay-cli-bin.ts";
import { startTestServer, type TestServer } from "../test-support/test-server.ts";

/**
 * Abusive browsers: invalid frames, wrong ids, oversized frames and a flood of 10,000 frames. Each gets a clear
 * `error` frame; the server stays up and a conversation streaming to another browser meanwhile loses nothing.
 */
let server: TestServer;
let bystander: ChatmlClient;
let streamingId: string;

beforeAll(async () => {
  server = await startTestServer({ claudeBin: await writeReplayCliBin() });
  bystander = new ChatmlClient({ url: server.url, token: server.token });
  streamingId = (await bystander.startInFolder(mkdtempSync(join(tmpdir(), "chatml-abuse-")))).id;
  await bystander.connect([streamingId]);
  await bystander.send(streamingId, "stream 2500 500 32");
  await bystander.waitUntil(() => (bystander.deltas.get(streamingId)?.length ?? 0) > 50, 15_000, "the bystander stream");
});
afterAll(async () => {
  bystander.disconnect();
  await server.cleanup();
});

/** A raw browser socket that records every frame it gets. */
async function rawSocket(): Promise<{ ws: WebSocket; frames: ServerFrame[]; closed: Promise<number> }> {
  const ws = new WebSocket(`${server.url.replace(/^http/, "ws")}/ws`, { headers: { authorization: `Bearer ${server.token}`, origin: server.url } } as unknown as string[]);
  const frames: ServerFrame[] = [];
  ws.onmessage = (message) => frames.push(JSON.parse(String(message.data)) as ServerFrame);
  const closed = new Promise<number>((resolve) => ws.addEventListener("close", (event) => resolve(event.code)));
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error("socket failed to open"));
  });
  return { ws, frames, closed };
}

async function framesUntil(frames: ServerFrame[], count: number, timeoutMs = 10_000): Promise<ServerFrame[]> {
  const deadline = Date.now() + timeoutMs;
  while (frames.length < count && Date.now() < deadline) await Bun.sleep(10);
  return frames;
}

const errorsOf = (frames: ServerFrame[]) => frames.flatMap((frame) => (frame.type === "error" ? [frame] : []));

describe("invalid frames", () => {
  it("answers each with a bad_request error frame and keeps the socket open", async () => {
    const { ws, frames } = await rawSocket();
    const bad = ["not json", "[1,2]", "42", "null", JSON.stringify({ type: "teleport" }), JSON.stringify({ type: "subscribe", conversationId: streamingId, afterSeq: -1 }), new Uint8Array([0xff, 0x00, 0xfe])];
    for (const frame of bad) ws.send(frame);
    const errors = errorsOf(await framesUntil(frames, bad.length));
    expect(errors).toHaveLength(bad.length);
    expect(errors.every((frame) => frame.code === "bad_request" && frame.message.length > 0)).toBe(true);
    ws.send(JSON.stringify({ type: "ping", t: 7 }));
    expect((await framesUntil(frames, bad.length + 1)).at(-1)).toEqual({ type: "pong", t: 7 });
    ws.close();
  });

  it("refuses subscribing before hello, and a wrong protocol with protocol_mismatch and a close", async () => {
    const { ws, frames, closed } = await rawSocket();
    ws.send(JSON.stringify({ type: "subscribe", conversationId: streamingId, afterSeq: 0 }));
    expect(errorsOf(await framesUntil(frames, 1))[0]).toMatchObject({ code: "bad_request", message: expect.stringContaining("hello") });
    ws.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION + 99, subscriptions: [] }));
    expect(errorsOf(await framesUntil(frames, 2))[1]?.code).toBe("protocol_mismatch");
    expect(await closed).toBe(4000);
  });
});

describe("wrong ids", () => {
  it("answers an unknown or malformed conversation id clearly, and still serves the right one", async () => {
    const { ws, frames } = await rawSocket();
    ws.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION, subscriptions: [{ conversationId: "cnv_doesnotexist", afterSeq: 0 }] }));
    ws.send(JSON.stringify({ type: "subscribe", conversationId: "../../etc/passwd", afterSeq: 0 }));
    ws.send(JSON.stringify({ type: "subscribe", conversationId: streamingId, afterSeq: 0 }));
    await framesUntil(frames, 4);
    const errors = errorsOf(frames);
    expect(errors[0]).toMatchObject({ code: "not_found", conversationId: "cnv_doesnotexist" });
    expect(errors[1]?.code).toBe("bad_request");
    await bystander.waitUntil(() => frames.some((frame) => frame.type === "replayed" && frame.conversationId === streamingId), 10_000, "replay");
    ws.close();
  });
});

describe("oversized frames", () => {
  it.each([MAX_CLIENT_FRAME_BYTES + 1, 8 * 1024 * 1024])("closes the socket on a %d-byte frame (1009, never buffered); a new socket works", async (size) => {
    const { ws, frames, closed } = await rawSocket();
    ws.send(JSON.stringify({ type: "ping", t: 1, pad: "x".repeat(size) }));
    expect(await closed).toBe(1009);
    expect(frames.filter((frame) => frame.type === "pong")).toEqual([]);
    const next = await rawSocket();
    next.ws.send(JSON.stringify({ type: "ping", t: 2 }));
    expect((await framesUntil(next.frames, 1)).at(-1)).toEqual({ type: "pong", t: 2 });
    next.ws.close();
  });
});

describe("a flood of 10,000 frames", () => {
  it("answers every one, in order, while another browser's stream goes on untouched", async () => {
    const { ws, frames } = await rawSocket();
    for (let i = 0; i < 10_000; i++) ws.send(i % 2 === 0 ? JSON.stringify({ type: "ping", t: i }) : "{garbage");
    await framesUntil(frames, 10_000, 30_000);
    expect(frames.filter((frame) => frame.type === "pong").map((frame) => (frame.type === "pong" ? frame.t : -1))).toEqual(Array.from({ length: 5000 }, (_, i) => i * 2));
    expect(errorsOf(frames)).toHaveLength(5000);
    ws.close();
    const health = await fetch(`${server.url}/api/info`, { headers: { authorization: `Bearer ${server.token}` } });
    expect(health.status).toBe(200);
  });

  it("left the bystander's conversation complete: no gap, no duplicate, every delta in the final text", async () => {
    await bystander.waitForEvent(streamingId, "turn.completed", () => true, 30_000);
    expect(bystander.anomalies).toEqual([]);
    const streamed = (bystander.deltas.get(streamingId) ?? []).map((delta) => (delta.type === "message.part.delta" ? delta.delta : "")).join("");
    expect(streamed.split("|").length - 1).toBe(2500);
    expect(bystander.assistantText(streamingId)).toBe(streamed);
  });
});
