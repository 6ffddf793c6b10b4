import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { CloseIcon } from "../../components/icons.tsx";
import { RouteLink } from "../../components/route-link.tsx";
import { useHasSidebar } from "../../lib/use-short-viewport.ts";
import { parseRoute, tabKey, useNavStore, type Route } from "../../stores/nav-store.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useTabTarget } from "./use-tab-target.ts";
import { conversationTitle, sessionTitle } from "../../lib/shown-title.ts";

/**
 * Desktop tabs: every opened view, reorderable by dragging, closable, kept across reloads, with `trailing` (who is
 * here, Devices) at the end of the same row. Only beside the sidebar: where the sidebar is a drawer (a phone, upright
 * or sideways) its row went to the screen, and Devices is in the drawer (ADR 0089).
 *
 * Each is a link to its view's address, the open one marked `aria-current="page"`: they go to pages, as a browser's
 * tabs do, rather than switch panels of one page, so they are not ARIA tabs (no tablist, tabpanel or arrow keys to
 * learn); each link and its close button is a stop of the Tab key, and Delete on a link closes its tab.
 */
export function TabBar({ trailing }: { trailing?: ReactNode }) {
  const tabs = useNavStore((s) => s.tabs);
  const current = useNavStore((s) => tabKey(s.hash));
  const { go, closeTab, moveTab } = useNavStore.getState();
  const [dragged, setDragged] = useState<number | null>(null);
  if (!useHasSidebar()) return null;
  return (
    <div className="flex shrink-0 items-stretch border-b border-stone-200 bg-stone-100 dark:border-stone-800 dark:bg-stone-900">
      <nav aria-label="Tabs" className="flex min-w-0 flex-1 items-stretch gap-0.5 overflow-x-auto px-1 pt-1">
        <Tab href="#/" label="Home" isActive={current === ""} onOpen={() => go({ view: "home" })} />
        {tabs.map((hash, index) => (
          <div
            key={hash}
            draggable
            onDragStart={() => setDragged(index)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={() => {
              if (dragged !== null) moveTab(dragged, index);
              setDragged(null);
            }}
            className="flex"
          >
            <Tab href={hash} label={<TabLabel route={parseRoute(hash)} />} isActive={current === hash} onOpen={() => go(parseRoute(hash))} onClose={() => closeTab(hash)} />
          </div>
        ))}
      </nav>
      {trailing}
    </div>
  );
}

function Tab({ href, label, isActive, onOpen, onClose }: { href: string; label: ReactNode; isActive: boolean; onOpen: () => void; onClose?: () => void }) {
  const tabId = useId();
  const closeId = useId();
  // With more tabs than the row holds, the one opened (from the sidebar, a link, a reload) sat past the row's end,
  // under Devices, and nothing showed which screen this was: the row scrolls to it.
  const tab = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (isActive) tab.current?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  }, [isActive]);
  const closeOnDelete = (e: React.KeyboardEvent) => {
    if (onClose && e.key === "Delete") {
      e.preventDefault();
      onClose();
    }
  };
  return (
    <div ref={tab} className={`flex max-w-56 shrink-0 items-center rounded-t-lg text-sm ${isActive ? "bg-stone-50 font-medium dark:bg-stone-950" : "text-stone-600 hover:bg-stone-200 dark:text-stone-400 dark:hover:bg-stone-800"}`}>
      <RouteLink id={tabId} href={href} aria-current={isActive ? "page" : undefined} onOpen={onOpen} onKeyDown={closeOnDelete} draggable={false} className="min-w-0 truncate px-3 py-2">
        {label}
      </RouteLink>
      {onClose ? (
        // "Close Settings", not one more "Close tab": a screen reader's list of buttons tells each tab's apart.
        <button id={closeId} type="button" aria-label="Close" aria-labelledby={`${closeId} ${tabId}`} onClick={onClose} className="mr-1 rounded p-1 hover:bg-stone-300 dark:hover:bg-stone-700">
          <CloseIcon width={14} height={14} />
        </button>
      ) : null}
    </div>
  );
}

/** Views whose item the page's lists may not hold: their tab asks the server for it. */
const ASKED_VIEWS = new Set<Route["view"]>(["conversation", "goal", "run"]);

function TabLabel({ route }: { route: Route }) {
  const name = useConversationsStore((s) => {
    if (route.view === "workspace") return s.workspaces[route.id]?.name;
    // A session's automatic title is its first conversation's: its name tells the two tabs apart. A session titled
    // with its own name (a name typed when it was made) says it once, not "zeta · zeta".
    const session = route.view === "session" ? s.sessions[route.id] : undefined;
    if (session) return [...new Set([sessionTitle(session), session.name])].join(" · ");
    const conversation = route.view === "conversation" ? s.conversations[route.id] : undefined;
    if (conversation) return conversationTitle(conversation);
    return undefined;
  });
  // Once the lists are in, a workspace or session they do not hold is gone (or never was): said, not "…" for good.
  const isMissing = useConversationsStore((s) => (s.isLoaded || s.loadError !== null) && ((route.view === "workspace" && !s.workspaces[route.id]) || (route.view === "session" && !s.sessions[route.id])));
  const goalTitle = useJobsStore((s) => (route.view === "goal" ? s.goals[route.id]?.title : route.view === "run" && s.runs[route.id] ? `Run: ${s.runs[route.id]!.jobName}` : undefined));
  // A conversation, goal or run the loaded lists lack is asked for by its id (those lists may be partial).
  const areConversationsIn = useConversationsStore((s) => s.isLoaded);
  const areJobsIn = useJobsStore((s) => s.isLoaded);
  const areListsIn = route.view === "conversation" ? areConversationsIn : areJobsIn;
  const asked = useTabTarget(route, areListsIn && ASKED_VIEWS.has(route.view) && name === undefined && goalTitle === undefined);
  const fixed: Partial<Record<Route["view"], string>> = { sessions: "All sessions", search: "Search", skills: "Skills", new: "New conversation", home: "Home", jobs: "Jobs", prs: "Pull requests", integrations: "Integrations", settings: "Settings" };
  const missing = isMissing || asked.isMissing ? missingLabel(route) : undefined;
  return <>{fixed[route.view] ?? name ?? missing ?? goalTitle ?? asked.title ?? "…"}</>;
}

/** How many of an id's last characters tell two missing tabs apart ("Missing conversation …f3k9qa"). */
const ID_TAIL = 6;

/** "Missing conversation …f3k9qa": two tabs of missing items read alike otherwise, so the id's tail tells them apart. */
function missingLabel(route: Route): string {
  return "id" in route ? `Missing ${route.view} …${route.id.slice(-ID_TAIL)}` : `Missing ${route.view}`;
}
