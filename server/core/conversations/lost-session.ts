import type { Message, Part } from "../../../shared/protocol/model.ts";
import type { CliExitInfo, CliMessage } from "../../claude/contracts.ts";

/**
 * What Claude Code says when `--resume` names a session it has no transcript of (both pinned versions print it on
 * stderr and in an error `result`, then exit 1). It happens when the CLI was killed before it wrote its transcript,
 * or the transcript was deleted: ChatML still has the whole conversation, the CLI does not.
 */
const LOST_SESSION = /No conversation found with session ID/i;

/** True when a resumed CLI exited because its saved session is gone. */
export function isLostSessionExit(info: CliExitInfo): boolean {
  return LOST_SESSION.test(info.stderrTail);
}

/** True for the error `result` a resumed CLI writes just before that exit (it must not show as a failed turn). */
export function isLostSessionResult(message: CliMessage): boolean {
  if (message.type !== "result" || !Array.isArray(message.errors)) return false;
  return message.errors.some((error) => typeof error === "string" && LOST_SESSION.test(error));
}

export const LOST_SESSION_NOTICE =
  "Claude Code could not find its saved copy of this conversation (it was stopped before writing it, or the file is gone). " +
  "ChatML starts a new Claude session and gives it the earlier conversation, from ChatML's history, with your next message.";

/** How much earlier conversation a recap carries at most; the newest turns are kept. */
export const RECAP_MAX_CHARS = 60_000;
const TOOL_RESULT_CHARS = 400;

/**
 * The earlier conversation as plain text, to lead the first message a fresh CLI gets in place of a lost session.
 * Oldest first, cut from the front when longer than `maxChars`; sub-agent messages are left out (their reports are in
 * the parent's tool results). Empty when there is nothing to recap.
 */
export function buildSessionRecap(messages: readonly Message[], maxChars = RECAP_MAX_CHARS): string {
  const turns = messages.filter((message) => message.parentToolUseId === null).map(describeMessage).filter(Boolean);
  if (turns.length === 0) return "";
  let body = turns.join("\n\n");
  if (body.length > maxChars) body = `[…earlier turns left out…]\n${body.slice(body.length - maxChars)}`;
  return [
    "<earlier-conversation>",
    "Claude Code lost its saved session, so ChatML restores the conversation so far from its own history:",
    "",
    body,
    "</earlier-conversation>",
    "",
    "",
  ].join("\n");
}

function describeMessage(message: Message): string {
  const lines = message.parts.map(describePart).filter(Boolean);
  return lines.length === 0 ? "" : `${message.role === "user" ? "User" : "Assistant"}:\n${lines.join("\n")}`;
}

function describePart(part: Part): string {
  switch (part.kind) {
    case "text":
      return part.text;
    case "image":
      return "[an image]";
    case "thinking":
      return "";
    case "tool": {
      const input = JSON.stringify(part.input ?? null);
      const result = part.result ? ` → ${part.result.isError ? "error: " : ""}${part.result.text.slice(0, TOOL_RESULT_CHARS)}` : "";
      return `[tool ${part.name} ${input.slice(0, TOOL_RESULT_CHARS)}]${result}`;
    }
  }
}
