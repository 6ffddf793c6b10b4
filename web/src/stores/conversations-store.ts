import { create } from "zustand";
import type { Conversation, ConversationId, EntityChange, EntityRevision, Session, Workspace } from "../../../shared/index.ts";
import { api } from "../lib/api.ts";
import { ListCoverage } from "./list-coverage.ts";
import { loadLists, SnapshotTracker } from "./snapshot-merge.ts";

/** Workspaces, sessions and conversations as listed by the server, kept live by `entity` frames. */
export interface ConversationsState {
  workspaces: Record<string, Workspace>;
  sessions: Record<string, Session>;
  conversations: Record<string, Conversation>;
  isLoaded: boolean;
  loadError: string | null;
  upsert: (change: EntityChange) => void;
  /** Adds what a command answered unless an entity frame already brought it (frames may be newer than the answer). */
  addIfMissing: (change: EntityChange) => void;
  /** Loads the lists (at boot). */
  load: () => Promise<void>;
  /** A socket was welcomed at `point`: loads the lists again unless they already hold every change up to it. */
  syncAt: (point: EntityRevision | undefined) => Promise<boolean>;
}

const snapshots = new SnapshotTracker();
/** How far these lists are known to be whole (socket-sync tells it about frames and the socket closing). */
export const conversationListsCoverage = new ListCoverage();

export const useConversationsStore = create<ConversationsState>()((set, get) => ({
  workspaces: {},
  sessions: {},
  conversations: {},
  isLoaded: false,
  loadError: null,
  upsert: (change) => {
    snapshots.touchChange(change);
    set((s) => applyChange(s, change));
  },
  addIfMissing: (change) => {
    const s = get();
    const isKnown =
      (change.kind === "workspace" && s.workspaces[change.workspace.id]) ||
      (change.kind === "session" && s.sessions[change.session.id]) ||
      (change.kind === "conversation" && s.conversations[change.conversation.id]);
    if (isKnown) return;
    snapshots.touchChange(change);
    set(applyChange(s, change));
  },
  load: () => conversationListsCoverage.track(loadConversationLists),
  syncAt: (point) => conversationListsCoverage.welcome(point, loadConversationLists),
}));

function loadConversationLists(): Promise<void> {
  const store = useConversationsStore;
  return loadLists(store, { snapshots, coverage: conversationListsCoverage }, api.lists, ([workspacesAnswer, sessionsAnswer, conversationsAnswer]) => {
    const current = store.getState();
    let lists: Lists = {
      workspaces: snapshots.merge("workspace", byId(workspacesAnswer.body.workspaces), current.workspaces),
      sessions: snapshots.merge("session", byId(sessionsAnswer.body.sessions), current.sessions),
      conversations: snapshots.merge("conversation", byId(conversationsAnswer.body.conversations), current.conversations),
    };
    // A workspace or session removed live while the lists loaded takes what hangs under it along, as a live removal does.
    for (const id of snapshots.removed("workspace", current.workspaces)) lists = removeEntity(lists, "workspace", id);
    for (const id of snapshots.removed("session", current.sessions)) lists = removeEntity(lists, "session", id);
    store.setState({ ...lists, isLoaded: true, loadError: null });
  });
}

function byId<T extends { id: string }>(items: T[]): Record<string, T> {
  return Object.fromEntries(items.map((item) => [item.id, item]));
}

function applyChange(s: ConversationsState, change: EntityChange): Partial<ConversationsState> {
  switch (change.kind) {
    case "workspace":
      return { workspaces: { ...s.workspaces, [change.workspace.id]: change.workspace } };
    case "session":
      return { sessions: { ...s.sessions, [change.session.id]: change.session } };
    case "conversation":
      return { conversations: { ...s.conversations, [change.conversation.id]: change.conversation } };
    case "removed":
      return change.entity === "goal" || change.entity === "job" ? {} : removeEntity(s, change.entity, change.id);
    default:
      return {}; // goals, jobs and runs live in the jobs store; pull requests in the pull-request store
  }
}

/** Drops a removed entity and what hangs under it (a workspace's sessions, a session's conversations). */
type Lists = Pick<ConversationsState, "workspaces" | "sessions" | "conversations">;

function removeEntity(s: Lists, entity: "workspace" | "session" | "conversation", id: string): Lists {
  const without = <T extends object>(items: Record<string, T>, drop: (item: T, key: string) => boolean) =>
    Object.fromEntries(Object.entries(items).filter(([key, item]) => !drop(item, key)));
  const workspaces = entity === "workspace" ? without(s.workspaces, (_w, key) => key === id) : s.workspaces;
  const sessions = without(s.sessions, (x, key) => (entity === "session" && key === id) || (entity === "workspace" && x.workspaceId === id));
  const conversations = without(s.conversations, (c, key) => (entity === "conversation" && key === id) || !sessions[c.sessionId]);
  return { workspaces, sessions, conversations };
}

/** Whether the session belongs to a workspace the user removed (its history is kept, but out of the lists). */
function isInArchivedWorkspace(s: ConversationsState, sessionId: string): boolean {
  const session = s.sessions[sessionId];
  return Boolean(session && s.workspaces[session.workspaceId]?.archivedAt);
}

/** The screens that show a removed entity or anything inside it (their tabs must close). */
export function routesInside(s: ConversationsState, entity: string, id: string): string[] {
  const sessionIds = entity === "session" ? [id] : entity === "workspace" ? Object.values(s.sessions).filter((x) => x.workspaceId === id).map((x) => x.id) : [];
  const conversationIds = entity === "conversation" ? [id] : Object.values(s.conversations).filter((c) => sessionIds.includes(c.sessionId)).map((c) => c.id);
  return [
    ...(entity === "workspace" ? [`#/w/${id}`] : []),
    ...sessionIds.map((x) => `#/s/${x}`),
    ...conversationIds.map((x) => `#/c/${x}`),
    ...(entity === "goal" ? [`#/g/${id}`] : []),
  ];
}

/**
 * Open conversations, most recently active first. An archived session's leave with it (they stay in the session
 * itself, in search and behind a link). A job's runs are left out unless one waits for you: a worktree job's (a
 * session each) are under their job in the workspace tree (ADR 0064), a fixed-session job's under the job in its
 * session's Conversations.
 */
export function selectSortedConversations(s: ConversationsState): Conversation[] {
  return Object.values(s.conversations)
    .filter((c) => !c.closedAt && !isOutOfTheLists(s, c.sessionId) && (c.status === "waiting" || (!c.jobId && !s.sessions[c.sessionId]?.jobId)))
    .sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Whether the session is archived, or belongs to a workspace the user removed: out of the sidebar's lists. */
function isOutOfTheLists(s: ConversationsState, sessionId: string): boolean {
  return s.sessions[sessionId]?.archivedAt != null || isInArchivedWorkspace(s, sessionId);
}

/** Live sessions (not archived), pinned first, then most recently used. */
export function selectLiveSessions(s: ConversationsState): Session[] {
  return Object.values(s.sessions)
    .filter((x) => x.archivedAt === null && !isInArchivedWorkspace(s, x.id))
    .sort((a, b) => Number(b.isPinned) - Number(a.isPinned) || b.updatedAt - a.updatedAt);
}

/** Workspaces in use, by name. */
export function selectWorkspaces(s: ConversationsState): Workspace[] {
  return Object.values(s.workspaces)
    .filter((w) => !w.archivedAt)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Workspaces the user removed while keeping their history, most recently removed first. */
export function selectArchivedWorkspaces(s: ConversationsState): Workspace[] {
  return Object.values(s.workspaces)
    .filter((w) => w.archivedAt)
    .sort((a, b) => (b.archivedAt ?? 0) - (a.archivedAt ?? 0));
}

/** A session's conversations (open ones first, newest first). */
export function selectSessionConversations(sessionId: string) {
  return (s: ConversationsState): Conversation[] =>
    Object.values(s.conversations)
      .filter((c) => c.sessionId === sessionId)
      .sort((a, b) => Number(Boolean(a.closedAt)) - Number(Boolean(b.closedAt)) || b.updatedAt - a.updatedAt);
}

export function selectConversation(id: ConversationId | null) {
  return (s: ConversationsState): Conversation | undefined => (id ? s.conversations[id] : undefined);
}

/** The folder a conversation runs in, for display. */
export function selectCwd(conversation: Conversation | undefined) {
  return (s: ConversationsState): string | null =>
    conversation ? (s.sessions[conversation.sessionId]?.cwd ?? null) : null;
}

/**
 * How many conversations in the lists wait for the user (a permission, question or plan), leaving out `hereId`, the
 * one on screen: on a phone they are behind "Open menu".
 */
export function selectWaitingElsewhere(hereId: string | null) {
  return (s: ConversationsState): number =>
    Object.values(s.conversations).filter((c) => c.status === "waiting" && c.id !== hereId && !c.closedAt && !isOutOfTheLists(s, c.sessionId)).length;
}
