import { useState, type ReactNode } from "react";
import { ChevronIcon } from "../../components/icons.tsx";
import { Spinner } from "../../components/spinner.tsx";
import type { TaskInfo, ViewPart } from "../../protocol/conversation-view.ts";
import { bashCommand, prettyInput, resultOutput, toolSummary } from "./tool-summary.ts";

type ToolViewPart = Extract<ViewPart, { kind: "tool" }>;

interface ToolBlockProps {
  part: ToolViewPart;
  task: TaskInfo | undefined;
  elapsed: number | undefined;
}

/** A tool call: one collapsed line (status, name, what it does); expands to its input and result. */
export function ToolBlock({ part, task, elapsed }: ToolBlockProps) {
  const [isOpen, setIsOpen] = useState(false);
  const isFailed = part.status === "failed" || part.result?.isError === true;
  const summary = toolSummary(part.name, part.input) || (part.isStreaming ? part.inputDraft.slice(0, 80) : "");
  return (
    <div
      data-testid={`tool-${part.name}`}
      data-status={isFailed ? "failed" : part.status}
      className={`overflow-hidden rounded-lg border text-sm ${
        isFailed ? "border-red-300 dark:border-red-900" : "border-stone-200 dark:border-stone-800"
      }`}
    >
      <button
        type="button"
        aria-expanded={isOpen}
        onClick={() => setIsOpen((o) => !o)}
        className="flex min-h-11 w-full items-center gap-2 px-3 py-1.5 text-left hover:bg-stone-100 dark:hover:bg-stone-900"
      >
        <ChevronIcon className={`size-4 shrink-0 text-stone-400 transition-transform ${isOpen ? "rotate-90" : ""}`} />
        <ToolStatusIcon status={part.status} isFailed={isFailed} />
        <span className="shrink-0 font-medium">{part.name}</span>
        <span className="min-w-0 flex-1 truncate font-mono text-xs text-stone-500 dark:text-stone-400">{summary}</span>
        <ToolTrailer isFailed={isFailed} isRunning={part.status === "running"} elapsed={elapsed} task={task} />
      </button>
      {isOpen ? <ToolDetails part={part} task={task} /> : null}
    </div>
  );
}

function ToolStatusIcon({ status, isFailed }: { status: ToolViewPart["status"]; isFailed: boolean }) {
  if (isFailed) return <span aria-hidden="true" className="w-3.5 shrink-0 text-center text-red-600">✕</span>;
  if (status === "running") return <Spinner className="text-accent" />;
  return <span aria-hidden="true" className="w-3.5 shrink-0 text-center text-emerald-600">✓</span>;
}

function ToolTrailer({ isFailed, isRunning, elapsed, task }: {
  isFailed: boolean;
  isRunning: boolean;
  elapsed: number | undefined;
  task: TaskInfo | undefined;
}) {
  const text = isFailed ? "failed" : task && isRunning ? (task.lastToolName ?? "working") : isRunning && elapsed ? `${Math.round(elapsed)}s` : "";
  if (!text) return null;
  return <span className={`shrink-0 text-xs ${isFailed ? "font-medium text-red-600 dark:text-red-400" : "text-stone-500"}`}>{text}</span>;
}

const PRE = "max-h-80 overflow-auto whitespace-pre-wrap break-words rounded-md p-2 font-mono text-xs leading-snug";

function ToolDetails({ part, task }: { part: ToolViewPart; task: TaskInfo | undefined }) {
  const command = bashCommand(part.name, part.input);
  const result = part.result;
  return (
    <div className="space-y-2 border-t border-stone-200 p-2 dark:border-stone-800">
      {command !== null ? (
        <pre className={`${PRE} bg-stone-900 text-stone-100`}>{`$ ${command}`}</pre>
      ) : (
        <Labelled label="Input">
          <pre className={`${PRE} bg-stone-100 dark:bg-stone-900`}>{part.isStreaming ? part.inputDraft : prettyInput(part.input)}</pre>
        </Labelled>
      )}
      {task?.summary ? <p className="px-1 text-xs text-stone-600 dark:text-stone-400">{task.summary}</p> : null}
      {result ? (
        <Labelled label={result.isError ? "Error" : command !== null ? "Output" : "Result"}>
          <pre className={`${PRE} ${result.isError ? "bg-red-50 text-red-800 dark:bg-red-950/50 dark:text-red-300" : "bg-stone-100 dark:bg-stone-900"}`}>
            {resultOutput(result) || "(no output)"}
          </pre>
          {result.isTruncated ? <p className="px-1 text-xs text-stone-500">Output truncated.</p> : null}
        </Labelled>
      ) : (
        <p className="px-1 text-xs text-stone-500">{part.status === "running" ? "Running…" : "No result."}</p>
      )}
    </div>
  );
}

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <div className="px-1 text-[11px] font-semibold uppercase tracking-wide text-stone-500">{label}</div>
      {children}
    </div>
  );
}
