import { z } from "zod";
import { lazySchema } from "../../shared/lazy-schema.ts";

/*
 * Lenient schemas of the CLI lines we read (protocol reference: fixtures/transcripts and docs in the study).
 * Every object is loose: the CLI adds fields with each release, and only the fields we use are required.
 * Raw CLI shapes never leave server/claude/. Each schema is built on its first use (`lazySchema`, ADR 0036/0042):
 * a start reads no CLI line.
 */

const str = lazySchema(() => z.string());
const optStr = lazySchema(() => z.string().nullish());
const optNum = lazySchema(() => z.number().nullish());

/** One content block of an `assistant` or `user` line; only `type` is guaranteed. */
export const CliContentBlock = lazySchema(() => z.looseObject({ type: str }));
export type CliContentBlock = z.infer<typeof CliContentBlock>;

export const CliTextBlock = lazySchema(() => z.looseObject({ type: z.literal("text"), text: str }));
export const CliThinkingBlock = lazySchema(() => z.looseObject({ type: z.literal("thinking"), thinking: str }));
export const CliToolUseBlock = lazySchema(() => z.looseObject({
  type: z.enum(["tool_use", "server_tool_use", "mcp_tool_use"]),
  id: str,
  name: str,
  input: z.unknown().optional(),
}));
export const CliToolResultBlock = lazySchema(() => z.looseObject({
  type: z.literal("tool_result"),
  tool_use_id: str,
  content: z.unknown().optional(),
  is_error: z.boolean().nullish(),
}));
export type CliToolResultBlock = z.infer<typeof CliToolResultBlock>;

/** One entry of a `user` line's `tool_result_meta` (2.1.330+). */
export const CliToolResultMeta = lazySchema(() => z.looseObject({
  id: str,
  non_execution_kind: optStr,
  permission_decision: z.looseObject({ decision: optStr, source: optStr }).nullish(),
}));
export type CliToolResultMeta = z.infer<typeof CliToolResultMeta>;

export const CliSystemInit = lazySchema(() => z.looseObject({
  type: z.literal("system"),
  subtype: z.literal("init"),
  session_id: str,
  cwd: optStr,
  model: optStr,
  permissionMode: optStr,
  claude_code_version: optStr,
  tools: z.array(z.unknown()).nullish(),
  slash_commands: z.array(z.unknown()).nullish(),
  mcp_servers: z.array(z.unknown()).nullish(),
}));
export type CliSystemInit = z.infer<typeof CliSystemInit>;

export const CliSystemStatus = lazySchema(() => z.looseObject({
  type: z.literal("system"),
  subtype: z.literal("status"),
  status: optStr,
  permissionMode: optStr,
}));

export const CliApiRetry = lazySchema(() => z.looseObject({
  type: z.literal("system"),
  subtype: z.literal("api_retry"),
  attempt: z.number(),
  max_retries: z.number(),
  retry_delay_ms: z.number(),
  error_status: optNum,
  error: optStr,
}));

/** `system/task_started|task_progress|task_updated|task_notification`: a sub-agent's lifecycle. */
export const CliTaskEvent = lazySchema(() => z.looseObject({
  type: z.literal("system"),
  subtype: z.enum(["task_started", "task_progress", "task_updated", "task_notification"]),
  task_id: str,
  tool_use_id: optStr,
  description: optStr,
  summary: optStr,
  status: optStr,
  last_tool_name: optStr,
  is_backgrounded: z.boolean().nullish(),
  /** `local_bash` (a Bash call with `run_in_background`), `local_agent`, …; 2.1.119 omits `is_backgrounded`. */
  task_type: optStr,
  patch: z.looseObject({ status: optStr }).nullish(),
}));
export type CliTaskEvent = z.infer<typeof CliTaskEvent>;

/** `system/background_tasks_changed` (2.1.330+): the background tasks still running, after every change. */
export const CliBackgroundTasks = lazySchema(() => z.looseObject({
  type: z.literal("system"),
  subtype: z.literal("background_tasks_changed"),
  tasks: z.array(z.looseObject({ task_id: str, description: optStr, task_type: optStr })),
}));
export type CliBackgroundTasks = z.infer<typeof CliBackgroundTasks>;

/** `rate_limit_event`: the subscription's limit status; `resetsAt` in epoch seconds (older builds: ms). */
export const CliRateLimitEvent = lazySchema(() => z.looseObject({
  type: z.literal("rate_limit_event"),
  rate_limit_info: z.looseObject({
    status: str,
    resetsAt: optNum,
    rateLimitType: optStr,
    utilization: optNum,
  }),
}));

/** `system/model_refusal_fallback` / `model_refusal_no_fallback` (2.1.33x): the model refused and another took over (or none). */
export const CliModelFallback = lazySchema(() => z.looseObject({
  type: z.literal("system"),
  subtype: z.enum(["model_refusal_fallback", "model_refusal_no_fallback"]),
  original_model: optStr,
  fallback_model: optStr,
  scope: optStr,
  content: optStr,
}));

export const CliPermissionDenied = lazySchema(() => z.looseObject({
  type: z.literal("system"),
  subtype: z.literal("permission_denied"),
  tool_name: optStr,
  tool_use_id: optStr,
  message: optStr,
}));

export const CliAssistant = lazySchema(() => z.looseObject({
  type: z.literal("assistant"),
  message: z.looseObject({ id: str, model: optStr, content: z.array(z.unknown()) }),
  parent_tool_use_id: optStr,
  error: optStr,
}));
export type CliAssistant = z.infer<typeof CliAssistant>;

export const CliUser = lazySchema(() => z.looseObject({
  type: z.literal("user"),
  message: z.looseObject({ content: z.union([str, z.array(z.unknown())]) }),
  parent_tool_use_id: optStr,
  tool_use_result: z.unknown().optional(),
  isReplay: z.boolean().nullish(),
  isSynthetic: z.boolean().nullish(),
  /** 2.1.330+: per tool result, who decided and why a call did not run. */
  tool_result_meta: z.array(z.unknown()).nullish(),
}));
export type CliUser = z.infer<typeof CliUser>;

/** The Anthropic SSE event inside a `stream_event`; the fields used depend on `type`. */
export const CliStreamEvent = lazySchema(() => z.looseObject({
  type: z.literal("stream_event"),
  parent_tool_use_id: optStr,
  api_message_id: optStr,
  event: z.looseObject({
    type: str,
    index: z.number().int().nonnegative().optional(),
    message: z.looseObject({ id: str, model: optStr }).optional(),
    content_block: CliContentBlock.optional(),
    delta: z.looseObject({ type: optStr, text: optStr, thinking: optStr, partial_json: optStr }).optional(),
    usage: z.looseObject({ output_tokens: optNum }).nullish(),
  }),
}));
export type CliStreamEvent = z.infer<typeof CliStreamEvent>;

const CliUsage = lazySchema(() => z.looseObject({
  input_tokens: optNum,
  output_tokens: optNum,
  cache_read_input_tokens: optNum,
  cache_creation_input_tokens: optNum,
}));

export const CliResult = lazySchema(() => z.looseObject({
  type: z.literal("result"),
  subtype: str,
  is_error: z.boolean().nullish(),
  result: z.unknown().optional(),
  errors: z.array(z.unknown()).nullish(),
  total_cost_usd: optNum,
  usage: CliUsage.nullish(),
  duration_ms: optNum,
  duration_api_ms: optNum,
  terminal_reason: optStr,
  api_error_status: optNum,
}));
export type CliResult = z.infer<typeof CliResult>;

export const CliCanUseTool = lazySchema(() => z.looseObject({
  type: z.literal("control_request"),
  request_id: str,
  request: z.looseObject({
    subtype: z.literal("can_use_tool"),
    tool_name: str,
    input: z.unknown().optional(),
    tool_use_id: optStr,
    description: optStr,
    blocked_path: optStr,
    agent_id: optStr,
    permission_suggestions: z.array(z.unknown()).nullish(),
  }),
}));
export type CliCanUseTool = z.infer<typeof CliCanUseTool>;

/** Any other control request from the CLI (hook_callback, mcp_message, …): the runtime answers those. */
export const CliControlRequest = lazySchema(() => z.looseObject({
  type: z.literal("control_request"),
  request_id: str,
  request: z.looseObject({ subtype: str }),
}));

export const CliControlCancel = lazySchema(() => z.looseObject({ type: z.literal("control_cancel_request"), request_id: str }));

/** Answer to one of our own control requests (`initialize`, `interrupt`, …). */
export const CliControlResponse = lazySchema(() => z.looseObject({
  type: z.literal("control_response"),
  response: z.looseObject({
    subtype: z.enum(["success", "error"]),
    request_id: str,
    response: z.unknown().optional(),
    error: optStr,
  }),
}));
export type CliControlResponse = z.infer<typeof CliControlResponse>;

export const CliToolProgress = lazySchema(() => z.looseObject({
  type: z.literal("tool_progress"),
  tool_use_id: str,
  tool_name: optStr,
  elapsed_time_seconds: optNum,
}));

/** A permission suggestion as the CLI sends it (`addRules`, `setMode`, `addDirectories`, …). */
export const CliPermissionSuggestion = lazySchema(() => z.looseObject({
  type: str,
  rules: z.array(z.looseObject({ toolName: str, ruleContent: optStr })).nullish(),
  behavior: optStr,
  mode: optStr,
  directories: z.array(str).nullish(),
  destination: optStr,
}));
export type CliPermissionSuggestion = z.infer<typeof CliPermissionSuggestion>;

/** One AskUserQuestion question as the model wrote it. */
export const CliQuestion = lazySchema(() => z.looseObject({
  question: str,
  header: optStr,
  options: z.array(z.looseObject({ label: str, description: optStr })).default([]),
  multiSelect: z.boolean().nullish(),
}));

/** The `initialize` control response body: what the UI needs for autocomplete and pickers. */
export const CliInitializeResponse = lazySchema(() => z.looseObject({
  commands: z.array(z.unknown()).nullish(),
  models: z.array(z.unknown()).nullish(),
  account: z.record(z.string(), z.unknown()).nullish(),
}));
export const CliSlashCommand = lazySchema(() => z.looseObject({ name: str, description: optStr, argumentHint: optStr }));
export const CliModelOption = lazySchema(() => z.looseObject({ value: str, displayName: optStr, description: optStr }));

/** The `get_context_usage` answer (2.1.119+); 2.1.119's categories have no `kind`. Only what ChatML shows. */
export const CliContextUsage = lazySchema(() => z.looseObject({
  categories: z.array(z.looseObject({ name: str, tokens: z.number(), kind: optStr, isDeferred: z.boolean().nullish() })).nullish(),
  totalTokens: z.number(),
  maxTokens: z.number(),
  percentage: z.number().nullish(),
  model: optStr,
  autoCompactThreshold: z.number().nullish(),
  isAutoCompactEnabled: z.boolean().nullish(),
}));

/** `prompt_suggestion` (all pinned CLIs, with `promptSuggestions` in initialize): the predicted next prompt. */
export const CliPromptSuggestion = lazySchema(() => z.looseObject({ type: z.literal("prompt_suggestion"), suggestion: str }));

/** `command_lifecycle` (2.1.330+, user messages sent with a `uuid`): the CLI's own queue state of that message. */
export const CliCommandLifecycle = lazySchema(() => z.looseObject({ type: z.literal("command_lifecycle"), command_uuid: str, state: str }));
