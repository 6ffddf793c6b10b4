import type { ConversationStatus } from "../../../../shared/index.ts";
import { STATUS_LABELS, StatusDot } from "../../components/status-badge.tsx";
import type { ConversationView } from "../../protocol/conversation-view.ts";

interface StatusBarProps {
  status: ConversationStatus;
  reason: string | null;
  view: ConversationView;
}

/** The conversation's state, always visible: status (+ reason), CLI activity, API retries, live token count. */
export function StatusBar({ status, reason, view }: StatusBarProps) {
  // An idle conversation with a reason is one whose CLI was put to sleep (the reason says so, and how it wakes).
  const label = status === "exited" && reason ? `Exited: ${reason}` : status === "idle" && reason ? reason : STATUS_LABELS[status];
  const extras = statusExtras(view, status);
  return (
    <div className="flex min-h-8 shrink-0 items-center gap-2 overflow-hidden border-b border-stone-200 px-3 py-1 text-xs dark:border-stone-800">
      <span
        data-testid="conversation-status"
        data-status={status}
        role="status"
        className="inline-flex min-w-0 items-center gap-1.5 font-medium"
      >
        <StatusDot status={status} />
        <span className="line-clamp-2" title={label}>{label}</span>
      </span>
      {extras.map((text) => (
        <span key={text} className="truncate text-stone-500 dark:text-stone-400">
          · {text}
        </span>
      ))}
    </div>
  );
}

function statusExtras(view: ConversationView, status: ConversationStatus): string[] {
  const extras: string[] = [];
  if (status !== "exited" && status !== "idle" && view.statusReason && status !== "running") extras.push(view.statusReason);
  // The CLI says "requesting" while we wait for the user: only its activity while it works is news.
  if (view.cliStatus && status === "running") extras.push(CLI_ACTIVITY[view.cliStatus] ?? view.cliStatus);
  if (view.apiRetry) {
    const r = view.apiRetry;
    extras.push(`API retry ${r.attempt}/${r.maxRetries}${r.errorStatus ? ` (${r.errorStatus})` : ""}`);
  }
  if (status === "running" && view.outputTokens) extras.push(`${view.outputTokens.toLocaleString()} tokens`);
  if (view.permissionMode && view.permissionMode !== "default") extras.push(view.permissionMode);
  if (view.cliSession?.model) extras.push(view.cliSession.model);
  return extras;
}

/** The CLI's activity words, said for people. */
const CLI_ACTIVITY: Record<string, string> = { requesting: "waiting for the model", compacting: "compacting the conversation" };
