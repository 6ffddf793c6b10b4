import type { ServerWebSocket } from "bun";
import { afterEach, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import type { DurableEvent } from "../../shared/protocol/events.ts";
import type { ServerFrame } from "../../shared/protocol/frames.ts";
import type { Conversation } from "../../shared/protocol/model.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import { EventBus, type BusMessage } from "../core/event-bus.ts";
import { serveHub } from "../test-support/hub-server.ts";
import { BrowserHub, type BrowserSocketData } from "./browser-hub.ts";

/*
 * A bus batch's frames (a conversation's commit and what it publishes) reach each socket in one corked write, in
 * order, and a frame outside a batch is written at once (ADR 0315). A real Bun server and a real WebSocket client;
 * each server socket's `cork` and `send` are followed as they are called.
 */
const conversationId = newId("conversation");
const conversation = { id: conversationId, lastSeq: 0 } as Conversation;
let stop: (() => void) | null = null;
afterEach(() => stop?.());

/** A write to the socket: inside which of its corks (numbered from 1), or null outside any. */
type Write = { cork: number | null; text: string };

async function hubWithSocket(): Promise<{ bus: EventBus; writes: Write[]; received: ServerFrame[] }> {
  const bus = new EventBus();
  const hub = new BrowserHub({ bus, version: "test", listEventsAfter: () => [], getConversation: () => conversation, inFlightDeltas: () => [] });
  const writes: Write[] = [];
  const server = serveHub(hub, (ws) => follow(ws, writes));
  const received: ServerFrame[] = [];
  const client = new WebSocket(`ws://127.0.0.1:${server.port}/ws`);
  client.onmessage = (message) => received.push(JSON.parse(String(message.data)) as ServerFrame);
  stop = () => {
    client.close();
    void server.stop(true);
  };
  await new Promise((resolve) => (client.onopen = resolve));
  client.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION, subscriptions: [{ conversationId, afterSeq: 0 }] }));
  await expect.poll(() => received.some((frame) => frame.type === "presence")).toBe(true);
  writes.length = 0;
  received.length = 0;
  return { bus, writes, received };
}

/** Notes each write of the real socket and whether it was made inside `cork`. */
function follow(ws: ServerWebSocket<BrowserSocketData>, writes: Write[]): void {
  let corks = 0;
  let cork: number | null = null;
  const [send, corked] = [ws.send.bind(ws), ws.cork.bind(ws)];
  ws.send = ((text: string) => (writes.push({ cork, text }), send(text))) as typeof ws.send;
  ws.cork = ((callback: (socket: typeof ws) => unknown) =>
    corked((socket) => {
      cork = ++corks;
      try {
        return callback(socket);
      } finally {
        cork = null;
      }
    })) as typeof ws.cork;
}

let seq = 0;
const event = (e: DurableEvent): BusMessage => ({ kind: "event", conversationId, sequenced: { seq: ++seq, at: 1, event: e } });
const running = () => event({ type: "conversation.status.changed", status: "running", reason: null });
const delta = (text: string): BusMessage => ({ kind: "delta", conversationId, event: { type: "message.part.delta", messageId: newId("message"), partId: newId("part"), partKind: "text", toolName: null, delta: text, isReset: false } });

it("writes a batch's frames to a socket in one corked write, in the order they were published", async () => {
  const { bus, writes, received } = await hubWithSocket();
  bus.batch(() => {
    bus.publish(running());
    // A batch inside a batch (a flush inside a flush) ends with the outer one.
    bus.batch(() => bus.publish({ kind: "entity", change: { kind: "conversation", conversation } }));
    bus.publish(delta("Hel"));
    expect(writes).toEqual([]); // held until the batch ends
  });
  expect(writes.map((write) => write.cork)).toEqual([1, 1, 1]);
  expect(writes.map((write) => JSON.parse(write.text).type)).toEqual(["event", "entity", "delta"]);
  await expect.poll(() => received.map((frame) => frame.type)).toEqual(["event", "entity", "delta"]);
});

it("writes a frame outside a batch at once, and a batch's lone frame without corking", async () => {
  const { bus, writes, received } = await hubWithSocket();
  bus.publish(delta("now"));
  expect(writes).toEqual([{ cork: null, text: expect.stringContaining('"delta":"now"') }]);
  bus.batch(() => bus.publish(delta("alone")));
  expect(writes.map((write) => write.cork)).toEqual([null, null]);
  await expect.poll(() => received.length).toBe(2);
});

it("still writes what a batch published when the batch throws", async () => {
  const { bus, writes, received } = await hubWithSocket();
  expect(() =>
    bus.batch(() => {
      bus.publish(running());
      bus.publish(delta("kept"));
      throw new Error("a later step failed");
    }),
  ).toThrow("a later step failed");
  expect(writes.map((write) => write.cork)).toEqual([1, 1]);
  await expect.poll(() => received.map((frame) => frame.type)).toEqual(["event", "delta"]);
});
