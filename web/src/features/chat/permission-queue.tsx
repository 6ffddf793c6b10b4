import { useEffect } from "react";
import type { ConversationId, PermissionRequest } from "../../../../shared/index.ts";
import { FINE_POINTER_QUERY, useMediaQuery } from "../../lib/use-media-query.ts";
import { PermissionCard } from "./permission-card.tsx";
import type { TaskInfo } from "../../protocol/conversation-view.ts";

/** Every pending request, oldest first, numbered; on desktop `y` allows and `n` denies the first tool request. */
export function PermissionQueue({ conversationId, requests, tasks = {} }: { conversationId: ConversationId; requests: PermissionRequest[]; tasks?: Record<string, TaskInfo> }) {
  const hasKeyboard = useMediaQuery(FINE_POINTER_QUERY);
  useAllowDenyKeys(hasKeyboard && requests[0]?.kind === "tool");
  if (requests.length === 0) return null;
  return (
    <div role="region" aria-label="Waiting for you" className="space-y-3 pt-4">
      {requests.length > 1 ? <p className="text-xs font-medium text-amber-700 dark:text-amber-400">{requests.length} requests waiting</p> : null}
      {requests.map((request, index) => (
        <PermissionCard key={request.id} conversationId={conversationId} request={request} position={requests.length > 1 ? `${index + 1} of ${requests.length}` : null} isFirst={index === 0} hasKeyboard={hasKeyboard} tasks={tasks} />
      ))}
    </div>
  );
}

/**
 * Answers for the first card: `y`/`n` outside text fields, and Alt+Y / Alt+N anywhere — in the composer too, where the
 * user is — matched by physical key so no layout's Alt characters are typed.
 */
function useAllowDenyKeys(isEnabled: boolean) {
  useEffect(() => {
    if (!isEnabled) return;
    const onKey = (e: KeyboardEvent) => {
      const action = allowDenyAction(e);
      if (!action) return;
      const button = document.querySelector<HTMLButtonElement>(`[data-first-card="true"] [data-shortcut="${action}"]`);
      if (!button || button.disabled) return;
      e.preventDefault();
      button.click();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [isEnabled]);
}

function allowDenyAction(e: KeyboardEvent): "allow" | "deny" | null {
  if (e.metaKey || e.ctrlKey) return null;
  if (e.altKey) return e.code === "KeyY" ? "allow" : e.code === "KeyN" ? "deny" : null;
  const target = e.target as HTMLElement | null;
  if (target?.closest("input, textarea, select, [contenteditable=true]")) return null;
  return e.key === "y" ? "allow" : e.key === "n" ? "deny" : null;
}
