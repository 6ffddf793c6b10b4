import { lazy, Suspense, useEffect, useState } from "react";
import type { SessionId, TerminalId, TerminalInfo } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { terminalsApi } from "../../lib/terminals-api.ts";
import { selectTerminals, useTerminalsStore } from "../../stores/terminals-store.ts";
import { MAX_TERMINALS_PER_SESSION } from "../../../../shared/index.ts";
import { ApprovalCards } from "./approval-cards.tsx";
import { OutsideSessions } from "./outside-sessions.tsx";

const TerminalView = lazy(() => import("./terminal-view.tsx"));

/** A session's terminals: tabs, open/rename/kill/restart/close, and the chosen one drawn by xterm (lazy). */
export function TerminalsPanel({ sessionId }: { sessionId: SessionId }) {
  const terminals = useTerminalsStore(selectTerminals(sessionId));
  const activeId = useTerminalsStore((s) => s.activeBySession[sessionId]);
  const [error, setError] = useState<string | null>(null);
  const active = terminals.find((t) => t.id === activeId) ?? terminals[0];

  useEffect(() => {
    terminalsApi.list(sessionId).then(
      ({ terminals: list }) => useTerminalsStore.getState().setSession(sessionId, list as TerminalInfo[]),
      (e: Error) => setError(e.message),
    );
  }, [sessionId]);

  const run = (action: Promise<unknown>) => action.then(() => setError(null), (e: Error) => setError(e.message));
  const open = () =>
    run(
      terminalsApi.create(sessionId, 100, 30).then(({ terminal }) => {
        useTerminalsStore.getState().upsert(terminal as TerminalInfo);
        useTerminalsStore.getState().setActive(sessionId, terminal.id as TerminalId);
      }),
    );

  const openClaude = (resumeSessionId?: string) =>
    run(
      terminalsApi.startClaude(sessionId, 100, 30, resumeSessionId ? { resumeSessionId } : {}).then(({ terminal }) => {
        useTerminalsStore.getState().upsert(terminal as TerminalInfo);
        useTerminalsStore.getState().setActive(sessionId, terminal.id as TerminalId);
      }),
    );
  const isFull = terminals.length >= MAX_TERMINALS_PER_SESSION;

  return (
    <section aria-label="Terminals" className="flex min-h-0 flex-1 flex-col overflow-hidden rounded-xl border border-stone-200 dark:border-stone-800">
      <div role="tablist" aria-label="Terminals of this session" className="flex items-center gap-1 overflow-x-auto border-b border-stone-200 p-1 dark:border-stone-800">
        {terminals.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={t.id === active?.id} onClick={() => useTerminalsStore.getState().setActive(sessionId, t.id)}
            className={`min-h-11 shrink-0 rounded-lg px-3 text-sm ${t.id === active?.id ? "bg-stone-200 font-medium dark:bg-stone-800" : "hover:bg-stone-100 dark:hover:bg-stone-900"}`}>
            {t.name}
            {t.status === "exited" ? <span className="ml-1 text-xs text-stone-500">(exited)</span> : null}
          </button>
        ))}
        <Button variant="ghost" onClick={() => void open()} disabled={isFull} aria-label="New terminal">
          + Terminal
        </Button>
        <Button variant="ghost" onClick={() => void openClaude()} disabled={isFull} aria-label="New interactive Claude"
          title="The real claude TUI; uses your Claude plan's interactive limits (or your API key), not the Agent SDK credit">
          + Claude
        </Button>
      </div>
      {error ? <ErrorText message={error} className="px-3 py-1" /> : null}
      <ApprovalCards sessionId={sessionId} />
      <OutsideSessions sessionId={sessionId} onContinue={(id) => void openClaude(id)} />
      {active ? <TerminalActions terminal={active} run={run} /> : <p className="p-3 text-sm text-stone-500">No terminals yet. They run in this session's folder and keep running when you close the page.</p>}
      {active ? (
        <Suspense fallback={<p className="p-3 text-sm text-stone-500">Loading the terminal…</p>}>
          <TerminalView key={active.id} terminal={active} />
        </Suspense>
      ) : null}
    </section>
  );
}

function TerminalActions({ terminal, run }: { terminal: TerminalInfo; run: (action: Promise<unknown>) => void }) {
  const rename = () => {
    const name = prompt("Rename terminal", terminal.name);
    if (name?.trim()) run(terminalsApi.rename(terminal.id, name.trim()));
  };
  return (
    <div className="flex flex-wrap items-center gap-1 px-2 py-1 text-sm">
      <span className="min-w-0 flex-1 truncate text-xs text-stone-500">
        {terminal.kind === "claude" ? "Interactive Claude · plan limits · " : ""}
        {terminal.status === "running" ? `${terminal.cols}×${terminal.rows}` : terminal.problem ?? `exited with code ${terminal.exitCode}`}
      </span>
      <Button variant="ghost" onClick={rename} aria-label={`Rename ${terminal.name}`}>Rename</Button>
      {terminal.status === "running" ? (
        <Button variant="ghost" onClick={() => run(terminalsApi.kill(terminal.id))} aria-label={`Kill ${terminal.name}`}>Kill</Button>
      ) : null}
      <Button variant="ghost" onClick={() => run(terminalsApi.restart(terminal.id))} aria-label={`Restart ${terminal.name}`}>Restart</Button>
      <Button variant="ghost" onClick={() => run(terminalsApi.close(terminal.id))} aria-label={`Close ${terminal.name}`}>Close</Button>
    </div>
  );
}
