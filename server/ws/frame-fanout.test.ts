import { describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import { NO_LIMITS } from "../../shared/protocol/budgets.ts";
import type { DurableEvent } from "../../shared/protocol/events.ts";
import type { ServerFrame } from "../../shared/protocol/frames.ts";
import { EMPTY_TOTALS } from "../core/budgets/usage-totals.ts";
import type { BusMessage } from "../core/event-bus.ts";
import { audienceOf, fanOut, toFrame } from "./frame-fanout.ts";

const conversationId = newId("conversation");
const messageId = newId("message");
const partId = newId("part");

const event = (e: DurableEvent): BusMessage => ({ kind: "event", conversationId, sequenced: { seq: 7, at: 1, event: e } });
const partUpdated = (streamState?: "streaming"): BusMessage =>
  event({ type: "message.part.updated", messageId, part: { id: partId, kind: "text", text: "so far", ...(streamState ? { streamState } : {}) } });

type Socket = { id: number; isSubscribed: boolean; got: string[] };
const sockets = (): Socket[] => [1, 2, 3].map((id) => ({ id, isSubscribed: id !== 2, got: [] }));

describe("fanOut", () => {
  it("serializes a frame once and sends the same text to every socket that wants it", () => {
    let serialized = 0;
    const frame = { type: "pong", t: 1, toJSON: () => (serialized++, { type: "pong", t: 1 }) } as unknown as ServerFrame;
    const all = sockets();
    const sent = fanOut(all, (socket) => socket.isSubscribed, frame, (socket, text) => socket.got.push(text));
    expect(sent).toBe(2);
    expect(serialized).toBe(1);
    expect(all.map((socket) => socket.got)).toEqual([['{"type":"pong","t":1}'], [], ['{"type":"pong","t":1}']]);
    expect(all[0]?.got[0]).toBe(all[2]?.got[0]);
  });

  it("builds and serializes nothing when no socket wants the frame", () => {
    let built = 0;
    const sent = fanOut(sockets(), () => false, () => (built++, { type: "pong", t: 1 }), () => expect.unreachable());
    expect(sent).toBe(0);
    expect(built).toBe(0);
  });
});

describe("audienceOf", () => {
  it("sends a conversation's events and deltas to its subscribers only", () => {
    const delta: BusMessage = { kind: "delta", conversationId, event: { type: "message.part.delta", messageId, partId, partKind: "text", toolName: null, delta: "a", isReset: false } };
    expect(audienceOf(delta)).toEqual({ kind: "subscribers", conversationId });
    expect(audienceOf(event({ type: "notice", level: "info", text: "hi" }))).toEqual({ kind: "subscribers", conversationId });
    expect(audienceOf(partUpdated("streaming"))).toEqual({ kind: "subscribers", conversationId });
  });

  it("sends entity changes, a conversation's budget and queue too, to every socket", () => {
    const budget: BusMessage = { kind: "entity", change: { kind: "budget", budget: { conversationId, limits: NO_LIMITS, isOwn: false, totals: EMPTY_TOTALS, exhausted: null } } };
    const queue: BusMessage = { kind: "entity", change: { kind: "queue", queue: { conversationId, items: [] } } };
    const removed: BusMessage = { kind: "entity", change: { kind: "removed", entity: "conversation", id: conversationId } };
    expect(audienceOf(budget)).toEqual({ kind: "all" });
    expect(audienceOf(queue)).toEqual({ kind: "all" });
    expect(audienceOf(removed)).toEqual({ kind: "all" });
    expect(audienceOf({ kind: "workbench", sessionId: newId("session"), topic: "files" })).toEqual({ kind: "all" });
  });
});

describe("toFrame", () => {
  it("puts the seq and time of a committed event on its frame", () => {
    expect(toFrame(event({ type: "notice", level: "info", text: "hi" }))).toEqual({ type: "event", conversationId, seq: 7, at: 1, event: { type: "notice", level: "info", text: "hi" } });
  });
});
