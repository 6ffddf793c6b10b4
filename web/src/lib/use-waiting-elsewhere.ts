import { selectWaitingElsewhere, useConversationsStore } from "../stores/conversations-store.ts";
import { useUiStore } from "../stores/ui-store.ts";

/** How many conversations other than the one on screen wait for the user (for the count on "Open menu"). */
export function useWaitingElsewhere(): number {
  const hereId = useUiStore((s) => s.selectedId);
  return useConversationsStore(selectWaitingElsewhere(hereId));
}
