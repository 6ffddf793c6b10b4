import { useState } from "react";
import type { ConversationId, SessionId, TerminalId, TerminalInfo } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { terminalsApi } from "../../lib/terminals-api.ts";
import { useTerminalsStore } from "../../stores/terminals-store.ts";
import { useWorkbenchStore } from "../../stores/workbench-store.ts";

const BILLING = "The interactive claude uses your Claude plan's own limits (with an API key, your API account); this chat mode (claude -p) draws on the Agent SDK credit on Pro and Max plans.";

/**
 * Which mode the conversation runs in: the chat (stream-json) or the real interactive `claude` in a terminal
 * (`running`, see useInteractiveTerminal), whose turns this timeline mirrors. Offers the switch both ways, and says
 * what each bills against.
 */
export function InteractiveBar({ conversationId, sessionId, running }: { conversationId: ConversationId; sessionId: SessionId; running: TerminalInfo | null }) {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const show = (id: TerminalId) => {
    useTerminalsStore.getState().setActive(sessionId, id);
    useWorkbenchStore.getState().patch(sessionId, { phoneView: "terminals" });
  };
  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const continueInTerminal = () =>
    act(async () => {
      const { terminal } = await terminalsApi.startClaude(sessionId, 100, 30, { conversationId });
      useTerminalsStore.getState().upsert(terminal as TerminalInfo);
      show(terminal.id as TerminalId);
    });
  // Closing the TUI ends its turn; what it wrote stays mirrored, and the next message resumes the session here.
  const backToChat = (id: TerminalId) => act(async () => void (await terminalsApi.close(id)));
  return (
    <div data-testid="interactive-bar" className="flex shrink-0 flex-wrap items-center gap-2 border-b border-stone-200 px-3 py-1 text-xs text-stone-600 dark:border-stone-800 dark:text-stone-400">
      {running ? (
        <>
          <span className="min-w-0 flex-1" title={BILLING}>
            <span className="sm:hidden">Interactive mode (your plan's limits)</span>
            <span className="hidden sm:inline">Interactive mode in the terminal “{running.name}” (your plan's limits)</span>
          </span>
          <Button variant="ghost" onClick={() => show(running.id)} aria-label="Open the interactive terminal">Open terminal</Button>
          <Button variant="ghost" disabled={isBusy} onClick={() => void backToChat(running.id)} aria-label="Back to chat mode" title="Closes the interactive terminal; the next message continues the same Claude session in chat mode">
            Back to chat mode
          </Button>
        </>
      ) : (
        <>
          <span className="min-w-0 flex-1" title={BILLING}>Chat mode (claude -p: Agent SDK credit on Pro/Max plans).</span>
          <Button variant="ghost" disabled={isBusy} onClick={() => void continueInTerminal()} aria-label="Continue in the interactive terminal" title={BILLING}>
            Continue in terminal
          </Button>
        </>
      )}
      {error ? <ErrorText message={error} className="w-full" /> : null}
    </div>
  );
}
