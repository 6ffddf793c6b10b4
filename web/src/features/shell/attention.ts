import type { ConversationStatus } from "../../../../shared/index.ts";

/** What changed between two looks at every conversation: which started waiting for the user, which finished a turn. */
export function attentionChanges(
  before: ReadonlyMap<string, ConversationStatus>,
  conversations: readonly { id: string; status: ConversationStatus }[],
): { asked: string[]; finished: string[] } {
  const asked: string[] = [];
  const finished: string[] = [];
  for (const { id, status } of conversations) {
    const was = before.get(id);
    if (was === undefined || was === status) continue;
    if (status === "waiting") asked.push(id);
    else if (status === "ready" && (was === "running" || was === "waiting")) finished.push(id);
  }
  return { asked, finished };
}

/** "(2) ChatML": conversations waiting for the user plus turns that finished while the tab was hidden. */
export function attentionTitle(waiting: number, unseenFinished: number): string {
  const count = waiting + unseenFinished;
  return count > 0 ? `(${count}) ChatML` : "ChatML";
}
