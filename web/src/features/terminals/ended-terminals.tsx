import type { EndedTerminal } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";

/** What runs in a terminal of this kind, in words. */
export const kindLabel = (kind: EndedTerminal["kind"]) => (kind === "claude" ? "Claude TUI" : "shell");

function endedWhen(ms: number): string {
  const isToday = new Date(ms).toDateString() === new Date().toDateString();
  return new Date(ms).toLocaleString(undefined, isToday ? { timeStyle: "short" } : { dateStyle: "short", timeStyle: "short" });
}

type Props = { ended: EndedTerminal[]; onReopen(terminal: EndedTerminal): void; onDismiss(terminal: EndedTerminal): void };

/**
 * The session's terminals a ChatML restart ended (a PTY cannot outlive the server): each says what it was and when it
 * ended, opens a new one of its kind in the session's folder (a Claude TUI resumes its conversation), or is dismissed.
 */
export function EndedTerminals({ ended, onReopen, onDismiss }: Props) {
  if (ended.length === 0) return null;
  return (
    <ul aria-label="Terminals ended by a ChatML restart" className="divide-y divide-amber-200 border-b border-stone-200 text-sm dark:divide-amber-900 dark:border-stone-800">
      {ended.map((terminal) => (
        <li key={terminal.id} className="flex flex-wrap items-center gap-x-1 bg-amber-50 px-3 dark:bg-amber-950/40">
          <span className="min-w-0 flex-[1_1_12rem] py-1">
            <strong className="font-medium">{terminal.name}</strong> ({kindLabel(terminal.kind)}) ended when ChatML restarted, at {endedWhen(terminal.endedAt)}.
          </span>
          <span className="ml-auto flex shrink-0">
            <Button variant="ghost" onClick={() => onReopen(terminal)} aria-label={`Open a new ${kindLabel(terminal.kind)} in place of ${terminal.name}`}>
              {terminal.kind === "claude" ? "Resume" : "Open again"}
            </Button>
            <Button variant="ghost" onClick={() => onDismiss(terminal)} aria-label={`Dismiss the notice about ${terminal.name}`}>
              Dismiss
            </Button>
          </span>
        </li>
      ))}
    </ul>
  );
}
