import { create } from "zustand";
import type { Conversation, ConversationId, EntityChange, Session, Workspace } from "../../../shared/index.ts";
import { api } from "../lib/api.ts";

/** Workspaces, sessions and conversations as listed by the server, kept live by `entity` frames. */
interface ConversationsState {
  workspaces: Record<string, Workspace>;
  sessions: Record<string, Session>;
  conversations: Record<string, Conversation>;
  isLoaded: boolean;
  loadError: string | null;
  upsert: (change: EntityChange) => void;
  load: () => Promise<void>;
}

export const useConversationsStore = create<ConversationsState>()((set, get) => ({
  workspaces: {},
  sessions: {},
  conversations: {},
  isLoaded: false,
  loadError: null,
  upsert: (change) => set((s) => applyChange(s, change)),
  load: async () => {
    try {
      const [{ workspaces }, { sessions }, { conversations }] = await Promise.all([
        api.workspaces(),
        api.sessions(),
        api.conversations(),
      ]);
      const current = get();
      set({
        workspaces: { ...byId(workspaces), ...current.workspaces },
        sessions: { ...byId(sessions), ...current.sessions },
        conversations: mergeNewer(byId(conversations), current.conversations),
        isLoaded: true,
        loadError: null,
      });
    } catch (error) {
      set({ isLoaded: true, loadError: error instanceof Error ? error.message : String(error) });
    }
  },
}));

function byId<T extends { id: string }>(items: T[]): Record<string, T> {
  return Object.fromEntries(items.map((item) => [item.id, item]));
}

/** Entity frames that arrived while the list loaded may be newer than the list; keep the newer one. */
function mergeNewer(loaded: Record<string, Conversation>, live: Record<string, Conversation>) {
  const merged = { ...loaded };
  for (const [id, c] of Object.entries(live)) {
    const other = merged[id];
    if (!other || c.updatedAt >= other.updatedAt) merged[id] = c;
  }
  return merged;
}

function applyChange(s: ConversationsState, change: EntityChange): Partial<ConversationsState> {
  switch (change.kind) {
    case "workspace":
      return { workspaces: { ...s.workspaces, [change.workspace.id]: change.workspace } };
    case "session":
      return { sessions: { ...s.sessions, [change.session.id]: change.session } };
    case "conversation":
      return { conversations: { ...s.conversations, [change.conversation.id]: change.conversation } };
  }
}

/** Conversations, most recently active first. */
export function selectSortedConversations(s: ConversationsState): Conversation[] {
  return Object.values(s.conversations).sort((a, b) => b.updatedAt - a.updatedAt);
}

export function selectConversation(id: ConversationId | null) {
  return (s: ConversationsState): Conversation | undefined => (id ? s.conversations[id] : undefined);
}

/** The folder a conversation runs in, for display. */
export function selectCwd(conversation: Conversation | undefined) {
  return (s: ConversationsState): string | null =>
    conversation ? (s.sessions[conversation.sessionId]?.cwd ?? null) : null;
}
