import type { TaskInfo } from "../../../protocol/conversation-view.ts";

const STATUS: Record<TaskInfo["status"], { word: string; colour: string }> = {
  running: { word: "running", colour: "text-accent" },
  completed: { word: "done", colour: "text-emerald-600" },
  failed: { word: "failed", colour: "text-red-600" },
  stopped: { word: "stopped", colour: "text-stone-500" },
};

/** Sub-agents and background tasks with their status; running ones first, background ones marked, a summary when done. */
export function AgentList({ agents }: { agents: TaskInfo[] }) {
  if (agents.length === 0) return null;
  const running = agents.filter((a) => a.status === "running").length;
  const ordered = [...agents.filter((a) => a.status === "running"), ...agents.filter((a) => a.status !== "running")];
  return (
    <>
      <h3 className="mb-1 mt-4 text-xs font-semibold uppercase tracking-wide text-stone-500">
        Agents and background tasks{running > 0 ? ` · ${running} running` : ""}
      </h3>
      <ul aria-label="Agents and background tasks" className="space-y-1.5 text-sm">
        {ordered.map((a) => (
          <li key={a.taskId} data-status={a.status} className="flex gap-2">
            <span aria-hidden="true" className={STATUS[a.status].colour}>●</span>
            <span className="min-w-0 flex-1">
              <span className="block truncate">{a.description ?? a.taskId}</span>
              {a.status === "running" && a.lastToolName ? <span className="block truncate text-xs text-stone-500">using {a.lastToolName}</span> : null}
              {a.status !== "running" && a.summary && a.summary !== a.description ? <span className="block truncate text-xs text-stone-500">{a.summary}</span> : null}
            </span>
            {a.isBackground ? <span className="self-start rounded bg-stone-100 px-1 text-xs text-stone-600 dark:bg-stone-800 dark:text-stone-300">background</span> : null}
            <span className="self-start text-xs text-stone-500">{STATUS[a.status].word}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
