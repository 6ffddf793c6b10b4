import type { MessageId, PartId, PermissionId } from "../../shared/ids.ts";
import type { DomainEvent } from "../../shared/protocol/events.ts";
import type { PermissionRequest, ToolPart, Transport } from "../../shared/protocol/model.ts";
import type { InterruptCause, TranslatorIds } from "./contracts.ts";

/** What the runtime needs to answer a permission request later. Raw CLI data, so it stays in server/claude/. */
export type PendingPermission = {
  cliRequestId: string;
  toolUseId: string | null;
  toolName: string;
  input: unknown;
  /** The CLI's own suggestion objects, by index; our suggestion ids are `String(index)`. */
  rawSuggestions: unknown[];
  kind: PermissionRequest["kind"];
};

/** Counters of lines the translator could not use; a drift signal, never an error. */
export type TranslatorStats = { unknownTypes: Record<string, number>; invalid: number };

/** One API message (one `message.id`) we have announced. */
export type MessageState = {
  id: MessageId;
  parentToolUseId: string | null;
  /** Number of content blocks seen in `assistant` lines; the next line's block has this index. */
  blockCount: number;
  /** Part id per content-block index, shared by stream deltas and the complete `assistant` line. */
  partIds: Map<number, PartId>;
  /**
   * Text of blocks a `content_block_stop` already committed, by block index, until the block's `assistant` line
   * comes: the same text is not committed a second time (CLIs may write that line after the stop).
   */
  settled: Map<number, string>;
};

export type ToolEntry = { messageId: MessageId; parentToolUseId: string | null; part: ToolPart };

/** A content block being streamed: its text so far, for sockets that join mid-stream. */
export type InFlightPart = {
  messageId: MessageId;
  apiMessageId: string;
  index: number;
  partId: PartId;
  kind: "text" | "thinking" | "tool";
  toolName: string | null;
  text: string;
  /** Length of `text` when it was last checkpointed durably (0 = never). */
  checkpointedLength: number;
};

export type TaskState = {
  toolUseId: string | null;
  description: string | null;
  summary: string | null;
  lastToolName: string | null;
  isBackground: boolean;
  status: "running" | "completed" | "failed" | "stopped";
  /** The last event we emitted, serialised, so repeats are not re-emitted. */
  lastKey: string;
};

/** A Map that forgets its oldest entries beyond `limit`, so a long-lived process cannot grow it without bound. */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly #limit: number;
  constructor(limit: number) {
    super();
    this.#limit = limit;
  }
  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.#limit) {
      const oldest = this.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return super.set(key, value);
  }
}

/** What the translator remembers of the prompts ChatML sent and the suggestion on offer (translate-lifecycle.ts). */
export type LifecycleMemory = {
  /** Prompts ChatML sent, by the `uuid` they were sent with (`promptUuidOf`). */
  prompts: BoundedMap<string, MessageId>;
  /** The last state said per prompt that has not finished, for a device that joins meanwhile. */
  open: Map<MessageId, "queued" | "started">;
  /** The suggestion on offer; null once ChatML sends the next prompt. */
  suggestion: string | null;
  /** States the CLI said that ChatML does not know yet: said once each. */
  unknownStates: Set<string>;
};

/** Everything the translator remembers about one CLI process, shared by the translate-*.ts helpers. */
export type TranslateContext = {
  ids: TranslatorIds;
  now: () => number;
  transport: Transport | null;
  /** By API message id. */
  messages: BoundedMap<string, MessageState>;
  /** Tool calls still waiting for their result, by tool_use_id. */
  tools: Map<string, ToolEntry>;
  /** Tool calls we marked failed ourselves (abort, exit); a late real result still replaces that state. */
  closedTools: BoundedMap<string, ToolEntry>;
  inFlight: Map<PartId, InFlightPart>;
  /** The API message currently streaming per thread ("" = main thread, else parent_tool_use_id). */
  streams: Map<string, string>;
  permissions: Map<PermissionId, PendingPermission>;
  /** Tool calls whose permission the user denied, so their error result reads as "denied" (CLIs without meta). */
  deniedToolUses: BoundedMap<string, true>;
  tasks: BoundedMap<string, TaskState>;
  /** Task ids in the CLI's last `background_tasks_changed` list (null until one came: 2.1.119 never sends it). */
  backgroundTaskIds: Set<string> | null;
  /** The last `cli.session.updated` we emitted, serialised. */
  lastSessionKey: string | null;
  /** The last `rate_limit.updated` we emitted, serialised. */
  lastRateLimitKey: string | null;
  /** MCP servers the last init listed as failed (each failure is said once, again only after it recovered). */
  failedMcpServers: Set<string>;
  /** The CLI's last reported activity (`requesting`, `compacting`); it never reports the return to idle. */
  cliStatus: string | null;
  /**
   * Whether Claude answered on the main thread since the last result: a turn that ends without an answer (a local
   * command, such as an unknown /command) has nothing but its result's text to show.
   */
  hasAnswerThisTurn: boolean;
  /**
   * Requests to the model on the main thread since the last result. The result's `num_turns` is not that count: a turn
   * interrupted after one request says 2 or 3 (the CLI counts the interruption's own messages).
   */
  modelTurnsThisTurn: number;
  /**
   * A compaction just ended (`compact_boundary`): the CLI follows it with its summary as a synthetic user line, which is
   * neither the user's words nor a stream cut off mid-way.
   */
  isSummaryNext: boolean;
  /** ChatML interrupted the running turn, and why: the requests the CLI withdraws until its result say who stopped it. */
  interruptCause: InterruptCause | null;
  lifecycle: LifecycleMemory;
};

/** Makes a fresh, empty context. */
export function createContext(opts: { ids: TranslatorIds; now: () => number; transport: Transport | null }): TranslateContext {
  return {
    ...opts,
    messages: new BoundedMap(1000),
    tools: new Map(),
    closedTools: new BoundedMap(500),
    inFlight: new Map(),
    streams: new Map(),
    permissions: new Map(),
    deniedToolUses: new BoundedMap(500),
    tasks: new BoundedMap(500),
    backgroundTaskIds: null,
    cliStatus: null,
    hasAnswerThisTurn: false,
    modelTurnsThisTurn: 0,
    isSummaryNext: false,
    interruptCause: null,
    lastSessionKey: null,
    lastRateLimitKey: null,
    failedMcpServers: new Set(),
    lifecycle: { prompts: new BoundedMap(200), open: new Map(), suggestion: null, unknownStates: new Set() },
  };
}

/** The part id for a block of a message, made on first use. */
export function partIdAt(ctx: TranslateContext, message: MessageState, index: number): PartId {
  const known = message.partIds.get(index);
  if (known) return known;
  const id = ctx.ids.partId();
  message.partIds.set(index, id);
  return id;
}

/** A notice event; the one way the translator reports oddities to the user. */
export function notice(level: "info" | "warning" | "error", text: string): DomainEvent {
  return { type: "notice", level, text };
}
