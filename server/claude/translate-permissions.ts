import type { PermissionId } from "../../shared/ids.ts";
import type { DomainEvent } from "../../shared/protocol/events.ts";
import type { PermissionRequest, PermissionSuggestion, Question } from "../../shared/protocol/model.ts";
import { leftUncovered } from "./bash-rule-coverage.ts";
import { type CliCanUseTool, CliPermissionSuggestion, CliQuestion } from "./cli-schemas.ts";
import type { InterruptCause } from "./contracts.ts";
import type { PendingPermission, TranslateContext } from "./translate-state.ts";

/** `control_request can_use_tool` → `permission.requested`; the raw request is kept for the answer. */
export function translateCanUseTool(msg: CliCanUseTool, ctx: TranslateContext): DomainEvent[] {
  const r = msg.request;
  const id = ctx.ids.permissionId();
  const kind = permissionKind(r.tool_name);
  const input = r.input ?? {};
  const rawSuggestions = r.permission_suggestions ?? [];
  const pending: PendingPermission = {
    cliRequestId: msg.request_id,
    toolUseId: r.tool_use_id ?? null,
    toolName: r.tool_name,
    input,
    rawSuggestions,
    kind,
  };
  ctx.permissions.set(id, pending);
  const request: PermissionRequest = {
    id,
    kind,
    toolName: r.tool_name,
    toolUseId: pending.toolUseId,
    input,
    description: r.description ?? null,
    blockedPath: r.blocked_path ?? null,
    agentId: r.agent_id ?? null,
    suggestions: rawSuggestions.map((raw, index): PermissionSuggestion => ({ id: String(index), label: suggestionLabel(raw, r.tool_name, input) })),
    questions: kind === "question" ? parseQuestions(input) : null,
    // The planFilePath fallback needs file access, so it is the runtime's job; input keeps planFilePath as is.
    plan: kind === "plan" ? planText(input) : null,
    createdAt: ctx.now(),
  };
  return [{ type: "permission.requested", request }];
}

/** Why a request was withdrawn when ChatML's interrupt withdrew it: the card says who stopped Claude, not "the CLI". */
const STOPPED_BY: Record<InterruptCause, string> = {
  user: "You stopped Claude.",
  "turn-budget": "The turn budget stopped Claude.",
  "time-limit": "The run's time limit stopped Claude.",
  shutdown: "ChatML shut down: the request was withdrawn, nothing ran.",
};

/** `control_cancel_request`: the CLI withdrew one of its requests (after an interrupt: ChatML's, or its own). */
export function translateControlCancel(cliRequestId: string, ctx: TranslateContext): DomainEvent[] {
  const reason = ctx.interruptCause ? STOPPED_BY[ctx.interruptCause] : "The CLI withdrew the request.";
  for (const [id, pending] of ctx.permissions) {
    if (pending.cliRequestId === cliRequestId) return [cancel(ctx, id, reason)];
  }
  return [];
}

/**
 * A tool result arrived for a call whose permission is still pending: the CLI no longer waits for an answer
 * (e.g. input closed). Answered permissions are not here, because the runtime settles them (settlePermission) when it answers.
 */
export function settleByToolUse(ctx: TranslateContext, toolUseId: string): DomainEvent[] {
  for (const [id, pending] of ctx.permissions) {
    if (pending.toolUseId === toolUseId) return [cancel(ctx, id, "The CLI stopped waiting for an answer.")];
  }
  return [];
}

/** Cancels every pending permission (process gone). */
export function cancelAllPermissions(ctx: TranslateContext, message: string): DomainEvent[] {
  return [...ctx.permissions.keys()].map((id) => cancel(ctx, id, message));
}

function cancel(ctx: TranslateContext, id: PermissionId, message: string): DomainEvent {
  ctx.permissions.delete(id);
  return { type: "permission.resolved", requestId: id, outcome: "cancelled", message };
}

/** AskUserQuestion is a question, ExitPlanMode a plan, anything else a tool call. */
export function permissionKind(toolName: string): PermissionRequest["kind"] {
  if (toolName === "AskUserQuestion") return "question";
  if (toolName === "ExitPlanMode") return "plan";
  return "tool";
}

function field(input: unknown, key: string): unknown {
  return typeof input === "object" && input !== null ? (input as Record<string, unknown>)[key] : undefined;
}

/** The plan an ExitPlanMode call carries, or null. */
export function planText(input: unknown): string | null {
  const plan = field(input, "plan");
  return typeof plan === "string" && plan.trim() !== "" ? plan : null;
}

/** AskUserQuestion input → our Question shape; malformed questions are skipped, never fatal. */
export function parseQuestions(input: unknown): Question[] {
  const raw = field(input, "questions");
  if (!Array.isArray(raw)) return [];
  const questions: Question[] = [];
  for (const item of raw) {
    const q = CliQuestion.safeParse(item);
    if (!q.success) continue;
    questions.push({
      question: q.data.question,
      header: q.data.header ?? null,
      options: q.data.options.map((o) => ({ label: o.label, description: o.description ?? null })),
      multiSelect: q.data.multiSelect === true,
    });
  }
  return questions;
}

const MODE_NAMES: Record<string, string> = {
  acceptEdits: "accept-edits",
  bypassPermissions: "bypass-permissions",
  default: "default",
  plan: "plan",
  dontAsk: "don't-ask",
  auto: "auto",
};

const DESTINATIONS: Record<string, string> = {
  session: "for this session",
  cliArg: "for this session",
  localSettings: "for this project",
  projectSettings: "for this project",
  userSettings: "for all projects",
};

/**
 * Human text for one CLI permission suggestion, read after "Always allow also:", e.g. "Add the allow rule
 * Bash(npm test) for this project". A rule that leaves part of the Bash command it was offered for to another prompt
 * says so, because accepting it would not stop this prompt coming back.
 */
export function suggestionLabel(raw: unknown, toolName?: string, input?: unknown): string {
  const parsed = CliPermissionSuggestion.safeParse(raw);
  if (!parsed.success) return "Apply the suggested permission change";
  const s = parsed.data;
  const rules = (s.rules ?? []).map((r) => (r.ruleContent ? `${r.toolName}(${r.ruleContent})` : r.toolName)).join(", ");
  const dirs = (s.directories ?? []).join(", ");
  const where = DESTINATIONS[s.destination ?? ""] ?? "";
  switch (s.type) {
    case "addRules":
    case "replaceRules":
      return `Add the ${s.behavior ?? "allow"} rule${(s.rules ?? []).length > 1 ? "s" : ""} ${rules} ${where}`.trim() + ruleCaveat(s, toolName, input);
    case "removeRules":
      return `Remove the rule ${rules}`;
    case "setMode":
      return `Switch to ${MODE_NAMES[s.mode ?? ""] ?? s.mode ?? "another"} mode ${where}`.trim();
    case "addDirectories":
      return `Allow access to ${dirs} ${where}`.trim();
    case "removeDirectories":
      return `Remove access to ${dirs}`;
    default:
      return `Apply the suggested change (${s.type})`;
  }
}

/** What an allow rule for a Bash command leaves to another prompt, as a sentence to follow its label; else "". */
function ruleCaveat(s: CliPermissionSuggestion, toolName: string | undefined, input: unknown): string {
  const command = field(input, "command");
  if (toolName !== "Bash" || s.behavior !== "allow" || typeof command !== "string") return "";
  const bashRules = (s.rules ?? []).filter((r) => r.toolName === "Bash").map((r) => r.ruleContent);
  if (bashRules.length === 0) return "";
  const left = leftUncovered(command, bashRules);
  if (left.length === 0) return "";
  return `. It does not cover ${left.join(" or ")}: Claude Code checks each part of a command on its own, so this command can ask again`;
}

/**
 * The user allowed a tool, answered a question or approved a plan: it runs on now, so its part's `startedAt` moves
 * to now (its time shown is then the tool's own, not the wait for the user — in history too, where no live approval
 * event is left to subtract; the page subtracts the wait live for every kind). When the user changed a tool's input
 * before allowing (e.g. an edited Bash command), the part shows the input that ran, keeping Claude's proposal in
 * `editedFrom`; a question's answers and a plan's approval travel as updated input too, but edit nothing. No event for
 * an unknown call.
 */
export function recordAllowed(ctx: TranslateContext, pending: PendingPermission, updatedInput: Record<string, unknown> | undefined): DomainEvent[] {
  if (!pending.toolUseId) return [];
  const entry = ctx.tools.get(pending.toolUseId);
  if (!entry) return [];
  const original = typeof pending.input === "object" && pending.input !== null ? (pending.input as Record<string, unknown>) : {};
  const input = updatedInput && pending.kind === "tool" ? { ...original, ...updatedInput } : original;
  const isEdited = JSON.stringify(input) !== JSON.stringify(original);
  const now = ctx.now();
  const answeredAfterMs = pending.kind === "question" ? { answeredAfterMs: Math.max(0, Math.round(now - entry.part.startedAt)) } : {};
  entry.part = { ...entry.part, startedAt: Math.max(entry.part.startedAt, now), ...answeredAfterMs, ...(isEdited ? { input, editedFrom: entry.part.editedFrom ?? original } : {}) };
  return [{ type: "message.part.updated", messageId: entry.messageId, part: entry.part }];
}
