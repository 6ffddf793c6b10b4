import type { ReactNode } from "react";
import { Button, buttonLook } from "../../components/button.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { tabKey, useNavStore } from "../../stores/nav-store.ts";
import { TopBar } from "./top-bar.tsx";

/**
 * A workspace, session or conversation that a link names and the app does not have: "Loading…" until the lists have
 * loaded (a link opened cold must not say its target is gone), then one plain line and the ways back — `children`
 * first (e.g. the conversation's session), then Home — and a way to close its tab. No header actions, no half-built
 * screen.
 */
export function MissingScreen({ title, what, isSettled = true, testId, children }: { title: string; what: string; isSettled?: boolean; testId?: string; children?: ReactNode }) {
  const closeTab = useNavStore((s) => s.closeTab);
  // Every screen opened is kept as a tab (the desktop's row, reopened after a reload): one for nothing can go.
  const tab = useNavStore((s) => (s.tabs.includes(tabKey(s.hash)) ? tabKey(s.hash) : null));
  return (
    <>
      <TopBar title={title} />
      <main className="flex min-h-0 flex-1 flex-col items-start gap-3 p-4" data-testid={testId}>
        {isSettled ? (
          <>
            <p className="text-sm text-stone-500">This {what} does not exist (any more).</p>
            <div className="flex flex-wrap gap-2">
              {children}
              <ScreenLink route={{ view: "home" }} className={buttonLook("secondary")}>
                Go to Home
              </ScreenLink>
              {tab !== null ? (
                <Button variant="secondary" onClick={() => closeTab(tab)}>
                  Close this tab
                </Button>
              ) : null}
            </div>
          </>
        ) : (
          <p className="text-sm text-stone-500">Loading…</p>
        )}
      </main>
    </>
  );
}
