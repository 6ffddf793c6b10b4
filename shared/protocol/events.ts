import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { MessageId, PartId, PermissionId } from "../ids.ts";
import {
  ConversationStatus,
  Message,
  ModelOption,
  Part,
  PermissionMode,
  PermissionRequest,
  SlashCommand,
  StreamState,
  Transport,
  Usage,
} from "./model.ts";
import { ContextUsage } from "./context-usage.ts";

/**
 * Durable domain events of one conversation. Each gets a gap-free per-conversation `seq`, is committed to SQLite,
 * and only then sent to browsers. Names are dotted and past tense.
 */
export const DurableEvent = lazySchema(() => z.discriminatedUnion("type", [
  z.object({
    type: z.literal("conversation.status.changed"),
    status: ConversationStatus,
    reason: z.string().nullable(),
  }),
  /** The CLI reported (or changed) its session facts: emitted on the first `system/init` and whenever one differs. */
  z.object({
    type: z.literal("cli.session.updated"),
    cliSessionId: z.string(),
    cliVersion: z.string().nullable(),
    model: z.string().nullable(),
    permissionMode: z.string().nullable(),
    cwd: z.string().nullable(),
    tools: z.array(z.string()),
    slashCommands: z.array(z.string()),
    transport: Transport.nullable(),
    /** The MCP servers this CLI sees and their status at the turn's start (`source` on 2.1.330 only). */
    mcpServers: z.array(z.object({ name: z.string(), status: z.string(), source: z.string().nullable() })).optional(),
  }),
  /** Answer to `initialize`: what the UI needs for autocomplete and pickers. */
  z.object({
    type: z.literal("cli.capabilities.listed"),
    commands: z.array(SlashCommand),
    models: z.array(ModelOption),
    account: z.record(z.string(), z.unknown()).nullable(),
  }),
  z.object({
    type: z.literal("cli.status.changed"),
    /** e.g. `compacting`, `requesting`, or null when idle again. */
    status: z.string().nullable(),
    permissionMode: PermissionMode.nullable(),
  }),
  z.object({ type: z.literal("message.created"), message: Message }),
  /** A part's full new state (added or replaced). */
  z.object({ type: z.literal("message.part.updated"), messageId: MessageId, part: Part }),
  /**
   * What a text or thinking part gained since its previous checkpoint (ADR 0041): its text becomes its text up to
   * `offset` (UTF-16 code units) followed by `text`, and its `streamState` this one (absent: complete). A part not
   * stored yet starts as `text`. Checkpoints of a streaming answer store only what is new, not the answer so far.
   */
  z.object({
    type: z.literal("message.part.appended"),
    messageId: MessageId,
    partId: PartId,
    kind: z.enum(["text", "thinking"]),
    offset: z.number().int().nonnegative(),
    text: z.string(),
    streamState: StreamState.optional(),
  }),
  z.object({ type: z.literal("permission.requested"), request: PermissionRequest }),
  z.object({
    type: z.literal("permission.resolved"),
    requestId: PermissionId,
    outcome: z.enum(["allowed", "denied", "cancelled"]),
    message: z.string().nullable(),
    /** The device that answered (its name), so another device showing the same request can say who decided. */
    decidedBy: z.string().nullable().optional(),
  }),
  z.object({
    type: z.literal("turn.completed"),
    isError: z.boolean(),
    /** The CLI's subtype (`success`, `error_during_execution`, …). `success` with isError means an API error. */
    subtype: z.string(),
    /** An error's full text; for a success only a preview (the answer itself is the last assistant message). */
    resultText: z.string().nullable(),
    errors: z.array(z.string()),
    /** Cumulative for the CLI session. */
    totalCostUsd: z.number().nullable(),
    usage: Usage.nullable(),
    numTurns: z.number().nullable(),
    durationMs: z.number().nullable(),
    durationApiMs: z.number().nullable(),
    terminalReason: z.string().nullable(),
    apiErrorStatus: z.number().nullable(),
  }),
  z.object({
    type: z.literal("api.retrying"),
    attempt: z.number(),
    maxRetries: z.number(),
    delayMs: z.number(),
    errorStatus: z.number().nullable(),
    error: z.string().nullable(),
  }),
  /**
   * The account's rate limit as the CLI reports it (`rate_limit_event`, subscription sign-ins): `rejected` means
   * requests are refused until `resetsAt` (epoch ms, null when unknown).
   */
  z.object({
    type: z.literal("rate_limit.updated"),
    status: z.string(),
    resetsAt: z.number().nullable(),
    limitType: z.string().nullable(),
    utilization: z.number().nullable(),
  }),
  /** A sub-agent's lifecycle (Task/Agent tool), attributed to its tool call. */
  z.object({
    type: z.literal("task.updated"),
    taskId: z.string(),
    toolUseId: z.string().nullable(),
    status: z.enum(["running", "completed", "failed", "stopped"]),
    description: z.string().nullable(),
    summary: z.string().nullable(),
    lastToolName: z.string().nullable(),
    isBackground: z.boolean(),
  }),
  /**
   * How full the context window is after a turn (`get_context_usage`). `usage` is null when the running CLI cannot
   * say; `unavailableReason` then tells why, and the UI falls back to the last turn's token counts.
   */
  z.object({
    type: z.literal("context.usage.updated"),
    usage: ContextUsage.nullable(),
    unavailableReason: z.string().nullable(),
  }),
  z.object({
    type: z.literal("process.exited"),
    code: z.number().nullable(),
    signal: z.string().nullable(),
    /** Human-readable reason, e.g. "killed by SIGKILL" or "stopped by the user". */
    reason: z.string(),
    stderrTail: z.string(),
    /** True when we asked it to stop; false when it died on its own. */
    isExpected: z.boolean(),
    /**
     * The conversation goes on elsewhere: in its interactive terminal (this `claude -p` was stopped for it), or in
     * chat mode again (this was the interactive terminal, now ended), or in a new `claude -p` started at once with
     * `--resume` (a switch into bypass, ADR 0104). Absent on a plain exit.
     */
    handoff: z.enum(["terminal", "chat", "restart"]).optional(),
  }),
  z.object({
    type: z.literal("notice"),
    level: z.enum(["info", "warning", "error"]),
    text: z.string(),
  }),
]));
export type DurableEvent = z.infer<typeof DurableEvent>;
export type DurableEventType = DurableEvent["type"];

/** Ephemeral events: streaming deltas and progress ticks. Never stored; the next durable update carries the truth. */
export const EphemeralEvent = lazySchema(() => z.discriminatedUnion("type", [
  z.object({
    type: z.literal("message.part.delta"),
    messageId: MessageId,
    partId: PartId,
    partKind: z.enum(["text", "thinking", "tool"]),
    /** For tool parts: the tool's name, known from the block start. */
    toolName: z.string().nullable(),
    delta: z.string(),
    /** True when `delta` is the whole text so far (sent to a device that joins mid-stream). */
    isReset: z.boolean(),
  }),
  z.object({ type: z.literal("tool.progressed"), toolUseId: z.string(), elapsedSeconds: z.number().nullable() }),
  z.object({ type: z.literal("turn.progressed"), outputTokens: z.number() }),
  /**
   * Claude Code's guess at the user's next prompt, after a turn (setting `promptSuggestions`, ADR 0038). Shown as a chip
   * above the composer until the user types, sends, or a new turn starts; repeated to a device that joins meanwhile.
   */
  z.object({ type: z.literal("prompt.suggested"), suggestion: z.string() }),
  /**
   * Where a sent user message is in Claude Code's own queue (`command_lifecycle`, 2.1.330+): `queued` while an earlier
   * turn runs, `started`, then `completed`, or `cancelled` (interrupted, or withdrawn before it ran). ADR 0038.
   */
  z.object({ type: z.literal("message.lifecycle"), messageId: MessageId, state: z.enum(["queued", "started", "completed", "cancelled"]) }),
]));
export type EphemeralEvent = z.infer<typeof EphemeralEvent>;

/** Any event the translator may produce. */
export type DomainEvent = DurableEvent | EphemeralEvent;

/** The `type`s of ephemeral events, read from the schema on the first call (the schema is built lazily). */
let ephemeralTypes: ReadonlySet<string> | null = null;

export function isEphemeral(event: DomainEvent): event is EphemeralEvent {
  ephemeralTypes ??= new Set(EphemeralEvent.options.map((o) => o.shape.type.value));
  return ephemeralTypes.has(event.type);
}

/** A turn began: the conversation went to `running`. */
export function isTurnStart(event: DomainEvent): boolean {
  return event.type === "conversation.status.changed" && event.status === "running";
}

/** A turn is over: it completed, or its process exited (a turn cut short ends there too). */
export function isTurnEnd(event: DomainEvent): boolean {
  return event.type === "turn.completed" || event.type === "process.exited";
}

/** A durable event as stored and sent: with its conversation seq and the time it was recorded. */
export const SequencedEvent = lazySchema(() => z.object({
  seq: z.number().int().positive(),
  at: z.number(),
  event: DurableEvent,
}));
export type SequencedEvent = z.infer<typeof SequencedEvent>;
