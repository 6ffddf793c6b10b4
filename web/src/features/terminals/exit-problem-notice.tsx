import type { TerminalInfo } from "../../../../shared/index.ts";

/** True for a terminal whose process never started (a shell or a `claude` path that does not exist): its problem says why. */
export function couldNotStart(terminal: TerminalInfo): boolean {
  return terminal.status === "exited" && terminal.ending === "could_not_start";
}

/**
 * Why a terminal ended, when that is more than its row has room for: what a process that could not start was refused
 * with (the path and the error), or what an interactive `claude` that exited with an error said, and what to do (see
 * explainTuiExit). Null otherwise (running, quit, killed: the row's fact says that).
 */
export function exitProblem(terminal: TerminalInfo): string | null {
  if (couldNotStart(terminal)) return terminal.problem;
  return terminal.kind === "claude" && terminal.status === "exited" && terminal.ending === "exit_code" ? terminal.problem : null;
}

/**
 * Says, above the terminal, why it ended (see exitProblem), wrapping: a phone's narrow row cut it ("Could not start
 * /opt/…"), so the user could not read which path or why. `isOneLine` (the desktop's folded bar, where a long first-run
 * explanation would push the window's content up): one line, cut with an ellipsis, whole in its title and for a screen
 * reader; the open panel shows it all.
 */
export function ExitProblemNotice({ terminal, className = "", isOneLine = false }: { terminal: TerminalInfo; className?: string; isOneLine?: boolean }) {
  const problem = exitProblem(terminal);
  if (!problem) return null;
  const text = couldNotStart(terminal) ? `“${terminal.name}” did not start: ${problem}` : `“${terminal.name}” ended${terminal.exitCode === null ? "" : ` (exit code ${terminal.exitCode})`}: ${problem}`;
  return (
    <p role="status" data-testid="terminal-exit-problem" title={isOneLine ? text : undefined}
      className={`${isOneLine ? "truncate" : "break-words"} bg-amber-50 text-xs text-amber-900 dark:bg-amber-950/40 dark:text-amber-100 ${className}`}>
      {text}
    </p>
  );
}
