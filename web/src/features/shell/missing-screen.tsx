import type { ReactNode } from "react";
import { Button } from "../../components/button.tsx";
import { useNavStore } from "../../stores/nav-store.ts";
import { TopBar } from "./top-bar.tsx";

/**
 * A workspace, session or conversation that a link names and the app does not have: "Loading…" until the lists have
 * loaded (a link opened cold must not say its target is gone), then one plain line and the ways back — `children`
 * first (e.g. the conversation's session), then Home. No header actions, no half-built screen.
 */
export function MissingScreen({ title, what, isSettled = true, testId, children }: { title: string; what: string; isSettled?: boolean; testId?: string; children?: ReactNode }) {
  const go = useNavStore((s) => s.go);
  return (
    <>
      <TopBar title={title} />
      <main className="flex min-h-0 flex-1 flex-col items-start gap-3 p-4" data-testid={testId}>
        {isSettled ? (
          <>
            <p className="text-sm text-stone-500">This {what} does not exist (any more).</p>
            <div className="flex flex-wrap gap-2">
              {children}
              <Button onClick={() => go({ view: "home" })}>Go to Home</Button>
            </div>
          </>
        ) : (
          <p className="text-sm text-stone-500">Loading…</p>
        )}
      </main>
    </>
  );
}
