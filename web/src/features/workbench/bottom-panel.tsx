import { useState } from "react";
import type { SessionId } from "../../../../shared/index.ts";
import type { WorkbenchTool } from "./tools.ts";

/** The bottom panel: a tab per bottom tool (terminals arrive here), the active one filling the panel. */
export function BottomPanel({ sessionId, tools }: { sessionId: SessionId; tools: WorkbenchTool[] }) {
  const [activeId, setActiveId] = useState(tools[0]?.id ?? "");
  const active = tools.find((t) => t.id === activeId) ?? tools[0];
  if (!active) return null;
  return (
    <section aria-label="Bottom panel" className="flex h-full min-h-0 flex-col border-t border-stone-200 dark:border-stone-800">
      {tools.length > 1 ? (
        <div role="tablist" aria-label="Bottom panel tabs" className="flex shrink-0 border-b border-stone-200 dark:border-stone-800">
          {tools.map((t) => (
            <button key={t.id} type="button" role="tab" aria-selected={t.id === active.id} onClick={() => setActiveId(t.id)} className="min-h-9 px-3 text-xs">
              {t.label}
            </button>
          ))}
        </div>
      ) : null}
      <div className="min-h-0 flex-1">
        <active.component sessionId={sessionId} />
      </div>
    </section>
  );
}
