import type { ClientFrame, ConversationId, ServerFrame } from "../../../shared/index.ts";
import { PROTOCOL_VERSION } from "../../../shared/protocol/version.ts";
import { inOrderOnceLoaded } from "./in-order-once-loaded.ts";
import { loadWireSchemas, type WireSchemas } from "./load-wire-schemas.ts";
import { pageBuild } from "./page-build.ts";

export type SocketStatus = "connecting" | "open" | "closed";

export interface SocketOptions {
  /** The last seq this tab holds for a conversation (0 for none); sent so the server replays only what is missing. */
  getAfterSeq: (id: ConversationId) => number;
  onFrame: (frame: ServerFrame) => void;
  onStatus: (status: SocketStatus, detail: string | null) => void;
  /**
   * An attempt ended before it opened. A refused upgrade (e.g. a device signed out while its socket was down) reaches
   * the page as a plain 1006, like a lost network: the caller can ask over HTTP, whose 401 says which it is.
   */
  onRefused?: () => void;
  /** The server answered the check made on waking (back online, or shown) over a socket that stayed open. */
  onReached?: () => void;
  /** The frame schemas' chunk did not load: frames were dropped, and the socket closed to resume once it loads. */
  onPartMissing?: () => void;
  /** Defaults to `/ws` on the page's origin (wss on https). */
  url?: string;
}

const PING_EVERY_MS = 20_000;
const PONG_TIMEOUT_MS = 10_000;
/** After coming back from the background, a socket that does not answer this fast is replaced. */
const WAKE_PONG_TIMEOUT_MS = 3_000;
/** Why the socket is down while the browser says the device is offline (the banner's words). */
const OFFLINE_DETAIL = "this device is offline";
const MAX_BACKOFF_MS = 15_000;
/** A connection attempt neither open nor failed by then (a handshake lost on a changing network) is given up and retried. */
const CONNECT_TIMEOUT_MS = 15_000;
/** The server closes a revoked or signed-out device's sockets with this code; reconnecting would not help. */
export const SIGNED_OUT_CLOSE_CODE = 4401;

/** The app build this page runs (compared with the server's on hello; a mismatch offers a reload). */
export const APP_VERSION: string = String(import.meta.env.VITE_APP_VERSION ?? "dev");

const frameListeners = new Set<(frame: ServerFrame) => void>();
const openListeners = new Set<() => void>();

/** Runs after every (re)connect's hello, so a feature can re-attach what it watched (e.g. terminals). */
export function onSocketOpen(listener: () => void): () => void {
  openListeners.add(listener);
  return () => openListeners.delete(listener);
}

/** Lets a feature see every validated server frame (presence, update offers) without owning the socket. */
export function onServerFrame(listener: (frame: ServerFrame) => void): () => void {
  frameListeners.add(listener);
  return () => frameListeners.delete(listener);
}

/**
 * The tab's one WebSocket: hello with per-conversation resume points, reconnect with backoff, heartbeat pings,
 * frames validated with the shared `ServerFrame` schema (a chunk the boot starts loading: frames that come before it
 * arrives wait for it, in order; ADR 0250).
 */
export class ChatSocket {
  private ws: WebSocket | null = null;
  private readonly subscriptions = new Set<ConversationId>();
  private attempt = 0;
  private isStopped = true;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private hasOpened = false;
  /** A wake's heartbeat is out: its pong says the server is reachable again (`onReached`). */
  private isWakeCheck = false;

  constructor(private readonly options: SocketOptions) {}

  start(): void {
    this.isStopped = false;
    this.connect();
    window.addEventListener("pageshow", this.onWake);
    window.addEventListener("online", this.onWake);
    window.addEventListener("offline", this.onOffline);
    document.addEventListener("visibilitychange", this.onWake);
  }

  stop(): void {
    this.isStopped = true;
    window.removeEventListener("pageshow", this.onWake);
    window.removeEventListener("online", this.onWake);
    window.removeEventListener("offline", this.onOffline);
    document.removeEventListener("visibilitychange", this.onWake);
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.connectTimer);
    this.stopHeartbeat();
    this.ws?.close(1000, "bye");
    this.ws = null;
  }

  /** Subscribes (or re-subscribes after a reset) and asks for everything after the seq we hold. */
  subscribe(id: ConversationId): void {
    this.subscriptions.add(id);
    this.send({ type: "subscribe", conversationId: id, afterSeq: this.options.getAfterSeq(id) });
  }

  unsubscribe(id: ConversationId): void {
    if (!this.subscriptions.delete(id)) return;
    this.send({ type: "unsubscribe", conversationId: id });
  }

  /**
   * Back from the background or the network changed: an open socket gets an immediate heartbeat (and is replaced
   * if it stays silent, as sockets of a suspended phone often are); a closed one reconnects without the backoff wait.
   * Either way the hello resumes every conversation from its last seq.
   */
  reconnectNow(): void {
    if (this.isStopped) return;
    if (this.ws?.readyState === WebSocket.OPEN) {
      this.isWakeCheck = true;
      return this.heartbeat(WAKE_PONG_TIMEOUT_MS);
    }
    clearTimeout(this.reconnectTimer);
    this.attempt = 0;
    this.connect();
  }

  private readonly onWake = () => {
    if (document.visibilityState === "visible") this.reconnectNow();
  };

  /**
   * The device lost its network: its socket cannot be live, though a silent one took up to a heartbeat and its pong's
   * wait (30 s) to notice, while a phone kept showing "Running" over a stream that had stopped coming.
   */
  private readonly onOffline = () => {
    const lost = this.ws;
    if (this.isStopped || !lost) return;
    this.scheduleReconnect(OFFLINE_DETAIL);
    lost.close(4000, "offline");
  };

  private connect(): void {
    this.ws?.close();
    const ws = new WebSocket(this.options.url ?? defaultUrl());
    this.ws = ws;
    this.hasOpened = false;
    this.options.onStatus("connecting", null);
    ws.onopen = () => this.onOpen(ws);
    ws.onmessage = (e: MessageEvent) => this.onMessage(e);
    ws.onclose = (e: CloseEvent) => this.onClose(ws, e);
    // An attempt refused before it began (an address the page may not reach) ends with an error and no close event:
    // without this the page would say "Connecting…" for good.
    ws.onerror = () => {
      if (ws.readyState === WebSocket.CLOSED) this.onClose(ws, new CloseEvent("close", { code: 1006 }));
    };
    clearTimeout(this.connectTimer);
    this.connectTimer = setTimeout(() => {
      if (ws !== this.ws || ws.readyState !== WebSocket.CONNECTING) return;
      this.scheduleReconnect("the server did not answer");
      ws.close();
    }, CONNECT_TIMEOUT_MS);
  }

  private onOpen(ws: WebSocket): void {
    if (ws !== this.ws) return;
    this.attempt = 0;
    this.hasOpened = true;
    const subscriptions = [...this.subscriptions].map((id) => ({ conversationId: id, afterSeq: this.options.getAfterSeq(id) }));
    this.send({ type: "hello", protocol: PROTOCOL_VERSION, appVersion: APP_VERSION, appBuild: pageBuild() ?? undefined, subscriptions });
    this.options.onStatus("open", null);
    this.startHeartbeat();
    for (const listener of openListeners) listener();
  }

  private onMessage(e: MessageEvent): void {
    if (typeof e.data === "string") this.receive(e.data);
  }

  private readonly receive = inOrderOnceLoaded(
    loadWireSchemas,
    (text: string, schemas) => this.handleFrame(text, schemas.ServerFrame),
    (error, dropped) => {
      // What was dropped comes again: the reconnect's hello resumes every conversation from the seq this tab holds.
      console.warn(`chatml: dropped ${dropped} frame(s): the frame schema did not load`, error);
      this.ws?.close(4001, "a part of the app did not load: reload the page");
      this.options.onPartMissing?.();
    },
  );

  private handleFrame(text: string, schema: WireSchemas["ServerFrame"]): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      console.warn("chatml: dropped a non-JSON frame", error);
      return;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      console.warn("chatml: dropped an invalid frame", parsed.error.issues.slice(0, 3));
      return;
    }
    if (parsed.data.type === "pong") this.onPong();
    this.options.onFrame(parsed.data);
    for (const listener of frameListeners) listener(parsed.data);
  }

  private onClose(ws: WebSocket, e: CloseEvent): void {
    if (ws !== this.ws) return;
    if (e.code === SIGNED_OUT_CLOSE_CODE) {
      this.stop();
      this.options.onStatus("closed", "signed out");
      this.options.onFrame({ type: "error", code: "unauthorized", message: e.reason || "This device was signed out." });
      return;
    }
    // The banner says this to the user: a close code (1006) means nothing to them; it stays in the console.
    if (e.code !== 1000 && !e.reason) console.info(`chatml: socket closed with code ${e.code}`);
    this.scheduleReconnect(e.reason || (e.code === 1000 ? null : "the connection to ChatML was lost"));
    if (!this.hasOpened) this.options.onRefused?.();
  }

  private onPong(): void {
    clearTimeout(this.pongTimer);
    if (!this.isWakeCheck) return;
    this.isWakeCheck = false;
    this.options.onReached?.();
  }

  private scheduleReconnect(detail: string | null): void {
    this.stopHeartbeat();
    this.isWakeCheck = false;
    this.ws = null;
    if (this.isStopped) return;
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt) * (0.75 + Math.random() / 2);
    this.attempt += 1;
    // While the device has no network each try fails as a lost connection would: the banner keeps saying why.
    this.options.onStatus("closed", navigator.onLine === false ? OFFLINE_DETAIL : detail);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.pingTimer = setInterval(() => this.heartbeat(PONG_TIMEOUT_MS), PING_EVERY_MS);
  }

  /** Pings; no pong in time means the link is dead even if the browser has not noticed: close and reconnect. */
  private heartbeat(timeoutMs: number): void {
    this.send({ type: "ping", t: Date.now() });
    clearTimeout(this.pongTimer);
    this.pongTimer = setTimeout(() => {
      const dead = this.ws;
      this.scheduleReconnect("the server stopped answering");
      dead?.close(4000, "no pong");
    }, timeoutMs);
  }

  private stopHeartbeat(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
  }

  /** Sends a frame if the socket is open; false when it is not (the caller re-sends on the next open). */
  send(frame: ClientFrame): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** True while the socket is open. */
  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }
}

function defaultUrl(): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/ws`;
}
