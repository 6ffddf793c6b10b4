import type { TerminalInfo } from "../../../../shared/index.ts";
import { RestartToApply } from "./restart-to-apply.tsx";

const NOTE = "bg-amber-50 text-xs text-amber-900 dark:bg-amber-950/40 dark:text-amber-100";

/**
 * Says what an interactive `claude` terminal does not get from ChatML because the CLI's managed settings block the
 * hook for it (the terminal's `approvalsOff` / `skillChecksOff` say how): its permission prompts reach no device, or
 * the Skills screen's switches are not checked in it. Nothing otherwise.
 */
export function HooksOffNotice({ terminal, className = "" }: { terminal: TerminalInfo; className?: string }) {
  return (
    <>
      {terminal.approvalsOff ? (
        <p role="note" className={`${NOTE} ${className}`}>
          Approvals from other devices are off for “{terminal.name}”: {terminal.approvalsOff}. Claude's permission prompts show only in the terminal; answer them there.
        </p>
      ) : null}
      {terminal.skillChecksOff ? (
        <div role="note" className={`${NOTE} ${className}`}>
          <p>
            The Skills screen's switches are not checked in “{terminal.name}”: {terminal.skillChecksOff}. It was told only which skills were off when it started, and Claude Code may still run one of them typed into it.
            {" "}A switch made since takes effect when it restarts (it continues the same Claude session).
          </p>
          <RestartToApply terminal={terminal} name={`Restart ${terminal.name} to apply the skill switches`} label="Restart to apply the switches" />
        </div>
      ) : null}
    </>
  );
}
