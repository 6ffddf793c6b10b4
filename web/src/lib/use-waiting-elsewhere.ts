import { selectWaitingElsewhere, useConversationsStore } from "../stores/conversations-store.ts";
import { parseRoute, useNavStore } from "../stores/nav-store.ts";

/** How many conversations other than the one on screen wait for the user (for the count on "Open menu"). */
export function useWaitingElsewhere(): number {
  // The address names the conversation shown: ui-store's selectedId can lag it (a link followed as the page boots).
  const hereId = useNavStore((s) => {
    const route = parseRoute(s.hash);
    return route.view === "conversation" ? route.id : null;
  });
  return useConversationsStore(selectWaitingElsewhere(hereId));
}
