import type { DomainEvent } from "../../shared/protocol/events.ts";
import type { Usage } from "../../shared/protocol/model.ts";
import type { CliResult } from "./cli-schemas.ts";
import type { CliExitInfo } from "./contracts.ts";
import { cancelAllPermissions } from "./translate-permissions.ts";
import type { TranslateContext } from "./translate-state.ts";
import { settleInFlight } from "./translate-stream.ts";
import { failRunningTools } from "./translate-tool-result.ts";
import { endRunningTasks } from "./translate-system.ts";

/**
 * `result` → `turn.completed`. `subtype: "success"` can carry `is_error: true` (API errors), so `is_error`
 * decides. When the turn was aborted (`terminal_reason: aborted_*`), main-thread tool calls that never got a
 * result are marked failed: the CLI sends none after the turn ends. Sub-agent calls are left alone, because a
 * background agent keeps running after the parent's `result` (2.1.330).
 */
export function translateResult(msg: CliResult, ctx: TranslateContext): DomainEvent[] {
  const settled = settleInFlight(ctx, (part) => ctx.messages.get(part.apiMessageId)?.parentToolUseId == null, "interrupted");
  ctx.streams.delete("");
  const aborted = msg.terminal_reason?.startsWith("aborted") === true;
  const failed = aborted
    ? failRunningTools(ctx, "Interrupted before the tool returned a result.", (e) => e.parentToolUseId === null)
    : [];
  const isError = msg.is_error ?? msg.subtype !== "success";
  const turn: DomainEvent = {
    type: "turn.completed",
    isError,
    subtype: msg.subtype,
    resultText: typeof msg.result === "string" ? (isError ? msg.result : preview(msg.result)) : null,
    errors: (msg.errors ?? []).map((e) => (typeof e === "string" ? e : JSON.stringify(e))),
    totalCostUsd: msg.total_cost_usd ?? null,
    usage: msg.usage ? usage(msg.usage) : null,
    numTurns: ctx.modelTurnsThisTurn,
    durationMs: msg.duration_ms ?? null,
    durationApiMs: msg.duration_api_ms ?? null,
    terminalReason: msg.terminal_reason ?? null,
    apiErrorStatus: msg.api_error_status ?? null,
  };
  // The CLI announces `requesting`/`compacting` but not their end: a result means it is idle again.
  const idle: DomainEvent[] = ctx.cliStatus === null ? [] : [{ type: "cli.status.changed", status: null, permissionMode: null }];
  ctx.cliStatus = null;
  // A turn with no answer from Claude (a local command: "Unknown command: /x") says what it did only in its result.
  const localOutput: DomainEvent[] = !isError && !ctx.hasAnswerThisTurn && typeof msg.result === "string" && msg.result.trim() ? [{ type: "notice", level: "info", text: preview(msg.result) }] : [];
  ctx.hasAnswerThisTurn = false;
  ctx.modelTurnsThisTurn = 0;
  ctx.interruptCause = null;
  return [...settled, ...failed, ...idle, ...localOutput, turn];
}

function usage(u: NonNullable<CliResult["usage"]>): Usage {
  return {
    inputTokens: u.input_tokens ?? 0,
    outputTokens: u.output_tokens ?? 0,
    cacheReadTokens: u.cache_read_input_tokens ?? 0,
    cacheCreationTokens: u.cache_creation_input_tokens ?? 0,
  };
}

/** Where the conversation's Claude session continues after this process (see `process.exited.handoff`). */
export type ExitHandoff = "terminal" | "chat" | "restart";

/** The process ended: running tool calls fail, pending permissions are cancelled, tasks end, then `process.exited`. */
export function translateExitEvents(
  ctx: TranslateContext,
  info: CliExitInfo,
  isExpected: boolean,
  reason: string,
  handoff: ExitHandoff | null = null,
): DomainEvent[] {
  // What was streamed stays, marked as cut short: the process ended before the part was complete.
  const settled = settleInFlight(ctx, () => true, "interrupted");
  ctx.streams.clear();
  const tools = failRunningTools(ctx, "The CLI process ended before the tool returned a result.", () => true);
  const permissions = cancelAllPermissions(ctx, "The CLI process ended.");
  const tasks = endRunningTasks(ctx, "Ended with the Claude Code process.");
  const exited: DomainEvent = {
    type: "process.exited",
    code: info.code,
    signal: info.signal,
    reason,
    stderrTail: info.stderrTail,
    isExpected,
    ...(handoff ? { handoff } : {}),
  };
  return [...settled, ...tools, ...permissions, ...tasks, exited];
}

/** Longest success preview kept on the turn event (notifications show 200 characters). */
const RESULT_PREVIEW_CHARS = 400;

/**
 * A successful turn's result is the answer already stored as the last assistant message: storing it again on the turn
 * event made every long answer cost twice at the end of the turn and three times in a history page.
 */
function preview(text: string): string {
  return text.length > RESULT_PREVIEW_CHARS ? `${text.slice(0, RESULT_PREVIEW_CHARS)}…` : text;
}
