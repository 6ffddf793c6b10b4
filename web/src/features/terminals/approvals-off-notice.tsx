import type { TerminalInfo } from "../../../../shared/index.ts";

/**
 * Says that an interactive `claude` terminal's permission prompts reach no device (the CLI's managed settings block
 * ChatML's hook; `approvalsOff` says how), so they must be answered in the terminal itself. Nothing otherwise.
 */
export function ApprovalsOffNotice({ terminal, className = "" }: { terminal: TerminalInfo; className?: string }) {
  if (!terminal.approvalsOff) return null;
  return (
    <p role="note" className={`bg-amber-50 text-xs text-amber-900 dark:bg-amber-950/40 dark:text-amber-100 ${className}`}>
      Approvals from other devices are off for “{terminal.name}”: {terminal.approvalsOff}. Claude's permission prompts show only in the terminal; answer them there.
    </p>
  );
}
