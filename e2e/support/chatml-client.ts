import type { ConversationId } from "../../shared/ids.ts";
import type { DurableEvent, EphemeralEvent } from "../../shared/protocol/events.ts";
import type { ServerFrame } from "../../shared/protocol/frames.ts";
import type { Conversation } from "../../shared/protocol/model.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";

type Received = { seq: number; event: DurableEvent };

/** A scripted ChatML client for end-to-end tests: REST with the Bearer token, one WebSocket with hello/replay. */
export class ChatmlClient {
  readonly events = new Map<string, Received[]>();
  readonly deltas = new Map<string, EphemeralEvent[]>();
  readonly frames: ServerFrame[] = [];
  /** Protocol violations seen (duplicates, gaps); tests assert it stays empty. */
  readonly anomalies: string[] = [];
  private socket: WebSocket | null = null;
  private waiters: (() => void)[] = [];
  private commandCounter = 0;

  constructor(private readonly server: { url: string; token: string }) {}

  async api<T = unknown>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const response = await fetch(`${this.server.url}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: { authorization: `Bearer ${this.server.token}`, "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`${path} → ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  commandId(): string {
    return `cmd${Date.now().toString(36)}x${(this.commandCounter++).toString(36)}`;
  }

  async startInFolder(path: string, extra: Record<string, unknown> = {}): Promise<Conversation> {
    const { conversation } = await this.api<{ conversation: Conversation }>("/api/start", { body: { path, ...extra } });
    return conversation;
  }

  send(conversationId: string, text: string): Promise<{ messageId: string }> {
    return this.api(`/api/conversations/${conversationId}/messages`, { body: { commandId: this.commandId(), text } });
  }

  answer(conversationId: string, requestId: string, body: Record<string, unknown>): Promise<unknown> {
    return this.api(`/api/conversations/${conversationId}/permissions/${requestId}`, { body: { commandId: this.commandId(), ...body } });
  }

  /** Sends a message and allows every permission request until its turn ends. */
  async turnAllowingAll(conversationId: string, text: string): Promise<void> {
    const before = this.list(conversationId).filter((e) => e.type === "turn.completed").length;
    const answered = new Set<string>();
    await this.send(conversationId, text);
    await this.waitUntil(() => {
      for (const event of this.list(conversationId)) {
        if (event.type !== "permission.requested" || answered.has(event.request.id)) continue;
        answered.add(event.request.id);
        void this.answer(conversationId, event.request.id, { decision: "allow" }).catch(() => undefined);
      }
      return this.list(conversationId).filter((e) => e.type === "turn.completed").length > before;
    }, 90_000, `turn "${text}"`);
  }

  interrupt(conversationId: string): Promise<unknown> {
    return this.api(`/api/conversations/${conversationId}/interrupt`, { body: { commandId: this.commandId() } });
  }

  /** Opens the socket and subscribes, resuming each conversation after the last seq this client holds. */
  async connect(conversationIds: string[]): Promise<void> {
    const wsUrl = this.server.url.replace(/^http/, "ws") + "/ws";
    const socket = new WebSocket(wsUrl, { headers: { authorization: `Bearer ${this.server.token}`, origin: this.server.url } } as unknown as string[]);
    this.socket = socket;
    socket.onmessage = (message) => this.receive(JSON.parse(String(message.data)) as ServerFrame);
    socket.onclose = () => this.notify();
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new Error("socket failed to open"));
    });
    const subscriptions = conversationIds.map((conversationId) => ({ conversationId, afterSeq: this.lastSeq(conversationId) }));
    socket.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION, subscriptions }));
    await this.waitUntil(() => conversationIds.every((id) => this.frames.some((f) => f.type === "replayed" && f.conversationId === id)), 10_000, "replay");
  }

  /** Types into a terminal over the socket (connect first) and waits until its output shows `expected`. */
  async typeInTerminal(terminalId: string, data: string, expected: string): Promise<void> {
    if (!this.socket) throw new Error("connect() before typing into a terminal");
    this.socket.send(JSON.stringify({ type: "terminal_attach", terminalId }));
    this.socket.send(JSON.stringify({ type: "terminal_input", terminalId, data }));
    const output = () => this.frames.map((f) => ((f.type === "terminal_output" || f.type === "terminal_snapshot") && f.terminalId === terminalId ? f.data : "")).join("");
    await this.waitUntil(() => output().includes(expected), 15_000, `"${expected}" in terminal ${terminalId}`);
  }

  disconnect(): void {
    this.socket?.close();
    this.socket = null;
  }

  lastSeq(conversationId: string): number {
    return this.events.get(conversationId)?.at(-1)?.seq ?? 0;
  }

  list(conversationId: string): DurableEvent[] {
    return (this.events.get(conversationId) ?? []).map((entry) => entry.event);
  }

  /** Waits for a durable event of a type (after `fromIndex`) that matches. */
  async waitForEvent<T extends DurableEvent["type"]>(
    conversationId: string,
    type: T,
    match: (event: Extract<DurableEvent, { type: T }>) => boolean = () => true,
    timeoutMs = 60_000,
  ): Promise<Extract<DurableEvent, { type: T }>> {
    let found: Extract<DurableEvent, { type: T }> | undefined;
    await this.waitUntil(
      () => {
        found = this.list(conversationId).find((event): event is Extract<DurableEvent, { type: T }> => event.type === type && match(event as Extract<DurableEvent, { type: T }>));
        return found !== undefined;
      },
      timeoutMs,
      `${type} in ${conversationId}`,
    );
    return found as Extract<DurableEvent, { type: T }>;
  }

  async waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; last events: ${JSON.stringify(this.frames.slice(-8)).slice(0, 3000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** All assistant text of a conversation, from its final parts. */
  assistantText(conversationId: ConversationId | string): string {
    return [...this.textParts(conversationId).values()].map((part) => part.text).join("\n");
  }

  /** The assistant's text parts by id as the durable events left them (updates, and the appends of ADR 0041). */
  textParts(conversationId: ConversationId | string): Map<string, { text: string; streamState: string | null }> {
    const parts = new Map<string, { text: string; streamState: string | null }>();
    for (const event of this.list(conversationId)) {
      if (event.type === "message.part.updated" && event.part.kind === "text") parts.set(event.part.id, { text: event.part.text, streamState: event.part.streamState ?? null });
      if (event.type === "message.part.appended" && event.kind === "text") {
        const before = parts.get(event.partId)?.text ?? "";
        parts.set(event.partId, { text: before.slice(0, event.offset) + event.text, streamState: event.streamState ?? null });
      }
      if (event.type === "message.created" && event.message.role === "assistant") {
        for (const part of event.message.parts) if (part.kind === "text") parts.set(part.id, { text: part.text, streamState: part.streamState ?? null });
      }
    }
    return parts;
  }

  private receive(frame: ServerFrame): void {
    this.frames.push(frame);
    if (frame.type === "event") {
      const list = this.events.get(frame.conversationId) ?? [];
      const last = list.at(-1)?.seq ?? 0;
      if (frame.seq !== last + 1) {
        this.anomalies.push(frame.seq <= last ? `duplicate seq ${frame.seq}` : `gap before seq ${frame.seq}`);
        if (frame.seq <= last) return;
      }
      list.push({ seq: frame.seq, event: frame.event });
      this.events.set(frame.conversationId, list);
    }
    if (frame.type === "delta") {
      const list = this.deltas.get(frame.conversationId) ?? [];
      list.push(frame.event);
      this.deltas.set(frame.conversationId, list);
    }
    this.notify();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
