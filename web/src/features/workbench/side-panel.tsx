import type { SessionId } from "../../../../shared/index.ts";
import { CloseIcon } from "../../components/icons.tsx";
import { docKey, selectWorkbench, useWorkbenchStore, type WorkbenchDoc } from "../../stores/workbench-store.ts";
import { DocView, docTab } from "./doc-view.tsx";
import type { WorkbenchTool } from "./tools.ts";

/** The side panel: a tab per tool (Changes, Files, …) and per open document; the active one below. */
export function SidePanel({ sessionId, tools }: { sessionId: SessionId; tools: WorkbenchTool[] }) {
  const workbench = useWorkbenchStore(selectWorkbench(sessionId));
  const active = workbench.docs.find((d) => docKey(d) === workbench.activeTab) ?? null;
  const tool = tools.find((t) => t.id === workbench.activeTab) ?? (active ? null : tools[0]);
  return (
    <section aria-label="Workbench" className="flex h-full min-h-0 flex-col border-l border-stone-200 dark:border-stone-800">
      <div role="tablist" aria-label="Workbench tabs" className="flex shrink-0 overflow-x-auto border-b border-stone-200 dark:border-stone-800">
        {tools.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tool?.id === t.id}
            onClick={() => useWorkbenchStore.getState().patch(sessionId, { activeTab: t.id })}
            className={`flex min-h-11 shrink-0 items-center gap-1 px-3 text-xs font-medium mouse:min-h-9 ${tool?.id === t.id ? "border-b-2 border-accent" : "text-stone-500"}`}
          >
            <t.icon width={14} height={14} />
            {t.label}
          </button>
        ))}
        <DocTabs sessionId={sessionId} docs={workbench.docs} activeKey={active ? docKey(active) : null} />
      </div>
      <div className="min-h-0 flex-1">{active ? <DocView sessionId={sessionId} doc={active} /> : tool ? <tool.component sessionId={sessionId} /> : null}</div>
    </section>
  );
}

/** The open documents' tabs, with a dirty marker for unsaved files and a close button each. */
export function DocTabs({ sessionId, docs, activeKey }: { sessionId: SessionId; docs: WorkbenchDoc[]; activeKey: string | null }) {
  const dirty = useWorkbenchStore((s) => s.dirty);
  const { patch, closeDoc } = useWorkbenchStore.getState();
  return (
    <>
      {docs.map((doc) => {
        const key = docKey(doc);
        const { title, scopeTag, label } = docTab(doc);
        const isDirty = doc.kind === "file" && dirty[`${sessionId}\0${doc.path}`];
        return (
          <div key={key} className={`flex shrink-0 items-center ${activeKey === key ? "border-b-2 border-accent" : "text-stone-500"}`}>
            <button
              type="button"
              role="tab"
              aria-selected={activeKey === key}
              aria-label={`${label}${isDirty ? ", unsaved" : ""}`}
              title={label}
              onClick={() => patch(sessionId, { activeTab: key, phoneView: "doc" })}
              className="flex min-h-11 max-w-56 items-center gap-1 pl-3 font-mono text-xs mouse:min-h-9"
            >
              <span className="min-w-0 truncate">{title}</span>
              {scopeTag ? <span className="shrink-0 font-sans text-[10px] text-stone-500">{scopeTag}</span> : null}
              {isDirty ? <span className="text-accent">●</span> : null}
            </button>
            <button type="button" aria-label={`Close ${label}`} onClick={() => closeDoc(sessionId, key)} className="flex min-h-11 min-w-11 items-center justify-center mouse:min-h-9 mouse:min-w-9">
              <CloseIcon width={12} height={12} />
            </button>
          </div>
        );
      })}
    </>
  );
}
