import { useState } from "react";
import type { TerminalInfo } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { terminalsApi } from "../../lib/terminals-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useTerminalsStore } from "../../stores/terminals-store.ts";

type Props = {
  terminal: TerminalInfo;
  name: string;
  label: string;
  /**
   * Told true as the restart is asked for and false once it is over (done or failed), so the notice offering it can
   * go at once rather than stay until the TUI has stopped and started again.
   */
  onRestarting?(isRestarting: boolean): void;
};

/**
 * Restarts an interactive `claude` so it starts again with what it reads only at its start (the Skills screen's
 * switches, its conversation's effort level), offered only while that is safe: the TUI runs and its conversation is not
 * in a turn or waiting for an answer (a restart would cut that off). It continues the same Claude session.
 */
export function RestartToApply({ terminal, name, label, onRestarting }: Props) {
  const status = useConversationsStore((s) => (terminal.conversationId ? s.conversations[terminal.conversationId]?.status : undefined));
  const [error, setError] = useState<string | null>(null);
  if (terminal.status !== "running") return null;
  if (status === "running" || status === "waiting" || status === "starting") return <p>Restart it once Claude has finished its turn.</p>;
  const restart = () => {
    onRestarting?.(true);
    void terminalsApi.restart(terminal.id).then(
      // The answer is the TUI as it started again: the store has what it was started with before the notice may show again.
      ({ terminal: restarted }) => {
        useTerminalsStore.getState().upsert(restarted as TerminalInfo);
        setError(null);
        onRestarting?.(false);
      },
      (e: Error) => {
        setError(e.message);
        onRestarting?.(false);
      },
    );
  };
  return (
    <>
      <Button variant="ghost" className="text-xs" aria-label={name} onClick={restart}>
        {label}
      </Button>
      {error ? <ErrorText message={error} /> : null}
    </>
  );
}
