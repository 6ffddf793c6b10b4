import type { AnswerPermissionInput } from "../../shared/api/inputs.ts";
import type { ModelOption, PermissionMode, SlashCommand } from "../../shared/protocol/model.ts";
import { CliInitializeResponse, CliModelOption, CliSlashCommand } from "./cli-schemas.ts";
import type { HostMessage } from "./contracts.ts";
import type { PendingPermission } from "./translate-state.ts";

/*
 * Pure encoders for every line we write to the CLI. A line the CLI cannot parse kills it, so nothing else
 * builds HostMessages.
 */

/**
 * How the user answered a permission request: AnswerPermissionInput without the command id, plus `switchMode`
 * (allow only): also change the session's permission mode, e.g. approve a plan and accept edits from now on.
 * ExitPlanMode requests carry no suggestions, so this cannot be expressed with `rememberSuggestionIds`.
 */
export type PermissionAnswer = Omit<AnswerPermissionInput, "commandId"> & { switchMode?: PermissionMode };

/** Deny message the model gets when the user gave none. */
export const DEFAULT_DENY_MESSAGE = "The user denied this request.";
/** Plan rejection feedback when the user gave none. */
export const DEFAULT_PLAN_FEEDBACK = "The user rejected this plan. Ask what they would like changed, then revise it.";

type ControlRequestBody = Extract<HostMessage, { type: "control_request" }>["request"];

/**
 * A user message: plain string content for text only, else image blocks (base64) followed by the text.
 * @example encodeUserMessage({ text: "hi", images: [], uuid: "…" })
 */
export function encodeUserMessage(input: {
  text: string;
  images: { mediaType: string; data: string }[];
  uuid?: string | null;
}): HostMessage {
  const content: string | unknown[] =
    input.images.length === 0
      ? input.text
      : [
          ...input.images.map((img) => ({ type: "image", source: { type: "base64", media_type: img.mediaType, data: img.data } })),
          ...(input.text.trim() === "" ? [] : [{ type: "text", text: input.text }]),
        ];
  const message: HostMessage = { type: "user", message: { role: "user", content }, parent_tool_use_id: null, session_id: "" };
  return input.uuid ? { ...message, uuid: input.uuid } : message;
}

function controlRequest(requestId: string, request: ControlRequestBody): HostMessage {
  return { type: "control_request", request_id: requestId, request };
}

/**
 * `initialize`: asks for commands, models and account (answered by a control_response), and has sub-agents' own text
 * forwarded (`forwardSubagentText`; without it both pinned CLIs send only a sub-agent's tool calls and results), and
 * `hooks` the CLI calls back (`hook_callback`). It takes effect only when it reaches the CLI before the first user
 * message.
 */
export function encodeInitialize(requestId: string, options: { promptSuggestions?: boolean; hooks?: Record<string, unknown> } = {}): HostMessage {
  // promptSuggestions: after each turn the CLI predicts the next prompt (`prompt_suggestion`; all pinned versions).
  return controlRequest(requestId, {
    subtype: "initialize",
    forwardSubagentText: true,
    ...(options.promptSuggestions ? { promptSuggestions: true } : {}),
    ...(options.hooks ? { hooks: options.hooks } : {}),
  });
}

/** Any other host control request (`mcp_status`, `mcp_reconnect {serverName}`, `mcp_toggle {serverName, enabled}`). */
export function encodeControlRequest(requestId: string, subtype: string, fields: Record<string, unknown>): HostMessage {
  return { type: "control_request", request_id: requestId, request: { ...fields, subtype } };
}

/** `interrupt`: stops the running turn. */
export function encodeInterrupt(requestId: string): HostMessage {
  return controlRequest(requestId, { subtype: "interrupt" });
}

/** `set_model`; null resets to the default model (the field is omitted). */
export function encodeSetModel(requestId: string, model: string | null): HostMessage {
  return controlRequest(requestId, model === null ? { subtype: "set_model" } : { subtype: "set_model", model });
}

/**
 * The effort level of a running CLI: `apply_flag_settings` with `effortLevel` (2.1.119 and 2.1.330 both take it for
 * the next API call); null goes back to the CLI's default, as a launch without `--effort` would.
 */
export function encodeSetEffort(requestId: string, effort: string | null): HostMessage {
  return controlRequest(requestId, { subtype: "apply_flag_settings", settings: { effortLevel: effort } });
}

/** `set_permission_mode`. */
export function encodeSetPermissionMode(requestId: string, mode: PermissionMode): HostMessage {
  return controlRequest(requestId, { subtype: "set_permission_mode", mode });
}

/** A success answer to a CLI control request (hook_callback, …). */
export function encodeControlSuccess(requestId: string, response: Record<string, unknown>): HostMessage {
  return { type: "control_response", response: { subtype: "success", request_id: requestId, response } };
}

/** An error answer to a CLI control request we cannot serve. */
export function encodeControlError(requestId: string, message: string): HostMessage {
  return { type: "control_response", response: { subtype: "error", request_id: requestId, error: message } };
}

/**
 * The answer to a `can_use_tool` request. Allow always echoes `updatedInput` (2.1.119 fails the tool without
 * it); AskUserQuestion answers go into `updatedInput.answers`; remembered suggestions become
 * `updatedPermissions`; a rejected plan is a deny carrying the feedback.
 */
export function encodePermissionAnswer(pending: PendingPermission, answer: PermissionAnswer): HostMessage {
  const body = permissionDecision(pending, answer);
  if (pending.toolUseId) body["toolUseID"] = pending.toolUseId;
  return encodeControlSuccess(pending.cliRequestId, body);
}

/** What a permission request asked: enough to turn an answer into the CLI's decision. */
export type AskedPermission = Pick<PendingPermission, "input" | "kind" | "rawSuggestions">;

/**
 * The CLI's decision for an answer, `{behavior, updatedInput?, updatedPermissions?, message?}`: the body of a
 * `can_use_tool` response, and also what a PermissionRequest hook prints (both pinned CLIs read the same shape).
 */
export function permissionDecision(pending: AskedPermission, answer: PermissionAnswer): Record<string, unknown> {
  return answer.decision === "allow" ? allowBody(pending, answer) : denyBody(pending, answer);
}

function allowBody(pending: AskedPermission, answer: PermissionAnswer): Record<string, unknown> {
  const original = isRecord(pending.input) ? pending.input : {};
  const updatedInput: Record<string, unknown> = { ...original, ...answer.updatedInput };
  if (pending.kind === "question" && answer.answers) updatedInput["answers"] = answer.answers;
  const body: Record<string, unknown> = { behavior: "allow", updatedInput };
  const remembered = rememberedSuggestions(pending, answer.rememberSuggestionIds ?? []);
  if (answer.switchMode) remembered.push({ type: "setMode", mode: answer.switchMode, destination: "session" });
  if (remembered.length > 0) body["updatedPermissions"] = remembered;
  return body;
}

function denyBody(pending: AskedPermission, answer: PermissionAnswer): Record<string, unknown> {
  const given = answer.message?.trim() ?? "";
  const fallback = pending.kind === "plan" ? DEFAULT_PLAN_FEEDBACK : DEFAULT_DENY_MESSAGE;
  const body: Record<string, unknown> = { behavior: "deny", message: given === "" ? fallback : given };
  // Sent only when set, like the SDK; the CLI treats a missing flag as false.
  if (answer.interrupt === true) body["interrupt"] = true;
  return body;
}

/** Our suggestion ids are indexes into the CLI's list; a remembered rule is always an allow rule. */
function rememberedSuggestions(pending: AskedPermission, ids: string[]): unknown[] {
  const out: unknown[] = [];
  for (const id of new Set(ids)) {
    const raw = /^\d+$/.test(id) ? pending.rawSuggestions[Number(id)] : undefined;
    if (!isRecord(raw)) continue;
    out.push(raw["type"] === "addRules" ? { ...raw, behavior: "allow" } : raw);
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The `initialize` response → what `cli.capabilities.listed` carries. Malformed entries are skipped. */
export function parseInitializeResponse(response: unknown): {
  commands: SlashCommand[];
  models: ModelOption[];
  account: Record<string, unknown> | null;
} {
  const parsed = CliInitializeResponse.safeParse(response);
  if (!parsed.success) return { commands: [], models: [], account: null };
  const commands = (parsed.data.commands ?? []).flatMap((raw): SlashCommand[] => {
    const c = CliSlashCommand.safeParse(raw);
    return c.success ? [{ name: c.data.name, description: c.data.description ?? "", argumentHint: c.data.argumentHint ?? "" }] : [];
  });
  const models = (parsed.data.models ?? []).flatMap((raw): ModelOption[] => {
    const m = CliModelOption.safeParse(raw);
    return m.success ? [{ value: m.data.value, displayName: m.data.displayName ?? m.data.value, description: m.data.description ?? "" }] : [];
  });
  return { commands, models, account: parsed.data.account ?? null };
}
