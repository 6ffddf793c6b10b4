import type { ConversationId } from "../../shared/ids.ts";
import type { ServerFrame } from "../../shared/protocol/frames.ts";
import type { BusMessage } from "../core/event-bus.ts";

/** Which sockets a bus message goes to: every socket that said hello, or the sockets subscribed to one conversation. */
export type Audience = { kind: "all" } | { kind: "subscribers"; conversationId: ConversationId };

/**
 * Events and deltas go to the conversation's subscribers (every event, so a socket's seqs have no gap); entity
 * changes (a conversation's budget and queue included: a page keeps them from before it subscribes), workbench and
 * device changes go to every socket.
 */
export function audienceOf(message: BusMessage): Audience {
  switch (message.kind) {
    case "delta":
    case "event":
      return { kind: "subscribers", conversationId: message.conversationId };
    case "entity":
    case "workbench":
    case "devices":
    case "integrations":
      return { kind: "all" };
  }
}

/** The frame a bus message becomes on the wire; an entity change carries its number in the process's count. */
export function toFrame(message: BusMessage, entityRevision?: number): ServerFrame {
  switch (message.kind) {
    case "event": {
      const { seq, at, event } = message.sequenced;
      return { type: "event", conversationId: message.conversationId, seq, at, event };
    }
    case "delta":
      return { type: "delta", conversationId: message.conversationId, event: message.event };
    case "entity":
      return { type: "entity", change: message.change, ...(entityRevision === undefined ? {} : { revision: entityRevision }) };
    case "workbench":
      return { type: "workbench.changed", sessionId: message.sessionId, topic: message.topic };
    case "devices":
      return { type: "devices.changed" };
    case "integrations":
      return { type: "integrations.changed", service: message.service };
  }
}

/**
 * Sends one frame to every socket `wants`, serialized once however many sockets take it (and not at all when none
 * does). Answers how many sockets it went to.
 */
export function fanOut<S>(sockets: Iterable<S>, wants: (socket: S) => boolean, frame: ServerFrame | (() => ServerFrame), send: (socket: S, text: string) => void): number {
  let text: string | null = null;
  let sent = 0;
  for (const socket of sockets) {
    if (!wants(socket)) continue;
    text ??= JSON.stringify(typeof frame === "function" ? frame() : frame);
    send(socket, text);
    sent++;
  }
  return sent;
}
