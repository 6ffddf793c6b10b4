import type { z } from "zod";
import type { DomainEvent, DurableEvent } from "../../shared/protocol/events.ts";
import { PermissionMode } from "../../shared/protocol/model.ts";
import type { CliApiRetry, CliBackgroundTasks, CliModelFallback, CliPermissionDenied, CliRateLimitEvent, CliSystemInit, CliSystemStatus, CliTaskEvent } from "./cli-schemas.ts";
import { notice, type TaskState, type TranslateContext } from "./translate-state.ts";

/**
 * `system/init` repeats every turn: emit `cli.session.updated` only when a field changed. An MCP server that failed
 * to start is said in the conversation (its tools are missing from the turn, which nothing else shows there).
 */
export function translateInit(msg: CliSystemInit, ctx: TranslateContext): DomainEvent[] {
  const servers = mcpServers(msg.mcp_servers);
  const failures = newlyFailedMcpServers(servers, ctx);
  const event: DurableEvent = {
    type: "cli.session.updated",
    cliSessionId: msg.session_id,
    cliVersion: msg.claude_code_version ?? null,
    model: msg.model ?? null,
    permissionMode: msg.permissionMode ?? null,
    cwd: msg.cwd ?? null,
    tools: strings(msg.tools),
    slashCommands: strings(msg.slash_commands),
    transport: ctx.transport,
    mcpServers: servers,
  };
  const key = JSON.stringify(event);
  if (key === ctx.lastSessionKey) return failures;
  ctx.lastSessionKey = key;
  return [event, ...failures];
}

/**
 * The CLI took a `set_model`: the session facts name the chosen model at once. The CLI says it only in the next turn's
 * `system/init`, so until then every device's status line named the model it had left. The default (null) is said as
 * not known until that init names it. Nothing before the first init (no facts to change) or when nothing changed; the
 * next init emits again only if it says otherwise (an alias the CLI reports by its full name).
 */
export function translateModelChosen(model: string | null, ctx: TranslateContext): DomainEvent[] {
  if (ctx.lastSessionKey === null) return [];
  const last = JSON.parse(ctx.lastSessionKey) as Extract<DurableEvent, { type: "cli.session.updated" }>;
  if (last.model === model) return [];
  const event: DurableEvent = { ...last, model };
  ctx.lastSessionKey = JSON.stringify(event);
  return [event];
}

/** A notice for each server failed in this init that was not failed in the last one. */
function newlyFailedMcpServers(servers: { name: string; status: string }[], ctx: TranslateContext): DomainEvent[] {
  const failed = servers.filter((server) => server.status === "failed").map((server) => server.name);
  const news = failed.filter((name) => !ctx.failedMcpServers.has(name));
  ctx.failedMcpServers = new Set(failed);
  return news.map((name) => notice("warning", `The MCP server “${name}” failed to start, so Claude works without its tools. Session controls → MCP servers shows why and can reconnect it.`));
}

/** `system/status`: requesting/compacting, and the permission mode whenever it changes. */
export function translateStatus(msg: z.infer<typeof CliSystemStatus>, ctx: TranslateContext): DomainEvent[] {
  // Modes outside our enum are reported as unknown rather than invalid.
  const mode = PermissionMode.safeParse(msg.permissionMode);
  ctx.cliStatus = msg.status ?? null;
  return [{ type: "cli.status.changed", status: msg.status ?? null, permissionMode: mode.success ? mode.data : null }];
}

/** `system/api_retry` → `api.retrying`. */
export function translateApiRetry(msg: z.infer<typeof CliApiRetry>): DomainEvent[] {
  return [
    {
      type: "api.retrying",
      attempt: msg.attempt,
      maxRetries: msg.max_retries,
      delayMs: Math.round(msg.retry_delay_ms),
      errorStatus: msg.error_status ?? null,
      error: msg.error ?? null,
    },
  ];
}

/** `rate_limit_event` → `rate_limit.updated`, only when something changed (the CLI repeats it per request). */
export function translateRateLimit(msg: z.infer<typeof CliRateLimitEvent>, ctx: TranslateContext): DomainEvent[] {
  const info = msg.rate_limit_info;
  const resetsAt = info.resetsAt == null ? null : info.resetsAt < 1e12 ? info.resetsAt * 1000 : info.resetsAt;
  const event: DurableEvent = { type: "rate_limit.updated", status: info.status, resetsAt, limitType: info.rateLimitType ?? null, utilization: info.utilization ?? null };
  const key = JSON.stringify(event);
  if (key === ctx.lastRateLimitKey) return [];
  ctx.lastRateLimitKey = key;
  return [event];
}

/** A model fallback said in the conversation: which model answered instead, and for how much of the session. */
export function translateModelFallback(msg: z.infer<typeof CliModelFallback>): DomainEvent[] {
  const from = msg.original_model ?? "the model";
  if (msg.subtype === "model_refusal_no_fallback") return [notice("warning", msg.content?.trim() || `${from} declined to answer and no fallback model was available.`)];
  const to = msg.fallback_model ?? "another model";
  const scope = msg.scope === "local" ? "for this response" : "for the rest of this session";
  return [notice("warning", `${from} declined; Claude Code switched to ${to} ${scope}.`)];
}

/** `system/permission_denied` (no prompt channel): the CLI refused a tool call on its own. */
export function translatePermissionDenied(msg: z.infer<typeof CliPermissionDenied>): DomainEvent[] {
  const tool = msg.tool_name ?? "A tool";
  return [notice("warning", msg.message ? `${tool} was not allowed: ${msg.message}` : `${tool} was not allowed.`)];
}

/**
 * `system/task_*` → `task.updated`. Later events omit fields (task_updated has no tool_use_id), so the
 * task's state is remembered and merged; an event identical to the last one is not repeated.
 */
export function translateTask(msg: CliTaskEvent, ctx: TranslateContext): DomainEvent[] {
  const prev = ctx.tasks.get(msg.task_id);
  const next: TaskState = {
    toolUseId: msg.tool_use_id ?? prev?.toolUseId ?? null,
    // The first description is the task's title; later ones describe current work ("Running …").
    description: prev?.description ?? msg.description ?? null,
    summary: msg.summary ?? prev?.summary ?? null,
    lastToolName: msg.last_tool_name ?? prev?.lastToolName ?? null,
    // 2.1.119 does not say `is_backgrounded`; a `local_bash` task is always a background command.
    isBackground: msg.is_backgrounded ?? prev?.isBackground ?? msg.task_type === "local_bash",
    status: taskStatus(msg, prev),
    lastKey: "",
  };
  const event: DurableEvent = {
    type: "task.updated",
    taskId: msg.task_id,
    toolUseId: next.toolUseId,
    status: next.status,
    description: next.description,
    summary: next.summary,
    lastToolName: next.lastToolName,
    isBackground: next.isBackground,
  };
  next.lastKey = JSON.stringify(event);
  ctx.tasks.set(msg.task_id, next);
  return next.lastKey === prev?.lastKey ? [] : [event];
}

/**
 * `system/background_tasks_changed`: the CLI's list of background tasks still running (it comes before their
 * `task_started`, and after their `task_notification`). Remembered for `hasPendingWork`; a running task that was
 * listed and has left the list without saying how it ended is marked stopped, so the tasks panel never shows a
 * task as running that the CLI no longer has.
 */
export function translateBackgroundTasks(msg: CliBackgroundTasks, ctx: TranslateContext): DomainEvent[] {
  const listed = new Set(msg.tasks.map((task) => task.task_id));
  const before = ctx.backgroundTaskIds ?? new Set<string>();
  ctx.backgroundTaskIds = listed;
  const events: DomainEvent[] = [];
  for (const taskId of before) {
    const task = ctx.tasks.get(taskId);
    if (listed.has(taskId) || !task || task.status !== "running") continue;
    events.push(...translateTask({ type: "system", subtype: "task_updated", task_id: taskId, patch: { status: "stopped" }, summary: ENDED_UNREPORTED }, ctx));
  }
  return events;
}

/** What the tasks panel says of a task that ended without a report from the CLI. */
export const ENDED_UNREPORTED = "Ended; Claude Code did not report how.";

/** The process ended: its background tasks ended with it (the CLI stops them), so none is left shown as running. */
export function endRunningTasks(ctx: TranslateContext, summary: string): DomainEvent[] {
  const running = [...ctx.tasks.entries()].filter(([, task]) => task.status === "running");
  return running.flatMap(([taskId]) => translateTask({ type: "system", subtype: "task_updated", task_id: taskId, patch: { status: "stopped" }, summary }, ctx));
}

function taskStatus(msg: CliTaskEvent, prev: TaskState | undefined): TaskState["status"] {
  if (msg.subtype === "task_started") return "running";
  const raw = msg.subtype === "task_updated" ? msg.patch?.status : msg.status;
  if (!raw) return prev?.status ?? "running";
  if (raw === "completed") return "completed";
  if (raw === "failed" || raw === "error") return "failed";
  if (raw === "stopped" || raw === "killed" || raw === "cancelled") return "stopped";
  return "running";
}

/** `mcp_servers` of init: `{name, status, source?}` entries; anything else is skipped. */
function mcpServers(list: unknown[] | null | undefined): { name: string; status: string; source: string | null }[] {
  return (list ?? []).flatMap((item) => {
    const entry = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
    if (typeof entry.name !== "string") return [];
    return [{ name: entry.name, status: typeof entry.status === "string" ? entry.status : "unknown", source: typeof entry.source === "string" ? entry.source : null }];
  });
}

function strings(list: unknown[] | null | undefined): string[] {
  return (list ?? []).filter((item): item is string => typeof item === "string");
}
