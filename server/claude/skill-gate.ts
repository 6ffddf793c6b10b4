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
  const request = message.request as { subtype?: unknown; callback_id?: unknown; input?: { tool_name?: unknown; tool_input?: { skill?: unknown } } } | undefined;
  if (message.type !== "control_request" || typeof message.request_id !== "string") return null;
  if (request?.subtype !== "hook_callback" || request.callback_id !== SKILL_GATE_CALLBACK_ID) return null;
  const skill = request.input?.tool_name === "Skill" ? request.input.tool_input?.skill : undefined;
  return { requestId: message.request_id, skillName: typeof skill === "string" ? bareSkillName(skill) : "" };
}

/** The name ChatML's switches know a skill by: some models call it `/name`. */
export function bareSkillName(skill: string): string {
  return skill.replace(/^\//, "");
}

/** The gate's answer: go on, or deny the call with `reason` (the model reads it as the tool's error). */
export function encodeSkillGateAnswer(requestId: string, refusal: string | null): HostMessage {
  if (refusal === null) return encodeControlSuccess(requestId, { continue: true });
  return encodeControlSuccess(requestId, { hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: refusal } });
}
