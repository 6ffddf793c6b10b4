import type { TaskInfo } from "../../../protocol/conversation-view.ts";
import { DOT } from "../../../lib/dot-join.ts";
import { BareButton } from "../../../components/button.tsx";

const STATUS: Record<TaskInfo["status"], { word: string; colour: string }> = {
  running: { word: "running", colour: "text-accent" },
  completed: { word: "done", colour: "text-emerald-600" },
  failed: { word: "failed", colour: "text-red-600" },
  stopped: { word: "stopped", colour: "text-stone-500" },
};

/** What a running background task's Stop button needs: the call, and which tasks are being stopped. */
export type TaskStopper = { stop: (taskId: string) => void; stopping: ReadonlySet<string>; error: string | null };

/**
 * Sub-agents and background tasks with their status; running ones first, background ones marked (and stoppable when
 * `stopper` is given), a summary when done.
 */
export function AgentList({ agents, stopper }: { agents: TaskInfo[]; stopper?: TaskStopper }) {
  if (agents.length === 0) return null;
  const running = agents.filter((a) => a.status === "running").length;
  const ordered = [...agents.filter((a) => a.status === "running"), ...agents.filter((a) => a.status !== "running")];
  return (
    <>
      <h3 className="mb-1 mt-4 text-xs font-semibold uppercase tracking-wide text-stone-500">
        Agents and background tasks{running > 0 ? `${DOT}${running} running` : ""}
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
            {stopper && a.isBackground && a.status === "running" ? <StopButton task={a} stopper={stopper} /> : null}
          </li>
        ))}
      </ul>
      {stopper?.error ? <p role="alert" className="mt-1 text-xs text-red-600">{stopper.error}</p> : null}
    </>
  );
}

function StopButton({ task, stopper }: { task: TaskInfo; stopper: TaskStopper }) {
  const isStopping = stopper.stopping.has(task.taskId);
  return (
    <BareButton
      aria-label={`Stop ${task.description ?? task.taskId}`}
      disabled={isStopping}
      onClick={() => stopper.stop(task.taskId)}
      className="-my-2 min-h-11 self-start rounded-lg px-2 text-xs font-medium text-red-700 hover:bg-red-50 disabled:opacity-60 aria-disabled:opacity-60 dark:text-red-400 dark:hover:bg-red-950"
    >
      {isStopping ? "Stopping…" : "Stop"}
    </BareButton>
  );
}
