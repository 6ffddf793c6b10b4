import type { ConversationStatus, PermissionMode } from "../../../../shared/index.ts";
import { STATUS_LABELS } from "../../components/status-badge.tsx";
import type { ConversationView } from "../../protocol/conversation-view.ts";
import { dotJoin } from "../../lib/dot-join.ts";
import { permissionModeName } from "../../lib/permission-modes.ts";
import { takenAt } from "./session/context-window.tsx";

/** The CLI's activity words, said for people. */
const CLI_ACTIVITY: Record<string, string> = { requesting: "waiting for the model", compacting: "compacting the conversation" };

/** The status in full (an exited CLI's reason, a sleeping CLI's reason), as the desktop's status line says it. */
export function statusLabel(status: ConversationStatus, reason: string | null): string {
  // An idle conversation with a reason is one whose CLI was put to sleep (the reason says so, and how it wakes).
  if (status === "exited" && reason) return `Exited: ${reason}`;
  if (status === "idle" && reason) return reason;
  // What it waits for ("Asks you a question", "Asks to run Bash") says more than "Waiting for you".
  if (status === "waiting" && reason) return reason;
  return STATUS_LABELS[status];
}

/**
 * What the status line says instead of "Ready" (or a sleeping CLI's reason) while a budget limit is used up, or null:
 * Claude takes no message until it is raised, and "Ready" read as if the next one would be answered.
 */
export function budgetUsedUpStatus(status: ConversationStatus, isBudgetUsedUp: boolean): string | null {
  return isBudgetUsedUp && (status === "ready" || status === "idle") ? "Budget used up" : null;
}

/**
 * The one thing a phone's status line says, most important first: the API being retried (minutes can pass), the
 * user being waited for, the CLI having ended or sleeping, compacting, then the plain status, with a permission mode
 * other than asking beside it ("Ready · Plan only"): a phone showed it nowhere but in the Session controls, so a
 * message went out in plan mode (or bypass) with nothing on screen saying so.
 */
export function statusHeadline(view: ConversationView, status: ConversationStatus, reason: string | null, storedMode: PermissionMode | null = null): string {
  if (view.apiRetry && status === "running") return `Retrying the API (${view.apiRetry.attempt}/${view.apiRetry.maxRetries})`;
  // What it waits for ("Asks you a question", "Asks to run Bash"), in chat and in interactive mode alike.
  if (status === "waiting" && reason) return reason;
  if (status === "exited") return "Claude stopped";
  if (status === "idle" && reason) return "Sleeping";
  if (status === "running" && view.cliStatus === "compacting") return "Compacting";
  const mode = modeSaid(view, storedMode);
  return mode && (status === "ready" || status === "idle" || status === "running") ? dotJoin([STATUS_LABELS[status], mode]) : STATUS_LABELS[status];
}

/** The permission mode in words when it is not asking: the one Claude Code last reported, else the stored one. */
function modeSaid(view: ConversationView, storedMode: PermissionMode | null): string | null {
  const mode = view.permissionMode ?? storedMode;
  return mode && mode !== "default" ? permissionModeName(mode) : null;
}

/** "context 12% full", with the time it was measured when turns have run since (ADR 0038: asked only when looked at). */
function contextExtra(view: ConversationView): string {
  const usage = view.contextUsage;
  if (!usage?.usage) return "";
  const text = `context ${usage.usage.percentage}% full`;
  if (!view.lastTurn || usage.at >= view.lastTurn.at) return text;
  return `${text} at ${takenAt(usage.at)}`;
}

/**
 * Everything else the status knows: reason, CLI activity, API retries, live token count, permission mode, model. While
 * the connection is lost (`isLive` false) the CLI's activity, retries and token count are left out: they were news of a
 * moment the page no longer hears about. The mode is the one Claude Code last reported, else the one stored for the
 * conversation (`storedMode`: a page opened later, or a mode chosen while idle, has no report of it), in words.
 */
export function statusExtras(view: ConversationView, status: ConversationStatus, isLive = true, storedMode: PermissionMode | null = null): string[] {
  const extras: string[] = [];
  // A waiting conversation's reason is its label already.
  if (status !== "exited" && status !== "idle" && view.statusReason && status !== "running" && status !== "waiting") extras.push(view.statusReason);
  // The CLI says "requesting" while we wait for the user: only its activity while it works is news.
  if (view.cliStatus && status === "running" && isLive) extras.push(CLI_ACTIVITY[view.cliStatus] ?? view.cliStatus);
  if (view.apiRetry && isLive) {
    const r = view.apiRetry;
    extras.push(`API retry ${r.attempt}/${r.maxRetries}${r.errorStatus ? ` (${r.errorStatus})` : ""}`);
  }
  if (status === "running" && view.outputTokens && isLive) extras.push(`${view.outputTokens.toLocaleString()} tokens`);
  if (view.contextUsage?.usage) extras.push(contextExtra(view));
  const mode = modeSaid(view, storedMode);
  if (mode) extras.push(mode);
  if (view.cliSession?.model) extras.push(view.cliSession.model);
  return extras;
}
