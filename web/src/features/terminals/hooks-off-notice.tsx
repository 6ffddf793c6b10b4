import { useState } from "react";
import type { TerminalInfo } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { terminalsApi } from "../../lib/terminals-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";

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
          <RestartForSwitches terminal={terminal} />
        </div>
      ) : null}
    </>
  );
}

/**
 * Restarts the TUI so it reads the Skills screen's switches again, offered only while that is safe: the TUI runs and
 * its conversation is not in a turn or waiting for an answer (a restart would cut that off).
 */
function RestartForSwitches({ terminal }: { terminal: TerminalInfo }) {
  const status = useConversationsStore((s) => (terminal.conversationId ? s.conversations[terminal.conversationId]?.status : undefined));
  const [error, setError] = useState<string | null>(null);
  if (terminal.status !== "running") return null;
  if (status === "running" || status === "waiting" || status === "starting") return <p>Restart it once Claude has finished its turn.</p>;
  return (
    <>
      <Button variant="ghost" className="text-xs" aria-label={`Restart ${terminal.name} to apply the skill switches`} onClick={() => void terminalsApi.restart(terminal.id).then(() => setError(null), (e: Error) => setError(e.message))}>
        Restart to apply the switches
      </Button>
      {error ? <ErrorText message={error} /> : null}
    </>
  );
}
