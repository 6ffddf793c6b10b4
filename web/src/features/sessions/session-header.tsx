import { useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { Session, SessionId } from "../../../../shared/index.ts";
import { Button, buttonLook } from "../../components/button.tsx";
import { CloseIcon, MoreIcon, UpIcon } from "../../components/icons.tsx";
import { useEscapeLayer } from "../../lib/escape-layers.ts";
import { keepTabInside, useModalFocus } from "../../lib/focus-layer.ts";
import { MenuButton } from "../../components/menu-button.tsx";
import { useWaitingElsewhere } from "../../lib/use-waiting-elsewhere.ts";
import { useHasRoomForPanels, useHasSidebar } from "../../lib/use-short-viewport.ts";
import { routeHash, routeHref, useNavStore } from "../../stores/nav-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { selectPhoneView, useWorkbenchStore } from "../../stores/workbench-store.ts";
import { SessionActions } from "./session-actions.tsx";
import { SessionBaseBranch } from "./session-base-branch.tsx";
import { BranchLabel, GitSummary } from "./session-labels.tsx";
import { SessionJobLink } from "./session-job-link.tsx";
import { SessionMetaForm } from "./session-meta-form.tsx";
import { DOT } from "../../lib/dot-join.ts";
import { RouteLink, ScreenLink } from "../../components/route-link.tsx";
import { sessionTitle } from "../../lib/shown-title.ts";

/**
 * The session's compact header above its workbench: name, branch, change counts, details, and the side panel switch.
 * On a phone showing one of the workbench's own views (Changes, Files, Git, Terminals) it is the only header, so it
 * carries the drawer button there; over the chat or the overview their own top bar has it.
 */
export function SessionHeader({ session, hasSidePanel }: { session: Session; hasSidePanel: boolean }) {
  const [isDetailsOpen, setDetailsOpen] = useState(false);
  // Whether the workbench shows its panels, as SessionWorkbench decides: a phone turned sideways is md wide but shows
  // the phone's views, where "Hide panel" hid nothing.
  const hasPanels = useHasRoomForPanels();
  const isSideOpen = useWorkbenchStore((s) => s.isSidePanelOpen);
  const isWorkbenchViewUp = useWorkbenchStore((s) => selectPhoneView(session.id)(s) !== "chat");
  const setDrawerOpen = useUiStore((s) => s.setDrawerOpen);
  // A phone turned sideways is md wide but keeps its drawer: this header is its way to the menu.
  const hasSidebar = useHasSidebar();
  const waitingElsewhere = useWaitingElsewhere();
  // Where the overview's own top bar is on screen it names the session (the heading): the header does not say it
  // again. A phone showing a workbench view over the overview has no other line naming the session.
  const isOverview = useNavStore((s) => s.hash === routeHash({ view: "session", id: session.id }));
  const isNamedAbove = isOverview && (hasPanels || !isWorkbenchViewUp);
  return (
    <div data-testid="session-header" className="flex min-h-9 shrink-0 items-center gap-2 border-b border-stone-200 bg-white px-2 text-xs md:px-4 dark:border-stone-800 dark:bg-stone-900">
      {!hasSidebar && (isWorkbenchViewUp || hasPanels) ? (
        <MenuButton waitingCount={waitingElsewhere} onClick={() => setDrawerOpen(true)} />
      ) : null}
      {!hasPanels && isWorkbenchViewUp ? <BackToChatLink sessionId={session.id as SessionId} /> : null}
      {/* Its line is as tall as its tap area, so the name reads on the row's middle line, not at the area's top edge. */}
      {isNamedAbove ? null : (
        <ScreenLink route={{ view: "session", id: session.id }} className="inline-block min-h-11 min-w-11 truncate text-left leading-11 font-semibold hover:underline mouse:min-h-0 mouse:leading-normal">
          {sessionTitle(session)}
        </ScreenLink>
      )}
      {/* A session is named after its branch unless told otherwise: the name and then the same branch read "gadget gadget". */}
      {!isNamedAbove && (session.title ?? session.name) === (session.git?.branch ?? session.branch) ? null : (
        <span className="hidden min-w-0 truncate sm:inline">
          <BranchLabel session={session} />
        </span>
      )}
      {/* The name gives way, not the counts: from its basis of nothing the summary got what a long name left, "clea…". */}
      <span data-testid="session-header-summary" className="flex-auto shrink-0 whitespace-nowrap">
        <GitSummary session={session} isCompact />
      </span>
      <SessionJobLink session={session} />
      <Button variant="ghost" className="text-xs mouse:min-h-9" aria-expanded={isDetailsOpen} onClick={() => setDetailsOpen(true)}>
        Details
      </Button>
      {hasPanels && hasSidePanel ? (
        <Button variant="ghost" className="min-h-9 text-xs" aria-pressed={isSideOpen} onClick={() => useWorkbenchStore.getState().setSidePanelOpen(!isSideOpen)}>
          {isSideOpen ? "Hide panel" : "Changes & files"}
        </Button>
      ) : null}
      {isDetailsOpen ? <DetailsSheet session={session} onClose={() => setDetailsOpen(false)} /> : null}
    </div>
  );
}

/**
 * A phone's Back from one of the workbench's views (Terminals, Changes, Files, Git) to the conversation or overview
 * under it, as every other phone screen's header has one (the browser's Back did it, with nothing on screen saying
 * so). A link: its address is the screen it returns to; a plain click shows the chat view, whose history entry then
 * goes (usePhoneViewHistory), so the browser's Back afterwards leaves the session as it would have.
 */
function BackToChatLink({ sessionId }: { sessionId: SessionId }) {
  const hash = useNavStore((s) => s.hash);
  return (
    <RouteLink href={hash || "#/"} onOpen={() => useWorkbenchStore.getState().patch(sessionId, { phoneView: "chat" })} aria-label="Back"
      className={buttonLook("ghost", "shrink-0")}>
      <UpIcon className="-rotate-90" />
    </RouteLink>
  );
}

/**
 * The second line of a phone's header over a session's screen: a conversation's names the session (the default
 * `label`), the overview's its workspace; then the change counts.
 */
/**
 * What names a session under one of its conversations: its title; or, when the conversation has the same title (both
 * are written from the first prompt, or from a Linear issue), its workspace, as the session overview's line does, so
 * the line does not repeat the header's title. The session's name is generated ("lupus") unless the user gave one: it
 * named a session started from a Linear issue with a word the user never saw. Untitled yet: its name, as the list says.
 */
export function sessionLabelUnder(session: Session, conversationTitle: string | null, workspaceName: string | null): string {
  if (!session.title) return session.name;
  return session.title !== conversationTitle ? sessionTitle(session) : (workspaceName ?? session.name);
}

export function SessionLine({ session, label = sessionTitle(session) }: { session: Session; label?: string }) {
  // The label gives way, not the counts: a long workspace name cut "clean · merged in #2" to "clean · merge…".
  return (
    <span data-testid="session-line" className="flex min-w-0">
      <span className="min-w-0 truncate">{label}</span>
      {session.git ? (
        <span data-testid="session-line-git" className="shrink-0 whitespace-nowrap">
          {DOT}
          <GitSummary session={session} isCompact />
        </span>
      ) : null}
    </span>
  );
}

/**
 * A phone's way to what the session header offers on a desktop: the session's details and actions, and (from one of
 * its conversations) a way to its overview.
 */
export function SessionMenuButton({ session, hasOverviewLink = true }: { session: Session; hasOverviewLink?: boolean }) {
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <Button variant="ghost" aria-label="Session menu" aria-haspopup="dialog" aria-expanded={isOpen} onClick={() => setOpen(true)}>
        <MoreIcon />
      </Button>
      {/* Out of the header: its backdrop blur would make the sheet's fixed position relative to the header. */}
      {isOpen ? createPortal(<DetailsSheet session={session} onClose={() => setOpen(false)} phoneMenu={{ hasOverviewLink }} />, document.body) : null}
    </>
  );
}

/**
 * Metadata and archive/delete (Git lives in the workbench's Git tab), in a sheet over the workbench (bottom sheet on
 * phones). Opened from a phone's session menu (`phoneMenu`), it also says what the desktop's header row does (branch
 * and change counts) and, away from the overview, leads to it.
 */
function DetailsSheet({ session, onClose, phoneMenu }: { session: Session; onClose: () => void; phoneMenu?: { hasOverviewLink: boolean } }) {
  const go = useNavStore((s) => s.go);
  const overview = { view: "session", id: session.id } as const;
  useEscapeLayer(true, onClose);
  // A modal sheet holds the keyboard: focus stayed on the menu button behind it, Tab walked the page under the
  // backdrop, and Escape dropped focus to the page's body.
  const card = useRef<HTMLDivElement>(null);
  useModalFocus(card);
  return (
    <div className="fixed inset-0 z-40 flex items-end justify-end bg-black/30 md:items-stretch" onClick={onClose}>
      <div
        ref={card}
        role="dialog"
        aria-modal="true"
        aria-label="Session details"
        tabIndex={-1}
        onKeyDown={keepTabInside}
        onClick={(e) => e.stopPropagation()}
        className="flex max-h-[85dvh] w-full flex-col gap-4 overflow-y-auto rounded-t-2xl bg-stone-50 p-4 pb-[max(1rem,env(safe-area-inset-bottom))] text-sm outline-none md:max-h-none md:w-[32rem] md:rounded-none dark:bg-stone-950"
      >
        <div className="flex items-center gap-2">
          <h2 className="flex-1 font-semibold">{sessionTitle(session)}</h2>
          <Button variant="ghost" aria-label="Close details" onClick={onClose}>
            <CloseIcon />
          </Button>
        </div>
        {/* The way to the overview is a full-width row of its own, above the facts: at the end of their row it wrapped
            onto the path line below, a small target crowded by text a thumb aims past. */}
        {phoneMenu?.hasOverviewLink ? (
          <RouteLink href={routeHref(overview)} className={buttonLook("secondary", "w-full")} onOpen={() => {
              onClose();
              go(overview);
            }}>
            Session overview
          </RouteLink>
        ) : null}
        {phoneMenu ? (
          <div className="flex flex-wrap items-center gap-2 text-xs">
            <BranchLabel session={session} />
            <GitSummary session={session} />
            {/* A phone's chat shows no header row: a run's session leads back to its run from here. */}
            <SessionJobLink session={session} />
          </div>
        ) : null}
        <p className="font-mono text-xs break-all text-stone-500">{session.cwd}</p>
        <SessionMetaForm key={session.id} session={session} />
        <SessionBaseBranch key={`base-${session.id}`} session={session} />
        <SessionActions session={session} />
      </div>
    </div>
  );
}
