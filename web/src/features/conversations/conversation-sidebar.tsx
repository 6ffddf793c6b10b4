import { useEffect, useRef, type ReactNode } from "react";
import { Button, buttonLook } from "../../components/button.tsx";
import { CloseIcon, PlusIcon } from "../../components/icons.tsx";
import { MenuEntry } from "../../components/menu-entry.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { useEscapeLayer } from "../../lib/escape-layers.ts";
import { useFocusReturn } from "../../lib/focus-layer.ts";
import { useHasSidebar } from "../../lib/use-short-viewport.ts";
import { routeHash, useNavStore, type Route } from "../../stores/nav-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { WorkspaceTree } from "../workspaces/workspace-tree.tsx";
import { ConversationList } from "./conversation-list.tsx";

/** A fixed sidebar from `md` up (see useHasSidebar); else a drawer over the screen opened by "Open menu"; `footer` sits at its foot. */
export function ConversationSidebar({ footer }: { footer?: ReactNode }) {
  const isOpen = useUiStore((s) => s.isDrawerOpen);
  const setOpen = useUiStore((s) => s.setDrawerOpen);
  const isDesktop = useHasSidebar();

  useEscapeLayer(isOpen && !isDesktop, () => setOpen(false));
  // The drawer takes the keyboard when it opens: left on a terminal or the composer behind the backdrop, Escape and
  // typing would go to them instead.
  const navRef = useRef<HTMLElement>(null);
  // Closed (Escape, Close menu, the backdrop), it gives the keyboard back to "Open menu".
  useFocusReturn(isOpen && !isDesktop, navRef);
  useEffect(() => {
    if (isOpen && !isDesktop) navRef.current?.querySelector<HTMLElement>('[aria-label="Close menu"]')?.focus();
  }, [isOpen, isDesktop]);

  return (
    <>
      {isOpen && !isDesktop ? <div aria-hidden="true" className="fixed inset-0 z-30 bg-black/40" onClick={() => setOpen(false)} /> : null}
      <nav
        ref={navRef}
        aria-label="Conversations menu"
        inert={!isDesktop && !isOpen}
        className={`flex flex-col border-r border-stone-200 bg-stone-100 pb-[env(safe-area-inset-bottom)] pl-[env(safe-area-inset-left)] pt-[env(safe-area-inset-top)] dark:border-stone-800 dark:bg-stone-900 ${
          isDesktop ? "static w-72" : `fixed inset-y-0 left-0 z-40 w-[85vw] max-w-80 transition-transform ${isOpen ? "translate-x-0 shadow-xl" : "-translate-x-full"}`
        }`}
      >
        <SidebarHeader onClose={isDesktop ? null : () => setOpen(false)} />
        <div className="min-h-0 flex-1 overflow-y-auto">
          <MainLinks />
          <WorkspaceTree />
          <h2 className="px-4 pt-3 text-xs font-semibold uppercase tracking-wide text-stone-500">Conversations</h2>
          <ConversationList />
        </div>
        {footer}
      </nav>
    </>
  );
}

const LINKS: { label: string; route: Route }[] = [
  { label: "Home", route: { view: "home" } },
  { label: "All sessions", route: { view: "sessions" } },
  { label: "Jobs", route: { view: "jobs" } },
  { label: "Search", route: { view: "search" } },
  { label: "Skills", route: { view: "skills" } },
  { label: "Pull requests", route: { view: "prs" } },
  { label: "Integrations", route: { view: "integrations" } },
];

function MainLinks() {
  const hash = useNavStore((s) => s.hash);
  const selectedId = useUiStore((s) => s.selectedId);
  return (
    <ul aria-label="Screens" className="flex flex-col gap-0.5 p-2">
      {LINKS.map(({ label, route }) => (
        <li key={label}>
          <MenuEntry route={route} isCurrent={!selectedId && hash === routeHash(route)}>
            {label}
          </MenuEntry>
        </li>
      ))}
    </ul>
  );
}

function SidebarHeader({ onClose }: { onClose: (() => void) | null }) {
  return (
    <div className="flex items-center gap-1 border-b border-stone-200 p-2 dark:border-stone-800">
      <span className="flex-1 px-2 text-base font-semibold">ChatML</span>
      <ScreenLink route={{ view: "new" }} aria-label="New conversation" className={buttonLook("ghost")}>
        <PlusIcon />
        <span>New</span>
      </ScreenLink>
      {onClose ? (
        <Button variant="ghost" aria-label="Close menu" onClick={onClose}>
          <CloseIcon />
        </Button>
      ) : null}
    </div>
  );
}
