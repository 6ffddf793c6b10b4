import type { ConversationsState } from "./conversations-store.ts";
import { parseRoute, tabKey, useNavStore } from "./nav-store.ts";
import { useUiStore } from "./ui-store.ts";
import { conversationTitle, sessionTitle } from "../lib/shown-title.ts";

type Lists = Pick<ConversationsState, "workspaces" | "sessions" | "conversations">;

/**
 * Closes the screens of what was deleted (here, on another device, or while this one slept); when the one on show is
 * among them, says what went. Without it a phone (which has no tabs to watch) landed on Home with no word why.
 * `before` is the lists as they were, so the deleted thing can still be named.
 */
export function closeRemovedScreens(before: Lists, gone: readonly string[]): void {
  const onScreen = tabKey(useNavStore.getState().hash);
  useNavStore.getState().closeTabs([...gone]);
  const isDeletedHere = gone.some((key) => deletingHere.delete(key));
  if (!gone.includes(onScreen)) return;
  // The screen that had the keyboard is gone: the next one's heading takes it.
  useUiStore.getState().focusHeading();
  if (!isDeletedHere) useUiStore.getState().showNotice(removalNotice(before, onScreen, gone));
}

/** Screens (tab keys) this page is deleting itself: their removal is news to other devices, not to this one. */
const deletingHere = new Set<string>();

/**
 * Says that this page is deleting the thing of `key` (`#/w/<id>`…): when its removal comes back over the socket, the
 * screen closes without "… you had open was deleted" (a workspace whose history was deleted from its own screen said
 * so, as if another device had done it). Forgotten when the deletion fails (`forget`) or once its removal came.
 */
export function deletingFromHere(key: string): { forget: () => void } {
  deletingHere.add(key);
  return { forget: () => void deletingHere.delete(key) };
}

/**
 * Runs `remove` as this page's own deletion of the thing of `key` (see {@link deletingFromHere}), forgotten if it fails.
 * @example onConfirm={() => deleteHere(`#/c/${id}`, () => workspacesApi.deleteConversation(id))}
 */
export async function deleteHere<T>(key: string, remove: () => Promise<T>): Promise<T> {
  const deleting = deletingFromHere(key);
  try {
    return await remove();
  } catch (error) {
    deleting.forget();
    throw error;
  }
}

/** What was deleted under the screen `hash`, named by the outermost thing that went: its workspace, session, or itself. */
function removalNotice(before: Lists, hash: string, gone: readonly string[]): string {
  const route = parseRoute(hash);
  const conversation = route.view === "conversation" ? before.conversations[route.id] : undefined;
  const session = before.sessions[route.view === "session" ? route.id : (conversation?.sessionId ?? "")];
  const workspace = before.workspaces[route.view === "workspace" ? route.id : (session?.workspaceId ?? "")];
  if (workspace && gone.includes(`#/w/${workspace.id}`)) return `The workspace “${workspace.name}” you had open was deleted.`;
  if (session && gone.includes(`#/s/${session.id}`)) return `The session “${sessionTitle(session)}” you had open was deleted.`;
  if (conversation) return `The conversation “${conversationTitle(conversation) || "Untitled"}” you had open was deleted.`;
  return route.view === "goal" ? "The goal you had open was deleted." : "What you had open was deleted.";
}
