import { useState } from "react";
import type { DecidedPermission } from "../../protocol/conversation-view.ts";
import { toolSummary } from "./tools/tool-summary.ts";
import { useAnsweredHere } from "./use-answer-permission.ts";
import { DOT } from "../../lib/dot-join.ts";
import { lowerFirst } from "../../lib/lower-first.ts";

/**
 * Requests that stopped waiting while this device showed them — answered on another device, or withdrawn — say who
 * decided what instead of vanishing. Requests answered here need no note.
 */
export function DecidedNotes({ decided }: { decided: DecidedPermission[] }) {
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const answeredHere = useAnsweredHere();
  const shown = decided.filter((d) => !answeredHere.has(d.request.id) && !dismissed.has(d.request.id));
  if (shown.length === 0) return null;
  return (
    <div className="space-y-2 pt-3">
      {shown.map((d) => (
        <div key={d.request.id} role="status" data-testid="decided-elsewhere" className="flex items-center gap-2 rounded-lg border border-stone-200 bg-stone-50 px-3 py-1.5 text-sm dark:border-stone-800 dark:bg-stone-900">
          <p className="min-w-0 flex-1">
            <span className={`font-medium ${d.outcome === "allowed" ? "text-emerald-700 dark:text-emerald-400" : "text-stone-800 dark:text-stone-200"}`}>{decisionText(d)}</span>
            <span className="text-stone-600 dark:text-stone-400">
              {DOT}
              {requestLabel(d)}
            </span>
          </p>
          <button type="button" aria-label="Dismiss" onClick={() => setDismissed((s) => new Set(s).add(d.request.id))} className="min-h-11 min-w-11 shrink-0 rounded text-stone-500 hover:bg-stone-200 mouse:min-h-8 mouse:min-w-8 dark:hover:bg-stone-800">
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}

/** "Allowed on Pixel 8", "Plan approved elsewhere", "No longer waiting: you stopped Claude." */
export function decisionText(d: DecidedPermission): string {
  if (d.outcome === "cancelled") return `No longer waiting${d.message ? `: ${lowerFirst(d.message)}` : ""}`;
  const where = d.decidedBy ? `on ${d.decidedBy}` : "elsewhere";
  const kind = d.request.kind;
  if (kind === "plan") return `Plan ${d.outcome === "allowed" ? "approved" : "sent back"} ${where}`;
  if (kind === "question") return `${d.outcome === "allowed" ? "Answered" : "Declined"} ${where}`;
  const verb = d.outcome === "allowed" ? "Allowed" : "Denied";
  return `${verb} ${where}${d.outcome === "denied" && d.message ? ` (“${d.message}”)` : ""}`;
}

function requestLabel(d: DecidedPermission): string {
  const summary = toolSummary(d.request.toolName, d.request.input);
  return summary ? `${d.request.toolName}: ${summary}` : d.request.toolName;
}
