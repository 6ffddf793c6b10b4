import type { TerminalInfo } from "../../../../shared/index.ts";

/**
 * What the server could say of an interactive `claude` that exited with an error, beyond its exit code: what it said,
 * and what to do (see explainTuiExit). Null otherwise (running, quit, killed: the exit line says that).
 */
export function exitProblem(terminal: TerminalInfo): string | null {
  return terminal.kind === "claude" && terminal.status === "exited" && terminal.exitCode !== null ? terminal.problem : null;
}

/** Says, above the terminal, why an interactive `claude` failed (see exitProblem); a phone's narrow row would cut it. */
export function ExitProblemNotice({ terminal, className = "" }: { terminal: TerminalInfo; className?: string }) {
  if (!exitProblem(terminal)) return null;
  return (
    <p role="status" data-testid="terminal-exit-problem" className={`bg-amber-50 text-xs text-amber-900 dark:bg-amber-950/40 dark:text-amber-100 ${className}`}>
      “{terminal.name}” ended{terminal.exitCode === null ? "" : ` (exit code ${terminal.exitCode})`}: {terminal.problem}
    </p>
  );
}
