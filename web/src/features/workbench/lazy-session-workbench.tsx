import { lazy, Suspense, type ReactNode } from "react";
import type { SessionId } from "../../../../shared/index.ts";

const Workbench = lazy(() => import("./session-workbench.tsx").then((m) => ({ default: m.SessionWorkbench })));

/** The workbench as its own chunk (panels, changes, files), so the first load of the app does not grow. */
export function LazySessionWorkbench({ sessionId, hasGit, children }: { sessionId: SessionId; hasGit: boolean; children: ReactNode }) {
  return (
    // Not `children` as the fallback: the conversation would mount twice (and lose what is being typed).
    <Suspense fallback={<p className="p-4 text-sm text-stone-500">Loading…</p>}>
      <Workbench sessionId={sessionId} hasGit={hasGit}>
        {children}
      </Workbench>
    </Suspense>
  );
}

/** Starts loading the workbench chunk early (e.g. when a session is about to open). */
export function preloadWorkbench(): void {
  void import("./session-workbench.tsx");
}
