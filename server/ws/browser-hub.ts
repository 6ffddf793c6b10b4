import { deltaTrace } from "../lib/delta-trace.ts";
import type { ServerWebSocket } from "bun";
import type { ConversationId } from "../../shared/ids.ts";
import type { ErrorCode } from "../../shared/protocol/errors.ts";
import type { EphemeralEvent, SequencedEvent } from "../../shared/protocol/events.ts";
import { ClientFrame, type EntityRevision, type ServerFrame, type Subscription } from "../../shared/protocol/frames.ts";
import type { Conversation } from "../../shared/protocol/model.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import type { BusMessage, EventBus } from "../core/event-bus.ts";
import type { RevokeCause } from "../core/remote/device-service.ts";
import type { AppError } from "../../shared/protocol/errors.ts";
import { TERMINAL_PROTOCOL, type TerminalClientFrame } from "../../shared/protocol/terminals.ts";
import type { TerminalId } from "../../shared/ids.ts";
import { isConnected, isWatching, presenceOf } from "./presence.ts";
import { updateOffer } from "./update-offer.ts";
import { audienceOf, fanOut, toFrame } from "./frame-fanout.ts";

/** Who a socket belongs to: a signed-in device, or a script using the start token (deviceId null). */
export type SocketOwner = { deviceId: string | null; name: string };
export type BrowserSocketData = {
  kind: "browser";
  id: number;
  hasSaidHello: boolean;
  subscriptions: Set<ConversationId>;
  who: SocketOwner;
  /** Terminals this socket watches (the terminal relay keeps it). */
  terminals?: Set<TerminalId>;
};

/** Where terminal frames go (server/ws/terminal-relay.ts); absent in hubs built without terminals. */
export type TerminalFrames = {
  handle(ws: BrowserSocket, frame: TerminalClientFrame, fail: (error: AppError) => void): void;
  close(ws: BrowserSocket): void;
};
type BrowserSocket = ServerWebSocket<BrowserSocketData>;

export type HubDeps = {
  bus: EventBus;
  version: string;
  /** The build id of the app the server serves (null without a built app): pages of another build are offered a reload. */
  servedBuild?: () => string | null;
  listEventsAfter(conversationId: ConversationId, afterSeq: number, limit: number): SequencedEvent[];
  getConversation(conversationId: ConversationId): Conversation | null;
  inFlightDeltas(conversationId: ConversationId): EphemeralEvent[];
  terminals?: TerminalFrames;
  /** A device's last socket closed (what the Devices screen says it was last seen at). */
  deviceLeft?(deviceId: string): void;
};

/** A socket this far behind is dropped; it reconnects and resumes from its last seq instead of growing our memory. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
const REPLAY_PAGE = 500;

/** What a signed-out device's open page is told live (its next request hears when, and how to get back in). */
const SIGNED_OUT_REASONS: Record<RevokeCause, string> = {
  "signed-out": "This device was signed out on a Devices screen (its own Sign out, or Revoke on another device).",
  "token-rotated": "This device was signed out: the sign-in token was rotated (Devices → Rotate token), which signs every device out.",
};

/** Browser sockets: hello → replay from SQLite → live events, multiplexed over the conversations each tab watches. */
export class BrowserHub {
  private readonly sockets = new Set<BrowserSocket>();
  private nextId = 1;
  /**
   * Entity changes sent since this process started. A socket's welcome carries the count and each entity frame its
   * number, and the list endpoints say what the count was when they read: a page whose lists already hold every
   * change up to a welcome's count (nothing changed while it was away) skips loading them again.
   */
  private readonly entities: EntityRevision = { boot: crypto.randomUUID(), revision: 0 };
  /** Each socket's frames of the bus batch that is running, in order, written together as it ends (ADR 0315). */
  private readonly held = new Map<BrowserSocket, string[]>();

  constructor(private readonly deps: HubDeps) {
    deps.bus.subscribe((message) => this.deliver(message));
    deps.bus.onBatchEnd(() => this.writeHeld());
  }

  newSocketData(who: SocketOwner = { deviceId: null, name: "script" }): BrowserSocketData {
    return { kind: "browser", id: this.nextId++, hasSaidHello: false, subscriptions: new Set(), who };
  }

  open(ws: BrowserSocket): void {
    const { deviceId } = ws.data.who;
    const wasConnected = deviceId !== null && this.isConnected(deviceId);
    this.sockets.add(ws);
    // The device's first socket: every Devices screen shows it connected.
    if (deviceId !== null && !wasConnected) this.deps.bus.publish({ kind: "devices" });
  }

  close(ws: BrowserSocket): void {
    const wasOpen = this.sockets.delete(ws);
    this.held.delete(ws);
    this.deps.terminals?.close(ws);
    for (const id of ws.data.subscriptions) this.sendPresence(id);
    const { deviceId } = ws.data.who;
    if (!wasOpen || deviceId === null || this.isConnected(deviceId)) return;
    // Seen until now, before the screens read the list again.
    this.deps.deviceLeft?.(deviceId);
    this.deps.bus.publish({ kind: "devices" });
  }

  /**
   * Closes every socket of the given devices at once (revoked or signed out): close code 4401. The reason names no
   * culprit: a device that signed itself out was told another device had done it.
   */
  closeDevices(deviceIds: string[], cause: RevokeCause): void {
    const ids = new Set(deviceIds);
    for (const ws of this.sockets) if (ws.data.who.deviceId && ids.has(ws.data.who.deviceId)) ws.close(4401, SIGNED_OUT_REASONS[cause]);
  }

  /** A device's new name: its open sockets carry it, and the conversations they watch say who is here by it. */
  renameDevice(deviceId: string, name: string): void {
    const watched = new Set<ConversationId>();
    for (const ws of this.sockets) {
      if (ws.data.who.deviceId !== deviceId || ws.data.who.name === name) continue;
      ws.data.who = { deviceId, name };
      for (const id of ws.data.subscriptions) watched.add(id);
    }
    for (const id of watched) this.sendPresence(id);
  }

  /** How many entity changes this process has sent so far (read before reading lists: what they hold is at least this). */
  entityRevision(): EntityRevision {
    return { ...this.entities };
  }

  /** True when the device has a socket subscribed to the conversation. */
  isWatching(conversationId: ConversationId, deviceId: string): boolean {
    return isWatching(this.sockets, conversationId, deviceId);
  }

  /** True when the device has an open socket. */
  isConnected(deviceId: string): boolean {
    return isConnected(this.sockets, deviceId);
  }

  /** Closes every socket (server shutdown or sign-out). */
  closeAll(code: number, reason: string): void {
    for (const ws of this.sockets) ws.close(code, reason);
  }

  /** One frame from a browser (already within MAX_CLIENT_FRAME_BYTES: the listener closes sockets sending more). */
  message(ws: BrowserSocket, raw: string | Buffer): void {
    let json: unknown;
    try {
      json = JSON.parse(typeof raw === "string" ? raw : raw.toString("utf8"));
    } catch {
      return this.fail(ws, "bad_request", "A frame must be one JSON object.");
    }
    const parsed = ClientFrame.safeParse(json);
    if (!parsed.success) return this.fail(ws, "bad_request", `Unknown or invalid frame: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    this.handle(ws, parsed.data);
  }

  private handle(ws: BrowserSocket, frame: ClientFrame): void {
    if (frame.type === "ping") return this.send(ws, { type: "pong", t: frame.t });
    if (frame.type === "hello") return this.hello(ws, frame.protocol, frame.subscriptions, { version: frame.appVersion, build: frame.appBuild });
    if (!ws.data.hasSaidHello) return this.fail(ws, "bad_request", "Send hello first.");
    if (frame.type === "subscribe") return this.subscribe(ws, frame);
    if (frame.type.startsWith("terminal_")) return this.terminalFrame(ws, frame as TerminalClientFrame);
    if (frame.type !== "unsubscribe") return;
    if (ws.data.subscriptions.delete(frame.conversationId)) this.sendPresence(frame.conversationId);
  }

  private hello(ws: BrowserSocket, protocol: number, subscriptions: Subscription[], app: { version?: string; build?: string }): void {
    if (protocol !== PROTOCOL_VERSION) {
      this.fail(ws, "protocol_mismatch", `This page speaks protocol ${protocol}; the server speaks ${PROTOCOL_VERSION}. Reload the page.`);
      ws.close(4000, "protocol mismatch");
      return;
    }
    ws.data.hasSaidHello = true;
    const features = this.deps.terminals ? [TERMINAL_PROTOCOL] : [];
    this.send(ws, { type: "welcome", protocol: PROTOCOL_VERSION, serverVersion: this.deps.version, features, entities: this.entityRevision() });
    // A stale app (e.g. served from the service worker's cache) keeps working; it is only asked to reload.
    const change = updateOffer({ version: this.deps.version, build: this.deps.servedBuild?.() ?? null }, app);
    if (change && app.version !== undefined) this.send(ws, { type: "update_available", serverVersion: this.deps.version, appVersion: app.version, change });
    for (const subscription of subscriptions) this.subscribe(ws, subscription);
  }

  /** Replays synchronously (so no live event can slip in between), then marks the socket live for the conversation. */
  private subscribe(ws: BrowserSocket, { conversationId, afterSeq }: Subscription): void {
    const conversation = this.deps.getConversation(conversationId);
    if (!conversation) return this.fail(ws, "not_found", `Conversation ${conversationId} does not exist.`, conversationId);
    let cursor = afterSeq;
    for (;;) {
      const page = this.deps.listEventsAfter(conversationId, cursor, REPLAY_PAGE);
      for (const { seq, at, event } of page) this.send(ws, { type: "event", conversationId, seq, at, event });
      cursor = page.at(-1)?.seq ?? cursor;
      if (page.length < REPLAY_PAGE) break;
    }
    ws.data.subscriptions.add(conversationId);
    this.send(ws, { type: "replayed", conversationId, lastSeq: Math.max(cursor, conversation.lastSeq) });
    for (const event of this.deps.inFlightDeltas(conversationId)) this.send(ws, { type: "delta", conversationId, event });
    this.sendPresence(conversationId);
  }

  /** Sends a frame to every socket that said hello (lists that every device keeps live). */
  broadcast(frame: ServerFrame): void {
    fanOut(this.sockets, (ws) => ws.data.hasSaidHello, frame, (ws, text) => this.sendText(ws, text));
  }

  private terminalFrame(ws: BrowserSocket, frame: TerminalClientFrame): void {
    if (!this.deps.terminals) return this.fail(ws, "bad_request", "This server has no terminals.");
    this.deps.terminals.handle(ws, frame, (error: AppError) => this.fail(ws, error.code, error.message));
  }

  private sendPresence(conversationId: ConversationId): void {
    const devices = presenceOf(this.sockets, conversationId);
    fanOut(this.sockets, (ws) => isSubscribed(ws, conversationId), { type: "presence", conversationId, devices }, (ws, text) => this.sendText(ws, text));
  }

  /** One frame to every socket that wants it, serialized once however many sockets watch (the streaming hot path). */
  private deliver(message: BusMessage): void {
    if (message.kind === "entity" && message.change.kind === "removed" && message.change.entity === "conversation") this.forget(message.change.id as ConversationId);
    const audience = audienceOf(message);
    const wants = audience.kind === "all" ? (ws: BrowserSocket) => ws.data.hasSaidHello : (ws: BrowserSocket) => isSubscribed(ws, audience.conversationId);
    // Counted whether or not a socket takes it: a page away right now learns at its next welcome that it missed one.
    const entityRevision = message.kind === "entity" ? ++this.entities.revision : undefined;
    fanOut(this.sockets, wants, () => toFrame(message, entityRevision), (ws, text) => this.sendText(ws, text));
  }

  /** A deleted conversation: no socket stays subscribed to it. */
  private forget(conversationId: ConversationId): void {
    for (const ws of this.sockets) ws.data.subscriptions.delete(conversationId);
  }

  private send(ws: BrowserSocket, frame: ServerFrame): void {
    this.sendText(ws, JSON.stringify(frame));
  }

  /**
   * Writes a frame now, or, while a bus batch runs (a conversation's commit and what it publishes), holds it behind the
   * socket's other frames of the batch: each `send` outside a handler is a write of its own, and a turn start's five
   * frames cost five times one corked write (ADR 0315). Nothing waits beyond the batch's end, in the same tick.
   */
  private sendText(ws: BrowserSocket, text: string): void {
    const held = this.held.get(ws);
    if (held) held.push(text);
    else if (this.deps.bus.isBatching) this.held.set(ws, [text]);
    else this.write(ws, text);
  }

  /** The batch ended: each socket's held frames in order, several in one corked write. */
  private writeHeld(): void {
    if (this.held.size === 0) return;
    // No batch runs now, so nothing is added while this goes through them (a socket closed meanwhile is deleted).
    for (const [ws, texts] of this.held) {
      if (texts.length === 1) this.write(ws, texts[0]!);
      else ws.cork(() => texts.every((text) => this.write(ws, text)));
    }
    this.held.clear();
  }

  /** Hands one frame to the socket; false when the socket was closed for being too far behind. */
  private write(ws: BrowserSocket, text: string): boolean {
    const buffered = ws.getBufferedAmount();
    if (buffered > MAX_BUFFERED_BYTES) {
      ws.close(1013, "too far behind; reconnect and resume");
      return false;
    }
    const answer = ws.send(text);
    deltaTrace?.sent(text, buffered, answer);
    return true;
  }

  private fail(ws: BrowserSocket, code: ErrorCode, message: string, conversationId?: ConversationId): void {
    this.send(ws, { type: "error", code, message, ...(conversationId ? { conversationId } : {}) });
  }
}

function isSubscribed(ws: BrowserSocket, conversationId: ConversationId): boolean {
  return ws.data.hasSaidHello && ws.data.subscriptions.has(conversationId);
}
