import { describe, expect, it } from "vitest";
import type { ConversationId } from "../../../shared/ids.ts";
import type { ConversationStatus } from "../../../shared/protocol/model.ts";
import { EventBus } from "../event-bus.ts";
import { followRunningTurns } from "./running-turns.ts";

const A = "conv_a" as ConversationId;
const B = "conv_b" as ConversationId;
let seq = 0;
const status = (bus: EventBus, conversationId: ConversationId, value: ConversationStatus) =>
  bus.publish({ kind: "event", conversationId, sequenced: { seq: ++seq, at: 0, event: { type: "conversation.status.changed", status: value, reason: null } } });

describe("followRunningTurns", () => {
  it("counts the conversations whose turn runs, from their committed statuses, and says each change once", () => {
    const bus = new EventBus();
    const turns = followRunningTurns(bus);
    const heard: number[] = [];
    turns.onChange((count) => heard.push(count));
    status(bus, A, "starting");
    status(bus, A, "running");
    status(bus, B, "running");
    status(bus, B, "running");
    // Waiting on the user streams nothing: not counted.
    status(bus, A, "waiting");
    status(bus, B, "ready");
    expect(heard).toEqual([1, 2, 1, 0]);
    expect(turns.count()).toBe(0);
  });

  it("ends the turn of a conversation deleted while it ran", () => {
    const bus = new EventBus();
    const turns = followRunningTurns(bus);
    status(bus, A, "running");
    bus.publish({ kind: "entity", change: { kind: "removed", entity: "conversation", id: A } });
    expect(turns.count()).toBe(0);
  });
});
