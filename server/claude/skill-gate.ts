import type { CliMessage, HostMessage } from "./contracts.ts";
import { encodeControlSuccess } from "./commands.ts";

/*
 * The model runs a skill with its Skill tool. A `PreToolUse` hook registered in `initialize` (matcher "Skill") makes
 * the CLI ask the host before each such call — in every permission mode, on every pinned CLI, for the life of the
 * process — so a skill switched off while the CLI runs is refused at once, not from its next launch (ADR 0087b).
 */

/** The callback id of the Skill gate's hook. */
export const SKILL_GATE_CALLBACK_ID = "chatml-skill-gate";

/** The `hooks` field of `initialize` that routes every Skill tool call through the gate. */
export const SKILL_GATE_HOOKS = { PreToolUse: [{ matcher: "Skill", hookCallbackIds: [SKILL_GATE_CALLBACK_ID] }] };

/** The skill a `hook_callback` of the Skill gate asks about, or null when the message is no such callback. */
export function skillGateQuestion(message: CliMessage): { requestId: string; skillName: string } | null {
  const request = message.request as { subtype?: unknown; callback_id?: unknown; input?: unknown } | undefined;
  if (message.type !== "control_request" || typeof message.request_id !== "string") return null;
  if (request?.subtype !== "hook_callback" || request.callback_id !== SKILL_GATE_CALLBACK_ID) return null;
  return { requestId: message.request_id, skillName: skillCalledIn(request.input) ?? "" };
}

/**
 * The skill a PreToolUse hook's input asks to run (`tool_name` "Skill"), by the name ChatML's switches know it (some
 * models call it `/name`); null for another tool. The same input reaches a chat CLI's callback and a TUI's HTTP hook.
 */
export function skillCalledIn(input: unknown): string | null {
  const call = input as { tool_name?: unknown; tool_input?: { skill?: unknown } } | undefined;
  const skill = call?.tool_name === "Skill" ? call.tool_input?.skill : undefined;
  return typeof skill === "string" ? skill.replace(/^\//, "") : null;
}

/** The PreToolUse hook output that denies the call with `reason` (the model reads it as the tool's error). */
export function skillDenial(reason: string): Record<string, unknown> {
  return { hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: reason } };
}

/** The gate's answer: go on, or deny the call with `reason`. */
export function encodeSkillGateAnswer(requestId: string, refusal: string | null): HostMessage {
  return encodeControlSuccess(requestId, refusal === null ? { continue: true } : skillDenial(refusal));
}
