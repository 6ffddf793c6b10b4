import { formatUsd, type PermissionRequest } from "../../../../shared/index.ts";
import type { ConversationView } from "../../protocol/conversation-view.ts";

/** One line of a run's compact timeline: who said or did what. */
export type RunTimelineEntry = { key: string; kind: "prompt" | "reply" | "tool" | "result" | "notice" | "exit"; text: string; isError: boolean };

const MAX_TEXT = 600;

/**
 * A run's conversation in a few lines for its run screen: the prompt, Claude's replies, each tool call with its
 * outcome, turn results, notices and how the process ended. The full timeline stays one tap away.
 */
export function runTimeline(view: ConversationView): RunTimelineEntry[] {
  const entries: RunTimelineEntry[] = [];
  const asked = new Map(view.pendingPermissions.flatMap((request) => (request.toolUseId ? [[request.toolUseId, request.kind] as const] : [])));
  for (const item of view.items) {
    if (item.kind === "message") {
      const message = view.messages[item.id];
      if (!message || message.parentToolUseId !== null) continue;
      for (const part of message.parts) {
        const key = `${item.id}-${part.id}`;
        if (part.kind === "text" && part.text.trim()) entries.push({ key, kind: message.role === "user" ? "prompt" : "reply", text: clip(part.text.trim()), isError: false });
        else if (part.kind === "tool") entries.push({ key, kind: "tool", text: `${part.name}: ${toolState(part.status, asked.get(part.toolUseId))}`, isError: part.status === "failed" });
      }
    } else if (item.kind === "turn") {
      const { turn } = item;
      const cost = turn.totalCostUsd === null ? "" : `, ${formatUsd(turn.totalCostUsd)}`;
      entries.push({ key: `turn-${item.seq}`, kind: "result", text: `Turn ${turn.isError ? failedText(turn.subtype) : "done"}${cost}`, isError: turn.isError });
    } else if (item.kind === "notice") {
      entries.push({ key: `notice-${item.seq}`, kind: "notice", text: item.notice.text, isError: item.notice.level === "error" });
    } else {
      entries.push({ key: `exit-${item.seq}`, kind: "exit", text: `Claude process ended: ${item.exit.reason}`, isError: !item.exit.isExpected });
    }
  }
  return entries;
}

const WAITS_FOR: Record<PermissionRequest["kind"], string> = { tool: "waiting for your approval", question: "waiting for your answer", plan: "waiting for you to approve the plan" };

/** A tool call held on the user's answer is not running: a run "Waiting for you" read "Bash: running" here. */
function toolState(status: string, askedKind: PermissionRequest["kind"] | undefined): string {
  return status === "running" && askedKind ? WAITS_FOR[askedKind] : status;
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/**
 * A failed turn, with the CLI's reason when it gives one: an API error ends a turn "failed" with the subtype
 * `success` (the CLI ran fine), which read "Turn failed (success)".
 */
function failedText(subtype: string): string {
  return subtype === "success" ? "failed" : `failed (${subtype.replace(/^error_/, "").replaceAll("_", " ")})`;
}
