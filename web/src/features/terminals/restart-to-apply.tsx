import { useState } from "react";
import type { TerminalInfo } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { terminalsApi } from "../../lib/terminals-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";

/**
 * Restarts an interactive `claude` so it starts again with what it reads only at its start (the Skills screen's
 * switches, its conversation's effort level), offered only while that is safe: the TUI runs and its conversation is not
 * in a turn or waiting for an answer (a restart would cut that off). It continues the same Claude session.
 */
export function RestartToApply({ terminal, name, label }: { terminal: TerminalInfo; name: string; label: string }) {
  const status = useConversationsStore((s) => (terminal.conversationId ? s.conversations[terminal.conversationId]?.status : undefined));
  const [error, setError] = useState<string | null>(null);
  if (terminal.status !== "running") return null;
  if (status === "running" || status === "waiting" || status === "starting") return <p>Restart it once Claude has finished its turn.</p>;
  return (
    <>
      <Button variant="ghost" className="text-xs" aria-label={name} onClick={() => void terminalsApi.restart(terminal.id).then(() => setError(null), (e: Error) => setError(e.message))}>
        {label}
      </Button>
      {error ? <ErrorText message={error} /> : null}
    </>
  );
}
