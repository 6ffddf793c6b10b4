import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import { PickableModeOptions } from "../../components/permission-mode-option.tsx";
import { useUnavailablePermissionModes } from "../../stores/server-facts-store.ts";
import type { EndedTerminal, SessionId, TerminalId, TerminalInfo } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { ChevronIcon } from "../../components/icons.tsx";
import { terminalsApi } from "../../lib/terminals-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useHasRoomForPanels, useIsShortViewport } from "../../lib/use-short-viewport.ts";
import { loadSessionTerminals, noteOpenedHere, selectEndedTerminals, selectTerminals, useTerminalsStore } from "../../stores/terminals-store.ts";
import { MAX_TERMINALS_PER_SESSION } from "../../../../shared/index.ts";
import { ApprovalCards } from "./approval-cards.tsx";
import { HooksOffNotice } from "./hooks-off-notice.tsx";
import { EffortChangedNotice } from "./effort-changed-notice.tsx";
import { CompactEndedTerminals, EndedTerminals } from "./ended-terminals.tsx";
import { ExitProblemNotice } from "./exit-problem-notice.tsx";
import { PhoneFact, TerminalFacts } from "./terminal-facts.tsx";
import { TerminalActions, TerminalActionsMenu } from "./terminal-actions.tsx";
import { OutsideSessions } from "./outside-sessions.tsx";
import { TerminalRenameField } from "./terminal-rename.tsx";
import { permissionModeName } from "../../lib/permission-modes.ts";
import { useIsShortPanel } from "./use-short-panel.ts";
import { useChosenTabInView } from "./use-chosen-tab-in-view.ts";
import { startEffortOption, startModeOption, useClaudeStartMode, type ClaudeStartMode } from "./claude-start-mode.ts";

const TerminalView = lazy(() => import("./terminal-view.tsx"));
/**
 * The least room the terminal keeps beside notices and cards: a few rows and, on a touch screen, its key bar; in a
 * short panel, most of it (10rem under the rows above overflowed a small window's bottom panel, and cut the prompt off).
 */
const TERMINAL_MIN_HEIGHT = "min-h-[min(10rem,60%)]";

/**
 * Why the session opens no new terminal (the server refuses one in an archived session or a removed workspace's), with
 * the way to open it again; null while it may.
 */
function useClosedToTerminals(sessionId: SessionId): string | null {
  return useConversationsStore((s) => {
    const session = s.sessions[sessionId];
    const workspace = session ? s.workspaces[session.workspaceId] : undefined;
    if (workspace && workspace.archivedAt !== null) return `The workspace ${workspace.name} was removed, so this session opens no terminal. Restore the workspace to open one.`;
    if (session && session.archivedAt !== null) return "This session is archived, so it opens no terminal. Unarchive it (on its overview) to open one.";
    return null;
  });
}

/** A session's terminals as the server lists them, and the actions that open new ones (the panel and the bar share it). */
function useSessionTerminals(sessionId: SessionId) {
  const terminals = useTerminalsStore(selectTerminals(sessionId));
  const ended = useTerminalsStore(selectEndedTerminals(sessionId));
  const activeId = useTerminalsStore((s) => s.activeBySession[sessionId]);
  const [error, setError] = useState<string | null>(null);
  const closedReason = useClosedToTerminals(sessionId);

  useEffect(() => {
    loadSessionTerminals(sessionId).catch((e: Error) => setError(e.message));
  }, [sessionId]);

  /** Runs an action, showing its error; resolves whether it worked. */
  const run = (action: Promise<unknown>): Promise<boolean> =>
    action.then(
      () => (setError(null), true),
      (e: Error) => (setError(e.message), false),
    );
  const show = ({ terminal }: { terminal: TerminalInfo }) => {
    noteOpenedHere(terminal.id);
    useTerminalsStore.getState().upsert(terminal);
    useTerminalsStore.getState().setActive(sessionId, terminal.id as TerminalId);
  };
  const opened = (answer: unknown) => show(answer as { terminal: TerminalInfo });
  const dismiss = (terminal: EndedTerminal) => run(terminalsApi.dismissEnded(terminal.id));
  const endedSheet = useState(false);
  const [isEndedSheetShown, setEndedSheet] = endedSheet;
  // The last dismissed takes the sheet with it (set while rendering, as React advises for state that follows props):
  // the notices of a later restart do not open it by themselves.
  if (ended.length === 0 && isEndedSheetShown) setEndedSheet(false);
  /** The terminal whose tab is a name field now (Rename), kept across the panel's layouts like the sheet. */
  const [renamingId, setRenamingId] = useState<TerminalId | null>(null);
  return {
    terminals,
    ended,
    /** Whether the sheet of those a restart ended is open, kept across the panel's layouts (a phone turned sideways). */
    endedSheet,
    renamingId,
    /** Turns a terminal's tab into a field to rename it in place, or (null) back into its tab. */
    setRenamingId,
    active: terminals.find((t) => t.id === activeId) ?? terminals[0],
    error,
    run,
    /** Why no terminal opens now, said where the terminal would be. */
    closedReason,
    /** "+ Terminal" and "+ Claude" are off: the session has its most terminals, or opens none (`closedReason`). */
    isOpeningOff: terminals.length >= MAX_TERMINALS_PER_SESSION || closedReason !== null,
    open: () => run(terminalsApi.create(sessionId).then(opened)),
    openClaude: (resumeSessionId?: string) => run(terminalsApi.startClaude(sessionId, { ...startModeOption(), ...startEffortOption(sessionId), ...(resumeSessionId ? { resumeSessionId } : {}) }).then(opened)),
    dismiss,
    /** A new terminal in place of one a restart ended: a shell of the same name, or the TUI of the same conversation. */
    reopen: (terminal: EndedTerminal) => {
      const started = terminal.kind === "claude" ? terminalsApi.startClaude(sessionId, { ...startModeOption(), ...(terminal.conversationId ? { conversationId: terminal.conversationId } : {}) }) : terminalsApi.create(sessionId, terminal.name);
      return run(started.then(opened).then(() => terminalsApi.dismissEnded(terminal.id)));
    },
  };
}

/**
 * "+ Terminal" and "+ Claude", each on one line: with more tabs than fit, the tab row scrolls rather than wraps them.
 * Their names are what they show (a voice-control user says "click plus Claude"); the title says what Claude opens.
 */
function NewTerminalButtons({ isOpeningOff, onTerminal, onClaude }: { isOpeningOff: boolean; onTerminal: () => void; onClaude: () => void }) {
  return (
    <>
      <Button variant="ghost" className="shrink-0 whitespace-nowrap" onClick={onTerminal} disabled={isOpeningOff}>
        + Terminal
      </Button>
      <Button variant="ghost" className="shrink-0 whitespace-nowrap" onClick={onClaude} disabled={isOpeningOff}
        title="A new interactive Claude: the real claude TUI; uses your Claude plan's interactive limits (or your API key), not the Agent SDK credit">
        + Claude
      </Button>
      <ClaudeStartModePicker />
    </>
  );
}

const SETTINGS_LABEL = "Your Claude Code settings";

/**
 * The mode "+ Claude" starts the TUI in (this device's choice): the conversation picker's modes, or the user's own
 * settings. The chosen mode's name, drawn beside the select, gives the picker its width, so it is never cut ("Your
 * Claude Co…" in a fixed 8rem); the select lies over it, invisible, and takes the taps and keys.
 */
function ClaudeStartModePicker() {
  const { mode, setMode } = useClaudeStartMode();
  const unavailable = useUnavailablePermissionModes();
  return (
    <span className="relative inline-flex min-h-11 shrink-0 items-center gap-1 whitespace-nowrap rounded-lg border border-stone-300 bg-white pl-2 pr-1 text-xs has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-stone-400 dark:border-stone-700 dark:bg-stone-900">
      <span aria-hidden data-testid="claude-start-mode-shown">{mode === "settings" ? SETTINGS_LABEL : permissionModeName(mode)}</span>
      <ChevronIcon width={14} height={14} className="rotate-90 text-stone-500" />
      <select aria-label="Mode of a new interactive Claude" title="The permission mode + Claude starts the TUI in (shift+tab in the TUI changes it)" value={mode}
        onChange={(e) => setMode(e.target.value as ClaudeStartMode)}
        className="absolute inset-0 h-full w-full cursor-pointer appearance-none opacity-0">
        <PickableModeOptions unavailable={unavailable} />
        <option value="settings">{SETTINGS_LABEL}</option>
      </select>
    </span>
  );
}

/**
 * A session's terminals: tabs, open/rename/kill/restart/close, and the chosen one drawn by xterm (lazy). In the
 * desktop's bottom panel `onHide` folds it into {@link TerminalsBar}.
 */
export function TerminalsPanel({ sessionId, onHide }: { sessionId: SessionId; onHide?: () => void }) {
  const terminals = useSessionTerminals(sessionId);
  const { ended, endedSheet, active, error, reopen, dismiss, closedReason } = terminals;
  const sectionRef = useRef<HTMLElement>(null);
  // A short screen, or a short panel (a desktop's bottom panel in an 800×600 window: the three rows of the wide
  // layout and the terminal's least room overflowed it, and its prompt line was cut off).
  const isShortPanel = useIsShortPanel(sectionRef);
  const isShort = useIsShortViewport() || isShortPanel;
  // A phone's full-screen Terminals view (no panels beside it), as the workbench decides.
  const isPhone = !useHasRoomForPanels();
  return (
    <section ref={sectionRef} aria-label="Terminals" className="flex min-h-0 flex-1 flex-col overflow-hidden rounded-xl border border-stone-200 dark:border-stone-800">
      {isShort ? <ShortRow sessionId={sessionId} terminals={terminals} onHide={onHide} /> : isPhone ? <PhoneRows sessionId={sessionId} terminals={terminals} /> : <WideRows sessionId={sessionId} terminals={terminals} onHide={onHide} />}
      {/* What is said about the terminals scrolls in a box of its own, so the terminal keeps room to work in (a long exit
          notice and a permission card left it no rows on a phone turned sideways). */}
      <div data-testid="terminal-notices" className="min-h-0 shrink overflow-y-auto">
        {error ? <ErrorText message={error} className="px-3 py-1" /> : null}
        {/* A waiting Claude first: it is the one thing here that needs an answer now. */}
        {isShort ? null : <ApprovalCards sessionId={sessionId} />}
        {isShort ? null : <EndedTerminals ended={ended} sheet={endedSheet} onReopen={(t) => void reopen(t)} onDismiss={(t) => void dismiss(t)} />}
        {active ? <HooksOffNotice terminal={active} className="px-3 py-1" /> : null}
        {active ? <EffortChangedNotice terminal={active} className="px-3 py-1" /> : null}
        {active ? <ExitProblemNotice terminal={active} className="px-3 py-1" /> : null}
      </div>
      <div className={`relative flex flex-1 flex-col ${TERMINAL_MIN_HEIGHT}`}>
        {isShort ? <ApprovalCards sessionId={sessionId} isOverlay /> : null}
        {active ? null : (
          <p className="p-3 text-sm text-stone-500">
            {/* "Yet" beside the terminals a restart ended would say there never were any. */}
            {closedReason ?? (ended.length > 0 ? "No terminal is running now. Open a new one, or one in place of a terminal the restart ended." : "No terminals yet. They run in this session's folder and keep running when you close the page.")}
          </p>
        )}
        {active ? (
          <Suspense fallback={<p className="p-3 text-sm text-stone-500">Loading the terminal…</p>}>
            <TerminalView key={active.id} terminal={active} />
          </Suspense>
        ) : null}
      </div>
    </section>
  );
}

type SessionTerminals = ReturnType<typeof useSessionTerminals>;

/**
 * The session's tabs; the row they sit in decides whether they scroll in a box of their own (`className`). What takes
 * the focus in them (a tab, the rename field and its buttons) draws its ring inside itself: the app's ring, 2 px out
 * from the element, was cut by the scrolling box, which clips what passes its edge (the rename field showed a sliver).
 */
function TerminalTabs({ sessionId, terminals, className }: { sessionId: SessionId; terminals: SessionTerminals; className: string }) {
  const listRef = useRef<HTMLDivElement>(null);
  useChosenTabInView(listRef);
  return (
    <div ref={listRef} role="tablist" aria-label="Terminals of this session" className={`flex items-center gap-1 [&_:focus-visible]:-outline-offset-2 ${className}`}>
      {terminals.terminals.map((t) =>
        t.id === terminals.renamingId ? (
          <TerminalRenameField key={t.id} terminal={t} onDone={() => terminals.setRenamingId(null)} />
        ) : (
          <TerminalTab key={t.id} terminal={t} isActive={t.id === terminals.active?.id} onSelect={() => useTerminalsStore.getState().setActive(sessionId, t.id)} />
        ),
      )}
    </div>
  );
}

/** The tabs, then "+ Terminal", "+ Claude" and its mode: the short row's and the desktop's start. */
function TabsAndNewButtons({ sessionId, terminals, className, tabsClassName }: { sessionId: SessionId; terminals: SessionTerminals; className: string; tabsClassName: string }) {
  const { isOpeningOff, open, openClaude } = terminals;
  return (
    <div className={`flex items-center gap-1 ${className}`}>
      <TerminalTabs sessionId={sessionId} terminals={terminals} className={tabsClassName} />
      <div className="flex shrink-0 items-center gap-1">
        <NewTerminalButtons isOpeningOff={isOpeningOff} onTerminal={() => void open()} onClaude={() => void openClaude()} />
      </div>
    </div>
  );
}

/**
 * When the visible screen is short (a phone's keyboard is open, a phone turned sideways), or the panel is (a small
 * window's bottom panel), the tabs, the sessions from outside ChatML and the chosen terminal's facts share one row,
 * scrolling sideways, to leave the terminal room; its actions sit in a menu pinned to its end, always on screen, with
 * the bottom panel's Hide.
 */
function ShortRow({ sessionId, terminals, onHide }: { sessionId: SessionId; terminals: SessionTerminals; onHide?: (() => void) | undefined }) {
  const { active, ended, endedSheet, run, openClaude, reopen, dismiss } = terminals;
  return (
    <div className="flex shrink-0 items-center overflow-x-auto border-b border-stone-200 dark:border-stone-800">
      <TabsAndNewButtons sessionId={sessionId} terminals={terminals} className="shrink-0 p-1" tabsClassName="shrink-0" />
      <div className="flex flex-none flex-nowrap items-center gap-x-1">
        {ended.length > 0 ? <CompactEndedTerminals ended={ended} sheet={endedSheet} onReopen={(t) => void reopen(t)} onDismiss={(t) => void dismiss(t)} /> : null}
        <OutsideSessions sessionId={sessionId} onContinue={(id) => void openClaude(id)} />
        {active ? <TerminalFacts terminal={active} isShort /> : null}
      </div>
      {active || onHide ? (
        <RowEnd>
          {active ? <TerminalActionsMenu terminal={active} run={run} onRename={() => terminals.setRenamingId(active.id)} /> : null}
          {onHide ? <HideButton onHide={onHide} /> : null}
        </RowEnd>
      ) : null}
    </div>
  );
}

/** The end of a row that scrolls sideways: pinned there, always on screen. */
function RowEnd({ children }: { children: ReactNode }) {
  return <div className="sticky right-0 z-10 flex shrink-0 items-center border-l border-stone-200 bg-white pl-1 dark:border-stone-800 dark:bg-stone-950">{children}</div>;
}

/** Folds the desktop's bottom panel into {@link TerminalsBar}. */
function HideButton({ onHide }: { onHide: () => void }) {
  return (
    <Button variant="ghost" className="shrink-0" aria-expanded onClick={onHide} aria-label="Hide terminals">
      Hide
    </Button>
  );
}

/**
 * A phone's Terminals view in two rows, not four (~95 px of the terminal's height back): the tabs, scrolling in their
 * own box, with the chosen terminal's size and its actions' menu; then the new-terminal buttons first (always on
 * screen) and the sessions from outside ChatML, that row scrolling sideways where they do not fit.
 */
function PhoneRows({ sessionId, terminals }: { sessionId: SessionId; terminals: SessionTerminals }) {
  const { active, run, isOpeningOff, open, openClaude } = terminals;
  return (
    <div className="shrink-0 border-b border-stone-200 dark:border-stone-800">
      <div className="flex items-center gap-1 pl-1">
        <TerminalTabs sessionId={sessionId} terminals={terminals} className="min-w-0 flex-1 overflow-x-auto py-1" />
        {active ? <PhoneFact terminal={active} /> : null}
        {active ? (
          <RowEnd>
            <TerminalActionsMenu terminal={active} run={run} onRename={() => terminals.setRenamingId(active.id)} />
          </RowEnd>
        ) : null}
      </div>
      {/* Opened, the list of outside sessions takes a line of its own under the buttons, not the row's scrolled-off end. */}
      <div className="flex items-center gap-1 overflow-x-auto px-1 pb-1 has-[section]:flex-wrap">
        <NewTerminalButtons isOpeningOff={isOpeningOff} onTerminal={() => void open()} onClaude={() => void openClaude()} />
        <OutsideSessions sessionId={sessionId} onContinue={(id) => void openClaude(id)} />
      </div>
    </div>
  );
}

/**
 * A desktop's row: the tabs with the new-terminal buttons, the sessions from outside ChatML, then the chosen terminal's
 * facts and actions, and Hide (in the bottom panel) at its end. One row where they fit: a second row of actions took
 * 2-3 of the ~17 rows a 1440×900 bottom panel has. Where they do not, the groups wrap under the tabs, whose own box
 * scrolls to keep the new-terminal buttons beside them; Hide stays on the tabs' line, never alone on one.
 */
function WideRows({ sessionId, terminals, onHide }: { sessionId: SessionId; terminals: SessionTerminals; onHide?: () => void }) {
  const { active, run, openClaude } = terminals;
  return (
    <div className="flex items-start gap-1 border-b border-stone-200 p-1 dark:border-stone-800">
      <div className="flex min-w-0 flex-1 flex-wrap items-center gap-1">
        {/* The tabs scroll in a box of their own, so the new-terminal buttons and the mode picker stay beside them. */}
        <TabsAndNewButtons sessionId={sessionId} terminals={terminals} className="min-w-0 flex-[0_1_auto]" tabsClassName="min-w-24 flex-[0_1_auto] overflow-x-auto" />
        <OutsideSessions sessionId={sessionId} onContinue={(id) => void openClaude(id)} />
        {active ? <TerminalActions terminal={active} run={run} onRename={() => terminals.setRenamingId(active.id)} /> : null}
      </div>
      {onHide ? <HideButton onHide={onHide} /> : null}
    </div>
  );
}

/** A terminal's tab; the chosen one is scrolled into the tab row's view (on a phone the row shows one or two tabs). */
function TerminalTab({ terminal, isActive, onSelect }: { terminal: TerminalInfo; isActive: boolean; onSelect: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (isActive) ref.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [isActive]);
  return (
    <button ref={ref} type="button" role="tab" aria-selected={isActive} onClick={onSelect}
      className={`min-h-11 shrink-0 rounded-lg px-3 text-sm ${isActive ? "bg-stone-200 font-medium dark:bg-stone-800" : "hover:bg-stone-100 dark:hover:bg-stone-900"}`}>
      {terminal.name}
      {terminal.status === "exited" ? <span className="ml-1 text-xs text-stone-500">(exited)</span> : null}
    </button>
  );
}

/**
 * The desktop's bottom panel folded to one row: how many terminals run, a way to show them, and new ones (which
 * show the panel). A terminal's approval request still shows here, so folding never hides a waiting Claude.
 */
export function TerminalsBar({ sessionId, onOpen }: { sessionId: SessionId; onOpen: () => void }) {
  const { terminals, ended, error, isOpeningOff, closedReason, open, openClaude, reopen, dismiss } = useSessionTerminals(sessionId);
  const running = terminals.filter((t) => t.status === "running").length;
  const openThen = (start: () => Promise<boolean>) => () => void start().then((isOpened) => isOpened && onOpen());
  return (
    <section aria-label="Terminals" className="shrink-0 border-t border-stone-200 dark:border-stone-800">
      {/* p-1, not px-1: the mode picker's bordered 44 px box (the buttons' height) touched the row's top and the window's bottom edge. */}
      <div className="flex items-center gap-1 p-1">
        <Button variant="ghost" aria-expanded={false} onClick={onOpen} aria-label="Show terminals">
          Terminals{terminals.length ? ` (${running} running${terminals.length > running ? `, ${terminals.length - running} exited` : ""})` : ""}
        </Button>
        <NewTerminalButtons isOpeningOff={isOpeningOff} onTerminal={openThen(open)} onClaude={openThen(() => openClaude())} />
      </div>
      {error ? <ErrorText message={error} className="px-3 py-1" /> : null}
      {closedReason ? <p className="px-3 py-1 text-sm text-stone-500">{closedReason}</p> : null}
      <EndedTerminals ended={ended} onReopen={(t) => void reopen(t).then((isOpened) => isOpened && onOpen())} onDismiss={(t) => void dismiss(t)} />
      {terminals.map((t) => <HooksOffNotice key={t.id} terminal={t} className="px-3 py-1" />)}
      {terminals.map((t) => <EffortChangedNotice key={t.id} terminal={t} className="px-3 py-1" />)}
      {/* Why a Claude exited (sign-in needed, an error it said): folded, "(1 exited)" alone gave no reason to look. */}
      {terminals.map((t) => <ExitProblemNotice key={t.id} terminal={t} isOneLine className="px-3 py-1" />)}
      <ApprovalCards sessionId={sessionId} />
    </section>
  );
}
