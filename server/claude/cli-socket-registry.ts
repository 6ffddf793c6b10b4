import { timingSafeEqual } from "../lib/web-crypto.ts";

/** The slice of a server-side WebSocket the registry needs (Bun's `ServerWebSocket` fits). */
export type CliSocket = {
  /** Bun returns 0 when the frame was dropped (socket closing); the frame is then queued for the next socket. */
  send(data: string): number | void;
  close(code?: number, reason?: string): void;
};

/** What the owner of a key (the sdk-url transport) hears from its socket. */
export type CliSocketHandler = {
  onAttach(): void;
  onFrame(data: string | Uint8Array): void;
  onDetach(code: number): void;
};

/** Close code the CLI treats as permanent: it does not reconnect and exits. */
export const PERMANENT_CLOSE_CODE = 4001;
/** How many host lines we hold while no socket is attached. */
const MAX_QUEUED_LINES = 10_000;

type Entry = {
  secret: Buffer;
  handler: CliSocketHandler;
  socket: CliSocket | null;
  queue: string[];
  isClosing: boolean;
};

/**
 * The `/ws/cli/:key` endpoint's state, independent of any server framework. Only a process we launched (known key,
 * matching per-process secret) may attach; a reconnect replaces the old socket; lines sent while no socket is attached
 * are queued and flushed on (re)attach.
 */
export class CliSocketRegistry {
  private readonly entries = new Map<string, Entry>();

  /** Registers a key we are about to hand to a CLI; the secret goes to it as CLAUDE_CODE_SESSION_ACCESS_TOKEN. */
  expect(key: string, handler: CliSocketHandler): { secret: string } {
    if (this.entries.has(key)) throw new Error(`cli socket key already registered: ${key}`);
    const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
    this.entries.set(key, { secret: Buffer.from(secret), handler, socket: null, queue: [], isClosing: false });
    return { secret };
  }

  /** True when `key` is expected and the upgrade's `Authorization` header carries its secret. */
  authorize(key: string, authorizationHeader: string | null | undefined): boolean {
    const entry = this.entries.get(key);
    const token = /^Bearer (.+)$/.exec(authorizationHeader ?? "")?.[1];
    if (!entry || !token) return false;
    const given = Buffer.from(token);
    return given.length === entry.secret.length && timingSafeEqual(given, entry.secret);
  }

  /** Attaches an upgraded socket (call after `authorize`); replaces an older one and flushes the queue. */
  onOpen(key: string, socket: CliSocket): boolean {
    const entry = this.entries.get(key);
    if (!entry || entry.isClosing) {
      socket.close(PERMANENT_CLOSE_CODE, entry ? "closing" : "unknown key");
      return false;
    }
    const previous = entry.socket;
    entry.socket = socket;
    if (previous) previous.close(1000, "replaced");
    const queued = entry.queue.splice(0);
    for (const line of queued) this.deliver(entry, line);
    entry.handler.onAttach();
    return true;
  }

  /** A frame from the CLI; frames from a replaced socket are ignored (the CLI replays on its new one). */
  onMessage(key: string, socket: CliSocket, data: string | Uint8Array): void {
    const entry = this.entries.get(key);
    if (entry?.socket === socket) entry.handler.onFrame(data);
  }

  /** The socket closed; only the current socket's close detaches. */
  onClose(key: string, socket: CliSocket, code: number): void {
    const entry = this.entries.get(key);
    if (entry?.socket !== socket) return;
    entry.socket = null;
    entry.handler.onDetach(code);
  }

  /** Sends (or queues, while detached) one line; false when the key is unknown, closing, or the queue is full. */
  send(key: string, line: string): boolean {
    const entry = this.entries.get(key);
    if (!entry || entry.isClosing) return false;
    if (!entry.socket && entry.queue.length >= MAX_QUEUED_LINES) return false;
    this.deliver(entry, line);
    return true;
  }

  /** True while a socket is attached for `key`. */
  isAttached(key: string): boolean {
    return Boolean(this.entries.get(key)?.socket);
  }

  /** Ends the conversation with the CLI: closes its socket with 4001 now and any later attach too. */
  close(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.isClosing = true;
    entry.queue = [];
    entry.socket?.close(PERMANENT_CLOSE_CODE, "closed by host");
  }

  /** Forgets `key` (its process has exited); a socket still attached is closed with 4001. */
  release(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    entry.socket?.close(PERMANENT_CLOSE_CODE, "released");
  }

  private deliver(entry: Entry, line: string): void {
    if (!entry.socket || entry.socket.send(line) === 0) entry.queue.push(line);
  }
}
