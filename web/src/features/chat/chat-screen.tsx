import { useState, type ReactNode } from "react";
import type { ConversationId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { useEscapeLayer } from "../../lib/escape-layers.ts";
import { ListIcon, SlidersIcon } from "../../components/icons.tsx";
import "../../stores/apply-display.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useIsConnectionLost } from "../../stores/connection-store.ts";
import { DESKTOP_QUERY, useMediaQuery } from "../../lib/use-media-query.ts";
import { TopBar } from "../shell/top-bar.tsx";
import { InteractiveBar } from "../terminals/interactive-bar.tsx";
import { useInteractiveTerminal } from "../terminals/use-interactive-terminal.ts";
import { Composer } from "./composer/composer.tsx";
import { ConversationNotFound } from "./conversation-not-found.tsx";
import { useCommandCatalog } from "./composer/use-command-catalog.ts";
import { SessionPanel } from "./session/session-panel.tsx";
import { RateLimitBanner } from "./rate-limit-banner.tsx";
import { ArchivedNotice } from "./archived-notice.tsx";
import { BudgetUsedUpNotice } from "./budget-used-up-notice.tsx";
import { EndedRunNotice } from "./ended-run-notice.tsx";
import { SetupNotice } from "./setup-notice.tsx";
import { StatusBar } from "./status-bar.tsx";
import { CliFactsChip } from "./cli-facts.tsx";
import { TASKS_COLUMN_QUERY, TasksPanel } from "./tasks/tasks-panel.tsx";
import { useTasks } from "./tasks/use-tasks.ts";
import { Timeline } from "./timeline.tsx";
import { isBusy, useConversation } from "./use-conversation.ts";
import { useInterrupt } from "./use-interrupt.ts";
import { useShortcuts } from "./use-shortcuts.ts";
import { conversationTitle } from "../../lib/shown-title.ts";

/** What the session frame puts into a phone's conversation header instead of its own header row. */
export type PhoneSessionChrome = { line: ReactNode; menu: ReactNode };

/**
 * One conversation: header with tasks and session controls, status and mode in one row, the live timeline and the
 * composer. On phones the header also names the session (`phoneSession`): two compact rows above the conversation in
 * all.
 */
export function ChatScreen({ id, phoneSession }: { id: ConversationId; phoneSession?: PhoneSessionChrome | null }) {
  const { conversation, view, isReplayed, status, statusReason, loadError, isMissing } = useConversation(id);
  const cwd = useConversationsStore((s) => (conversation ? s.sessions[conversation.sessionId]?.cwd : undefined));
  const archivedSessionId = useConversationsStore((s) => {
    const session = conversation ? s.sessions[conversation.sessionId] : undefined;
    return session && session.archivedAt !== null ? session.id : null;
  });
  // Esc stops nothing while the connection is lost: nothing is known to run, and the server would not hear it.
  const isConnectionLost = useIsConnectionLost();
  const { interrupt, isStopping, error: stopError } = useInterrupt(id, isBusy(status), status === "running" && !isConnectionLost);
  // "budget": the session controls, opened from the used-up notice at the limit to raise.
  const [panel, setPanel] = useState<"tasks" | "session" | "budget" | null>(null);
  const tasks = useTasks(view);
  const title = (conversation && conversationTitle(conversation)) || "Conversation";
  const isDesktop = useMediaQuery(DESKTOP_QUERY);
  const isTasksColumn = useMediaQuery(TASKS_COLUMN_QUERY);
  // Beside the conversation on a wide screen; on a phone above the composer, which it must never cover.
  const tasksPanel = panel === "tasks" ? <TasksPanel conversationId={id} todos={tasks.todos} agents={tasks.agents} onClose={() => setPanel(null)} /> : null;
  useShortcuts(setPanel);
  useEscapeLayer(panel !== null, () => setPanel(null));
  const { commands, models } = useCommandCatalog(id, view);
  const terminal = useInteractiveTerminal(conversation?.sessionId ?? null, id);
  const toggle = (p: "tasks" | "session") => setPanel((cur) => (cur === p || (p === "session" && cur === "budget") ? null : p));
  if (isMissing) return <ConversationNotFound sessionId={conversation?.sessionId ?? null} />;
  return (
    <>
      {/* On phones the session's line and menu stand in for its header row; the folder is in its Details. */}
      <TopBar title={title} subtitle={isDesktop ? (cwd ?? view.cliSession?.cwd ?? null) : (phoneSession?.line ?? null)}>
        {isDesktop ? <CliFactsChip info={view.cliSession} status={status} /> : null}
        <Button variant="ghost" aria-label={`Tasks${tasks.todos.length ? ` (${tasks.todos.length})` : ""}${tasks.running ? `, ${tasks.running} running` : ""}`} aria-pressed={panel === "tasks"} onClick={() => toggle("tasks")}>
          <ListIcon />
          {tasks.running ? <span aria-hidden="true" className="size-2 rounded-full bg-accent" /> : null}
          {tasks.todos.length ? <span className="text-xs">{tasks.todos.filter((t) => t.status === "completed").length}/{tasks.todos.length}</span> : null}
        </Button>
        <Button variant="ghost" aria-label="Session controls" aria-pressed={panel === "session" || panel === "budget"} onClick={() => toggle("session")}>
          <SlidersIcon />
        </Button>
        {isDesktop ? null : phoneSession?.menu}
      </TopBar>
      {/* The page's main landmark, as on every other screen: a screen reader's "skip to main" lands on the conversation. */}
      <main className="flex min-h-0 flex-1 flex-col">
        {/* Status and mode share one row: on phones as two buttons, on desktops in full. */}
        <div className={`flex shrink-0 items-center justify-between gap-1 border-b border-stone-200 dark:border-stone-800 ${isDesktop ? "px-2" : "px-1"}`}>
          <StatusBar id={id} status={status} reason={statusReason} view={view} storedMode={conversation?.permissionMode ?? null} isCompact={!isDesktop} />
          {conversation ? <InteractiveBar conversationId={id} sessionId={conversation.sessionId} running={terminal} isCompact={!isDesktop} /> : null}
        </div>
        <div className="flex min-h-0 flex-1">
          <div className="flex min-w-0 flex-1 flex-col">
            <Timeline id={id} view={view} isReplayed={isReplayed} isRunning={status === "running" || status === "starting"} loadError={loadError} cwd={cwd ?? view.cliSession?.cwd ?? undefined} />
            {isTasksColumn ? null : tasksPanel}
            {conversation ? <SetupNotice sessionId={conversation.sessionId} /> : null}
            {conversation ? <ArchivedNotice sessionId={conversation.sessionId} /> : null}
            <BudgetUsedUpNotice conversationId={id} onRaise={() => setPanel("budget")} />
            {isBusy(status) ? null : <EndedRunNotice conversationId={id} />}
            <RateLimitBanner id={id} view={view} isBusy={isBusy(status)} />
            <Composer id={id} status={status} commands={commands} onStop={() => void interrupt()} isStopping={isStopping} stopError={stopError} terminalName={terminal?.name ?? null} promptSuggestion={view.promptSuggestion} archivedSessionId={archivedSessionId} />
          </div>
          {isTasksColumn ? tasksPanel : null}
        </div>
      </main>
      {panel === "session" || panel === "budget" ? <SessionPanel id={id} conversation={conversation} view={view} models={models} status={status} isBudgetAsked={panel === "budget"} onClose={() => setPanel(null)} /> : null}
    </>
  );
}
