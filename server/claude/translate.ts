import type { z } from "zod";
import { CONVERSATION_COMPACTED_NOTICE } from "../../shared/api/history-images.ts";
import type { MessageId, PermissionId } from "../../shared/ids.ts";
import type { DomainEvent, EphemeralEvent } from "../../shared/protocol/events.ts";
import type { Transport } from "../../shared/protocol/model.ts";
import {
  CliApiRetry,
  CliAssistant,
  CliBackgroundTasks,
  CliCanUseTool,
  CliCommandLifecycle,
  CliControlCancel,
  CliControlRequest,
  CliModelFallback,
  CliPermissionDenied,
  CliPromptSuggestion,
  CliRateLimitEvent,
  CliResult,
  CliStreamEvent,
  CliSystemInit,
  CliSystemStatus,
  CliTaskEvent,
  CliToolProgress,
  CliUser,
} from "./cli-schemas.ts";
import type { CliExitInfo, CliMessage, InterruptCause, TranslatorIds } from "./contracts.ts";
import { translateAssistant } from "./translate-assistant.ts";
import { recordAllowed, translateCanUseTool, translateControlCancel } from "./translate-permissions.ts";
import { translateExitEvents, translateResult, type ExitHandoff } from "./translate-result.ts";
import { createContext, notice, type PendingPermission, type TranslateContext, type TranslatorStats } from "./translate-state.ts";
import { checkpointInFlight, hasInFlightText, inFlightSnapshot, translateStreamEvent } from "./translate-stream.ts";
import { translateApiRetry, translateBackgroundTasks, translateInit, translateModelChosen, translateModelFallback, translatePermissionDenied, translateRateLimit, translateStatus, translateTask } from "./translate-system.ts";
import { translateUser } from "./translate-user.ts";
import { lifecycleSnapshot, notePromptSent, translateCommandLifecycle, translatePromptSuggestion } from "./translate-lifecycle.ts";
import { isPlainBlockDelta } from "./stream-delta-guard.ts";
import { messageOf } from "../../shared/error-message.ts";

export type { PendingPermission, TranslatorStats } from "./translate-state.ts";

type Handler = (msg: CliMessage, ctx: TranslateContext) => DomainEvent[] | "invalid";

/** Validates a line with its schema, then runs the handler; a line that does not fit counts as invalid. */
function handle<S extends z.ZodType>(schema: S, run: (data: z.infer<S>, ctx: TranslateContext) => DomainEvent[]): Handler {
  return (msg, ctx) => {
    const parsed = schema.safeParse(msg);
    return parsed.success ? run(parsed.data, ctx) : "invalid";
  };
}

/** Control requests other than can_use_tool (hook_callback, mcp_message, …) are answered by the runtime. */
const controlRequest: Handler = (msg, ctx) => {
  if (!CliControlRequest.safeParse(msg).success) return "invalid";
  const request = msg["request"] as { subtype: string };
  return request.subtype === "can_use_tool" ? handle(CliCanUseTool, translateCanUseTool)(msg, ctx) : [];
};

/** Stream events other than plain deltas (the hot path skips zod, see stream-delta-guard.ts). */
const streamEventChecked = handle(CliStreamEvent, translateStreamEvent);

/** Handlers by `type`, or `system/<subtype>` for system lines. */
const HANDLERS = new Map<string, Handler>([
  ["assistant", handle(CliAssistant, translateAssistant)],
  ["user", handle(CliUser, translateUser)],
  ["stream_event", (msg, ctx) => (isPlainBlockDelta(msg) ? translateStreamEvent(msg, ctx) : streamEventChecked(msg, ctx))],
  ["result", handle(CliResult, translateResult)],
  ["control_request", controlRequest],
  ["control_cancel_request", handle(CliControlCancel, (m, ctx) => translateControlCancel(m.request_id, ctx))],
  ["tool_progress", handle(CliToolProgress, (m) => [{ type: "tool.progressed", toolUseId: m.tool_use_id, elapsedSeconds: m.elapsed_time_seconds ?? null }])],
  ["system/init", handle(CliSystemInit, translateInit)],
  ["system/status", handle(CliSystemStatus, translateStatus)],
  ["system/api_retry", handle(CliApiRetry, translateApiRetry)],
  ["rate_limit_event", handle(CliRateLimitEvent, translateRateLimit)],
  ["system/model_refusal_fallback", handle(CliModelFallback, translateModelFallback)],
  ["system/model_refusal_no_fallback", handle(CliModelFallback, translateModelFallback)],
  ["system/permission_denied", handle(CliPermissionDenied, translatePermissionDenied)],
  ["system/background_tasks_changed", handle(CliBackgroundTasks, translateBackgroundTasks)],
  ["prompt_suggestion", handle(CliPromptSuggestion, (m, ctx) => translatePromptSuggestion(m, ctx.lifecycle))],
  ["command_lifecycle", handle(CliCommandLifecycle, (m, ctx) => translateCommandLifecycle(m, ctx.lifecycle))],
  ["system/compact_boundary", (_msg, ctx) => ((ctx.isSummaryNext = true), [notice("info", CONVERSATION_COMPACTED_NOTICE)])],
  ...["task_started", "task_progress", "task_updated", "task_notification"].map(
    (sub): [string, Handler] => [`system/${sub}`, handle(CliTaskEvent, translateTask)],
  ),
]);

/**
 * Known lines that carry nothing for the user, or that the runtime handles before the translator
 * (control_response). Kept explicit so a new type shows up in `stats.unknownTypes` instead.
 */
const IGNORED = new Set([
  "keep_alive",
  "control_response",
  "tool_use_summary",
  "auth_status",
  "conversation_reset",
  "active_goal",
  ...[
    "thinking_tokens",
    "hook_started",
    "hook_progress",
    "hook_response",
    "local_command_output",
    "session_state_changed",
    "files_persisted",
    "memory_recall",
    "commands_changed",
    "control_request_progress",
    "elicitation_complete",
    "plugin_install",
    "worker_shutting_down",
  ].map((sub) => `system/${sub}`),
]);

function routeKey(msg: CliMessage): string {
  if (msg.type !== "system") return msg.type;
  return typeof msg["subtype"] === "string" ? `system/${msg["subtype"]}` : "system/?";
}

/**
 * The pure anti-corruption layer: CLI lines in, domain events out (one instance per CLI process).
 * Never throws: unknown types are counted in `stats.unknownTypes`, lines that do not fit their schema in
 * `stats.invalid`.
 */
export class CliTranslator {
  readonly stats: TranslatorStats = { unknownTypes: {}, invalid: 0 };
  readonly #ctx: TranslateContext;

  readonly #onUnknownType: ((key: string) => void) | undefined;

  /** `onUnknownType` hears the first line of each type the translator does not know (for a log line). */
  constructor(opts: { ids: TranslatorIds; now: () => number; transport: Transport | null; onUnknownType?: (key: string) => void }) {
    const { onUnknownType, ...context } = opts;
    this.#ctx = createContext(context);
    this.#onUnknownType = onUnknownType;
  }

  /** Translates one CLI line into domain events (durable and ephemeral, in order). */
  translate(msg: CliMessage): DomainEvent[] {
    const key = routeKey(msg);
    if (IGNORED.has(key)) return [];
    const handler = HANDLERS.get(key);
    if (!handler) return this.#unknown(key);
    try {
      const events = handler(msg, this.#ctx);
      if (events !== "invalid") return events;
      this.stats.invalid++;
      return [];
    } catch (error) {
      // A bug here must not take the conversation down: report it as a notice and carry on.
      this.stats.invalid++;
      return [notice("error", `Could not translate a CLI ${key} line: ${messageOf(error)}`)];
    }
  }

  /**
   * A type ChatML does not know: counted (the drift test fails on any), logged once, and said once in the
   * conversation, so a newer CLI's message never vanishes silently.
   */
  #unknown(key: string): DomainEvent[] {
    this.stats.unknownTypes[key] = (this.stats.unknownTypes[key] ?? 0) + 1;
    if (this.stats.unknownTypes[key] !== 1) return [];
    this.#onUnknownType?.(key);
    const name = key.length > 60 ? `${key.slice(0, 60)}…` : key;
    return [notice("info", `Claude Code sent a kind of message ChatML does not understand yet (${name}); it was skipped.`)];
  }

  /** The CLI took a `set_model` (see translateModelChosen). */
  modelChosen(model: string | null): DomainEvent[] {
    return translateModelChosen(model, this.#ctx);
  }

  /** The raw CLI request behind a pending permission, for `encodePermissionAnswer`. */
  pendingPermission(id: PermissionId): PendingPermission | undefined {
    return this.#ctx.permissions.get(id);
  }

  /**
   * The runtime answered the permission: stop tracking it. Must be called on answer, or a later tool result
   * or exit would report the permission as cancelled. An allowed tool's part is updated: it starts now, and shows
   * the input the user edited, if they did, so history shows what ran (and what Claude had proposed).
   */
  settlePermission(id: PermissionId, updatedInput?: Record<string, unknown>, decision: "allow" | "deny" = "allow"): DomainEvent[] {
    const pending = this.#ctx.permissions.get(id);
    this.#ctx.permissions.delete(id);
    if (decision === "deny" && pending?.toolUseId) this.#ctx.deniedToolUses.set(pending.toolUseId, true);
    return pending && decision === "allow" ? recordAllowed(this.#ctx, pending, updatedInput) : [];
  }

  /**
   * `isReset` deltas describing partially streamed parts, for a socket joining mid-stream. A snapshot: the
   * translator keeps tracking the parts.
   */
  takeInFlightParts(): EphemeralEvent[] {
    return [...inFlightSnapshot(this.#ctx), ...lifecycleSnapshot(this.#ctx.lifecycle)];
  }

  /** ChatML interrupted the running turn for `cause` (null: the CLI refused it); requests withdrawn before the turn's result say so. */
  interruptSent(cause: InterruptCause | null): void {
    this.#ctx.interruptCause = cause;
  }

  /** ChatML wrote a prompt (with `uuid` = `promptUuidOf(messageId)`): its lifecycle lines are shown on that message. */
  promptSent(messageId: MessageId): void {
    notePromptSent(this.#ctx.lifecycle, messageId);
  }

  /** Durable `streaming` snapshots of text and thinking parts that grew since their last checkpoint (see ADR 0001). */
  checkpointInFlight(): DomainEvent[] {
    return checkpointInFlight(this.#ctx);
  }

  /** True while a text or thinking part is being streamed. */
  get hasInFlightText(): boolean {
    return hasInFlightText(this.#ctx);
  }

  /**
   * True while the CLI still owes something after its turn: a permission, question or plan waiting for an answer,
   * a tool without its result, or a background task (sub-agent, shell) still running. Such a CLI must not be put to
   * sleep.
   */
  get hasPendingWork(): boolean {
    if (this.#ctx.permissions.size > 0 || this.#ctx.tools.size > 0) return true;
    for (const task of this.#ctx.tasks.values()) if (task.status === "running") return true;
    return (this.#ctx.backgroundTaskIds?.size ?? 0) > 0;
  }

  /** The process ended: running tools fail, pending permissions are cancelled, then `process.exited`. */
  translateExit(info: CliExitInfo, isExpected: boolean, reason: string, handoff: ExitHandoff | null = null): DomainEvent[] {
    return translateExitEvents(this.#ctx, info, isExpected, reason, handoff);
  }
}
