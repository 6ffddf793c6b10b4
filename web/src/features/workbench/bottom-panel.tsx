import { useState } from "react";
import type { SessionId } from "../../../../shared/index.ts";
import type { WorkbenchTool } from "./tools.ts";

/** The bottom panel: a tab per bottom tool (terminals arrive here), the active one filling the panel. */
export function BottomPanel({ sessionId, tools, onHide }: { sessionId: SessionId; tools: WorkbenchTool[]; onHide: () => void }) {
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
      {/* A flex column, so the tool's own `flex-1` fills the panel and scrolls inside it rather than overflowing it. */}
      <div className="flex min-h-0 flex-1 flex-col">
        <active.component sessionId={sessionId} onHide={onHide} />
      </div>
    </section>
  );
}

/** The bottom panel folded: each bottom tool's one-row bar (or its name), any of which unfolds the panel. */
export function FoldedBottomPanel({ sessionId, tools, onOpen }: { sessionId: SessionId; tools: WorkbenchTool[]; onOpen: () => void }) {
  return (
    <div className="flex shrink-0 flex-col">
      {tools.map((t) =>
        t.bar ? (
          <t.bar key={t.id} sessionId={sessionId} onOpen={onOpen} />
        ) : (
          <button key={t.id} type="button" aria-expanded={false} onClick={onOpen} className="min-h-9 border-t border-stone-200 px-3 text-left text-xs dark:border-stone-800">
            {t.label}
          </button>
        ),
      )}
    </div>
  );
}
