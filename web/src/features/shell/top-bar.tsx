import { useEffect, useRef, type ReactNode } from "react";
import { Button } from "../../components/button.tsx";
import { UpIcon } from "../../components/icons.tsx";
import { MenuButton } from "../../components/menu-button.tsx";
import { useWaitingElsewhere } from "../../lib/use-waiting-elsewhere.ts";
import { useHasSidebar } from "../../lib/use-short-viewport.ts";
import { useUiStore } from "../../stores/ui-store.ts";

/** The screen header: the drawer button on phones, a title, and optional actions on the right. */
export function TopBar({ title, subtitle, children }: { title: string; /** A path (shown in mono), or any line of its own. */ subtitle?: ReactNode; children?: ReactNode }) {
  const setDrawerOpen = useUiStore((s) => s.setDrawerOpen);
  const hasSidebar = useHasSidebar();
  const waitingElsewhere = useWaitingElsewhere();
  const heading = useRef<HTMLHeadingElement>(null);
  const isHeadingFocusAsked = useUiStore((s) => s.isHeadingFocusAsked);
  useEffect(() => {
    if (!isHeadingFocusAsked || !heading.current) return;
    heading.current.focus();
    useUiStore.getState().focusHeading(false);
  }, [isHeadingFocusAsked]);
  return (
    <header data-top-bar className="flex shrink-0 items-center gap-0.5 border-b md:gap-2 border-stone-200 bg-stone-50/95 px-2 pt-[env(safe-area-inset-top)] backdrop-blur md:px-4 dark:border-stone-800 dark:bg-stone-950/95">
      {hasSidebar ? null : (
        <MenuButton waitingCount={waitingElsewhere} onClick={() => setDrawerOpen(true)} />
      )}
      {/* Phones navigate as a stack: back returns to the previous screen (the browser history). */}
      {location.hash ? (
        <Button variant="ghost" aria-label="Back" className="md:hidden" onClick={() => history.back()}>
          <UpIcon className="-rotate-90" />
        </Button>
      ) : null}
      <div className="min-w-0 flex-1 py-1 pl-1 md:py-2">
        <h1 ref={heading} tabIndex={-1} className="truncate text-sm font-semibold outline-none">{title}</h1>
        {typeof subtitle === "string" ? <p className="truncate font-mono text-xs text-stone-500 dark:text-stone-400">{subtitle}</p> : subtitle ? <div className="truncate text-xs text-stone-500 dark:text-stone-400">{subtitle}</div> : null}
      </div>
      {children}
    </header>
  );
}
