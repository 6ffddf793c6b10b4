import { useState } from "react";
import type { ConversationId, SessionId, TerminalId, TerminalInfo } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { ChevronIcon } from "../../components/icons.tsx";
import { ModalSheet } from "../../components/modal-sheet.tsx";
import { terminalsApi } from "../../lib/terminals-api.ts";
import { noteOpenedHere, useTerminalsStore } from "../../stores/terminals-store.ts";
import { HooksOffNotice } from "./hooks-off-notice.tsx";
import { startModeOption } from "./claude-start-mode.ts";
import { permissionModeName } from "../../lib/permission-modes.ts";
import { useWorkbenchStore } from "../../stores/workbench-store.ts";
import { DOT } from "../../lib/dot-join.ts";

const BILLING = "The interactive claude uses your Claude plan's own limits (with an API key, your API account); this chat mode (claude -p) draws on the Agent SDK credit on Pro and Max plans.";

type BarProps = { conversationId: ConversationId; sessionId: SessionId; running: TerminalInfo | null; /** Phones: one small button; the explanation and the switch in a sheet. */ isCompact: boolean };

/**
 * Which mode the conversation runs in: the chat (stream-json) or the real interactive `claude` in a terminal
 * (`running`, see useInteractiveTerminal), whose turns this timeline mirrors. Offers the switch both ways, and says
 * what each bills against.
 */
export function InteractiveBar(props: BarProps) {
  const mode = useModeSwitch(props);
  const { running } = props;
  if (props.isCompact) return <CompactModeButton running={running} mode={mode} />;
  return (
    <div data-testid="interactive-bar" className="flex min-w-0 flex-[0_1_auto] flex-col items-end py-0.5 text-xs text-stone-600 dark:text-stone-400">
      <div className="flex min-w-0 max-w-full items-center gap-2 [&>button]:shrink-0 [&>button]:whitespace-nowrap">
        {/* Wraps rather than cut: beside the side panel at 1440 px it read "…Agent SDK credit o…". */}
        <span data-testid="mode-hint" className="min-w-0 text-right" title={BILLING}>
          {running ? `Interactive mode in the terminal “${running.name}” (your plan's limits)${modeSuffix(running)}` : "Chat mode (claude -p: Agent SDK credit on Pro/Max plans)."}
        </span>
        <ModeActions running={running} mode={mode} />
      </div>
      {running ? <HooksOffNotice terminal={running} className="px-2 py-0.5" /> : null}
      {mode.error ? <ErrorText message={mode.error} /> : null}
    </div>
  );
}

/** The permission mode the TUI runs in, as its status line shows it (" · Permissions: Accept edits"); nothing while unknown. */
function modeSuffix(terminal: TerminalInfo): string {
  return terminal.permissionMode ? `${DOT}Permissions: ${permissionModeName(terminal.permissionMode)}` : "";
}

/** On a phone the mode is one button in the status row; its sheet explains the mode and offers the switch. */
function CompactModeButton({ running, mode }: { running: TerminalInfo | null; mode: ModeSwitch }) {
  const [isOpen, setOpen] = useState(false);
  const name = running ? "Interactive mode" : "Chat mode";
  return (
    <>
      <Button variant="ghost" data-testid="interactive-bar" aria-label={`Mode: ${running ? "interactive" : "chat"}`} aria-haspopup="dialog" className="shrink-0 gap-1 px-2 text-xs" onClick={() => setOpen(true)}>
        {running ? "Interactive" : "Chat mode"}
        <ChevronIcon width={14} height={14} className="rotate-90 text-stone-400" />
      </Button>
      {isOpen ? (
        <ModalSheet title={name} onClose={() => setOpen(false)}>
          <p className="text-sm text-stone-600 dark:text-stone-400">
            {running ? `This conversation runs in the terminal “${running.name}”, on your plan's own limits${modeSuffix(running)}.` : "This conversation runs as claude -p, on the Agent SDK credit of Pro and Max plans."}
          </p>
          <p className="text-xs text-stone-500">{BILLING}</p>
          {running ? <HooksOffNotice terminal={running} className="rounded px-2 py-1" /> : null}
          {/* Close as the status sheet beside it has: a phone user did not know the dimmed page above closes it. */}
          <div className="flex flex-wrap gap-2">
            <ModeActions running={running} mode={mode} onDone={() => setOpen(false)} />
            <Button variant="secondary" className="ml-auto" onClick={() => setOpen(false)}>Close</Button>
          </div>
          {mode.error ? <ErrorText message={mode.error} /> : null}
        </ModalSheet>
      ) : null}
    </>
  );
}

function ModeActions({ running, mode, onDone }: { running: TerminalInfo | null; mode: ModeSwitch; onDone?: () => void }) {
  const then = (isDone: boolean) => (isDone ? onDone?.() : undefined);
  if (!running) {
    return (
      <Button variant="ghost" disabled={mode.isBusy} onClick={() => void mode.continueInTerminal().then(then)} aria-label="Continue in the interactive terminal" title={BILLING}>
        Continue in terminal
      </Button>
    );
  }
  return (
    <>
      <Button variant="ghost" onClick={() => {
          mode.show(running.id);
          onDone?.();
        }} aria-label="Open the interactive terminal">Open terminal</Button>
      <Button variant="ghost" disabled={mode.isBusy} onClick={() => void mode.backToChat(running.id).then(then)} aria-label="Back to chat mode" title="Closes the interactive terminal; the next message continues the same Claude session in chat mode">
        Back to chat mode
      </Button>
    </>
  );
}

type ModeSwitch = ReturnType<typeof useModeSwitch>;

function useModeSwitch({ conversationId, sessionId }: BarProps) {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const show = (id: TerminalId) => {
    useTerminalsStore.getState().setActive(sessionId, id);
    useWorkbenchStore.getState().patch(sessionId, { phoneView: "terminals" });
  };
  /** Runs a switch; answers whether it worked (a failure is said in `error`). */
  const act = async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const continueInTerminal = () =>
    act(async () => {
      const { terminal } = await terminalsApi.startClaude(sessionId, { conversationId, ...startModeOption() });
      noteOpenedHere(terminal.id);
      useTerminalsStore.getState().upsert(terminal as TerminalInfo);
      show(terminal.id as TerminalId);
    });
  // Closing the TUI ends its turn; what it wrote stays mirrored, and the next message resumes the session here.
  const backToChat = (id: TerminalId) => act(async () => void (await terminalsApi.close(id)));
  return { error, isBusy, show, continueInTerminal, backToChat };
}
