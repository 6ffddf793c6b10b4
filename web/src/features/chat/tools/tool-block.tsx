import { useState, type ReactNode } from "react";
import type { ConversationId, MessageId, ToolOutcome } from "../../../../../shared/index.ts";
import { BlockedIcon, CheckIcon, ChevronIcon, CloseIcon, PauseIcon } from "../../../components/icons.tsx";
import { Spinner } from "../../../components/spinner.tsx";
import type { ViewPart } from "../../../protocol/conversation-view.ts";
import type { RowContext } from "../timeline-model.ts";
import { AgentReport } from "./agent-report.tsx";
import { EditedNote } from "./edited-note.tsx";
import { ToolDetails } from "./tool-details.tsx";
import { toolSummary } from "./tool-summary.ts";
import { formatSeconds, useElapsed } from "./use-elapsed.ts";
import { DOT } from "../../../lib/dot-join.ts";

/** A tool call as the view holds it. */
export type ToolViewPart = Extract<ViewPart, { kind: "tool" }>;

interface ToolBlockProps {
  part: ToolViewPart;
  ctx: RowContext;
  conversationId: ConversationId;
  messageId: MessageId;
  /** Sub-agent messages (Task/Agent), nested under the call. */
  children?: ReactNode;
}

const AGENT_TOOLS = new Set(["Task", "Agent"]);

/** A tool call: one collapsed line (status, name, what it does, time); expands to its kind's own renderer. */
export function ToolBlock({ part, ctx, conversationId, messageId, children }: ToolBlockProps) {
  const isAgent = AGENT_TOOLS.has(part.name);
  const [isOpen, setIsOpen] = useState(isAgent);
  const task = ctx.tasks[part.toolUseId];
  // Denied, interrupted or cancelled calls are not failures: shown neutral, with what happened (ADR 0025).
  const outcome = part.outcome ? outcomeLabel(part.name, part.outcome) : null;
  const isFailed = !outcome && (part.status === "failed" || part.result?.isError === true);
  const isAwaiting = part.status === "running" && ctx.awaitingApproval.has(part.toolUseId);
  const isRunning = part.status === "running" && !isFailed && !isAwaiting && !outcome;
  // Time spent waiting for the user's approval is not the tool's running time.
  const startedAt = Math.max(part.startedAt, ctx.approvedAt[part.toolUseId] ?? 0);
  const elapsed = useElapsed(startedAt, part.endedAt, isRunning, ctx.toolElapsed[part.toolUseId]);
  const isEdited = part.editedFrom !== undefined;
  const summary = toolSummary(part.name, part.input, ctx.cwd) || (part.isStreaming ? part.inputDraft.slice(0, 80) : "");
  const done = isAwaiting || isFailed || outcome ? null : answeredAfter(part);
  const label = isAwaiting ? "waiting for you" : isAgent && task?.lastToolName && isRunning ? `${task.lastToolName}${DOT}${elapsed}` : isFailed ? "failed" : (outcome ?? done ?? elapsed);
  return (
    <div data-testid={`tool-${part.name}`} data-status={isFailed ? "failed" : isAwaiting ? "awaiting" : (part.outcome ?? part.status)} className={`overflow-hidden rounded-lg border text-sm ${isFailed ? "border-red-300 dark:border-red-900" : "border-stone-200 dark:border-stone-800"}`}>
      <button type="button" aria-expanded={isOpen} aria-label={`${part.name} ${summary}`.trim()} onClick={() => setIsOpen((o) => !o)} className="flex min-h-11 w-full items-center gap-2 px-3 py-1.5 text-left hover:bg-stone-100 dark:hover:bg-stone-900">
        <ChevronIcon className={`size-4 shrink-0 text-stone-400 transition-transform ${isOpen ? "rotate-90" : ""}`} />
        <StatusIcon isRunning={isRunning} isFailed={isFailed} isAwaiting={isAwaiting} outcome={outcome} />
        <span className="shrink-0 font-medium">{part.name.startsWith("mcp__") ? "MCP" : part.name}</span>
        <span className="min-w-0 flex-1 truncate font-mono text-xs text-stone-500 dark:text-stone-400">{summary}</span>
        {isEdited ? <span className="shrink-0 rounded bg-amber-100 px-1.5 text-[11px] font-medium text-amber-800 dark:bg-amber-950 dark:text-amber-300">edited</span> : null}
        <span className={`shrink-0 text-xs ${isFailed ? "font-medium text-red-600 dark:text-red-400" : isAwaiting ? "font-medium text-amber-700 dark:text-amber-400" : "text-stone-500"}`}>{label}</span>
      </button>
      {isOpen ? (
        <div className="space-y-2 border-t border-stone-200 p-2 dark:border-stone-800">
          {isEdited ? <EditedNote name={part.name} editedFrom={part.editedFrom} /> : null}
          <ToolDetails part={part} conversationId={conversationId} messageId={messageId} task={task} />
          {children ? <div data-testid="subagent" aria-label="Sub-agent messages" className="space-y-3 border-l-2 border-accent/40 pl-3">{children}</div> : null}
          {isAgent ? <AgentReport part={part} conversationId={conversationId} messageId={messageId} /> : null}
        </div>
      ) : null}
    </div>
  );
}

function StatusIcon({ isRunning, isFailed, isAwaiting, outcome }: { isRunning: boolean; isFailed: boolean; isAwaiting: boolean; outcome: string | null }) {
  // Drawn icons, not font glyphs: a device without the glyph (headless Chromium lacks ⏸) would show a box.
  if (outcome) return <StateIcon label={outcome} icon={BlockedIcon} className="text-stone-500" />;
  if (isAwaiting) return <StateIcon label="waiting for approval" icon={PauseIcon} className="text-amber-600" />;
  if (isFailed) return <StateIcon label="failed" icon={CloseIcon} className="text-red-600" />;
  if (isRunning) return <Spinner label="running" className="text-accent" />;
  return <StateIcon label="done" icon={CheckIcon} className="text-emerald-600" />;
}

function StateIcon({ label, icon: Icon, className }: { label: string; icon: typeof CheckIcon; className: string }) {
  return (
    <span role="img" aria-label={label} className={`inline-flex w-3.5 shrink-0 justify-center ${className}`}>
      <Icon width={14} height={14} strokeWidth={2.5} />
    </span>
  );
}

/**
 * A question's time is how long it waited for the user, not its 0.1 s of running after the answer: "answered after
 * 2m 05s", as the server recorded it on the part, so the live view and the history after a reload say the same.
 */
function answeredAfter(part: ToolViewPart): string | null {
  if (part.status !== "completed" || part.answeredAfterMs === undefined) return null;
  return `answered after ${formatSeconds(part.answeredAfterMs / 1000)}`;
}

/** What a call that did not complete normally says instead of "failed" ("kept planning" for a plan sent back). */
export function outcomeLabel(toolName: string, outcome: ToolOutcome): string {
  if (outcome === "interrupted") return "interrupted";
  if (outcome === "cancelled") return "not run";
  if (toolName === "ExitPlanMode") return "kept planning";
  if (toolName === "AskUserQuestion") return "not answered";
  return "denied";
}
