import { useEffect, type ReactNode } from "react";
import type { SessionId } from "../../../../shared/index.ts";
import { useIsOnScreenKeyboardOpen } from "../../lib/use-short-viewport.ts";
import { parseRoute, useNavStore } from "../../stores/nav-store.ts";
import { docKey, selectPhoneView, selectWorkbench, useWorkbenchStore } from "../../stores/workbench-store.ts";
import { DocView } from "./doc-view.tsx";
import { usePhoneViewHistory } from "./phone-view-history.ts";
import { DocTabs } from "./side-panel.tsx";
import type { WorkbenchTool } from "./tools.ts";
import { ChatIcon, TabsIcon } from "./workbench-icons.tsx";

/** Phones: the conversation, each tool and the open documents as full-screen views, switched from a bottom bar. */
export function PhoneWorkbench({ sessionId, tools, children }: { sessionId: SessionId; tools: WorkbenchTool[]; children: ReactNode }) {
  const workbench = useWorkbenchStore(selectWorkbench(sessionId));
  const patch = useWorkbenchStore((s) => s.patch);
  const view = useWorkbenchStore(selectPhoneView(sessionId));
  usePhoneViewHistory(sessionId, view);
  // Above an open on-screen keyboard the views bar took 50 of ~450 px from the conversation or the terminal being
  // typed in; as in a native app it steps aside until the keyboard closes.
  const isKeyboardOpen = useIsOnScreenKeyboardOpen();
  useMessageLinkShowsChat(sessionId);
  const tool = tools.find((t) => t.id === view);
  const activeDoc = workbench.docs.find((d) => docKey(d) === workbench.activeTab) ?? workbench.docs.at(-1);
  const views = [{ id: "chat", label: "Chat", icon: ChatIcon }, ...tools, ...(workbench.docs.length > 0 ? [{ id: "doc", label: `Open (${workbench.docs.length})`, icon: TabsIcon }] : [])];
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {/* The conversation stays mounted (hidden) so switching views keeps its place and its live stream. */}
      <div className={`min-h-0 flex-1 flex-col ${view === "chat" ? "flex" : "hidden"}`}>{children}</div>
      {/* A tool fills what is left and never grows past it: the xterm screen stays above the views bar. The view shown
          is the page's main landmark (the hidden conversation's own main leaves the accessibility tree meanwhile). */}
      {tool ? (
        <main aria-label={tool.label} className="flex min-h-0 flex-1 flex-col overflow-hidden">
          <tool.component sessionId={sessionId} />
        </main>
      ) : null}
      {view === "doc" && activeDoc ? (
        <main aria-label="Open documents" className="flex min-h-0 flex-1 flex-col">
          <div role="tablist" aria-label="Open documents" className="flex shrink-0 overflow-x-auto border-b border-stone-200 dark:border-stone-800">
            <DocTabs sessionId={sessionId} docs={workbench.docs} activeKey={docKey(activeDoc)} />
          </div>
          <div className="min-h-0 flex-1">
            <DocView sessionId={sessionId} doc={activeDoc} />
          </div>
        </main>
      ) : null}
      <nav aria-label="Workbench views" className={`${isKeyboardOpen ? "hidden" : "flex"} shrink-0 border-t border-stone-200 bg-stone-50 pb-[env(safe-area-inset-bottom)] dark:border-stone-800 dark:bg-stone-950`}>
        {views.map((v) => (
          <button
            key={v.id}
            type="button"
            aria-pressed={view === v.id}
            onClick={() => patch(sessionId, { phoneView: v.id })}
            className={`flex min-h-12 flex-1 flex-col items-center justify-center gap-0.5 text-[11px] ${view === v.id ? "font-semibold text-accent" : "text-stone-600 dark:text-stone-400"}`}
          >
            <v.icon width={18} height={18} />
            {v.label}
          </button>
        ))}
      </nav>
    </div>
  );
}

/**
 * A link to a message (a search hit, a shared link) shows the conversation at it: the view this phone last showed is
 * kept per session across visits, and a hit opened on Terminals or a file was out of sight under it.
 */
function useMessageLinkShowsChat(sessionId: SessionId): void {
  const messageId = useNavStore((s) => {
    const route = parseRoute(s.hash);
    return route.view === "conversation" ? route.messageId : null;
  });
  useEffect(() => {
    if (messageId) useWorkbenchStore.getState().patch(sessionId, { phoneView: "chat" });
  }, [sessionId, messageId]);
}
