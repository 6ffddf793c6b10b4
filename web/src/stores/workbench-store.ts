import { create } from "zustand";
import type { ChangeScope, SessionId, WorkbenchTopic } from "../../../shared/index.ts";
import { useReconnects } from "./connection-store.ts";

/** A document open in a session's side panel: a file in the editor, one file's diff, or the whole session's diff. */
export type WorkbenchDoc =
  | { kind: "file"; path: string }
  | { kind: "diff"; path: string; oldPath: string | null; scope: ChangeScope }
  | { kind: "session-diff"; scope: ChangeScope };

/** What one session's workbench shows on this device. */
export type SessionWorkbench = {
  /** The side panel's tab: a tool (`changes`, `files`, …) or an open document's key. */
  activeTab: string;
  docs: WorkbenchDoc[];
  scope: ChangeScope;
  /** Phone: which full-screen view is up (`chat`, a tool id, or `doc`). */
  phoneView: string;
  /**
   * Desktop: the bottom panel (terminals) as the user last left it; unset, it is open when the session has a
   * terminal and a one-row bar otherwise, so an empty panel does not take a third of the conversation's height.
   */
  bottomPanel?: "open" | "closed";
};

const STORAGE_KEY = "chatml.workbench";
const MAX_DOCS = 12;
const EMPTY: SessionWorkbench = { activeTab: "changes", docs: [], scope: "base", phoneView: "chat" };

/** The key of a document (its tab id). */
export function docKey(doc: WorkbenchDoc): string {
  if (doc.kind === "file") return `file:${doc.path}`;
  if (doc.kind === "diff") return `diff:${doc.scope}:${doc.path}`;
  return `session-diff:${doc.scope}`;
}

interface WorkbenchState {
  sessions: Record<string, SessionWorkbench>;
  /** Files with unsaved edits, per session (`sessionId\0path`). */
  dirty: Record<string, boolean>;
  /** Bumped when the server says part of a session's workbench changed (`sessionId:topic`). */
  revisions: Record<string, number>;
  isSidePanelOpen: boolean;
  patch: (id: SessionId, patch: Partial<SessionWorkbench>) => void;
  openDoc: (id: SessionId, doc: WorkbenchDoc) => void;
  closeDoc: (id: SessionId, key: string) => void;
  setDirty: (id: SessionId, path: string, isDirty: boolean) => void;
  bump: (id: SessionId, topic: WorkbenchTopic) => void;
  setSidePanelOpen: (isOpen: boolean) => void;
}

function load(): Pick<WorkbenchState, "sessions" | "isSidePanelOpen"> {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}") as Partial<WorkbenchState>;
    return { sessions: stored.sessions ?? {}, isSidePanelOpen: stored.isSidePanelOpen ?? true };
  } catch (error) {
    console.warn("chatml: stored workbench layout ignored", error);
    return { sessions: {}, isSidePanelOpen: true };
  }
}

/** The session's workbench state on this device (defaults when none is stored). */
export function selectWorkbench(id: string) {
  return (s: WorkbenchState): SessionWorkbench => s.sessions[id] ?? EMPTY;
}

/** Open tabs, the active one, the Changes filter and the phone view per session, kept per device in localStorage. */
export const useWorkbenchStore = create<WorkbenchState>()((set, get) => {
  const save = () => {
    const { sessions, isSidePanelOpen } = get();
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ sessions, isSidePanelOpen }));
  };
  const update = (id: SessionId, change: (w: SessionWorkbench) => SessionWorkbench) => {
    set((s) => ({ sessions: { ...s.sessions, [id]: change(s.sessions[id] ?? EMPTY) } }));
    save();
  };
  return {
    ...(typeof localStorage === "undefined" ? { sessions: {}, isSidePanelOpen: true } : load()),
    dirty: {},
    revisions: {},
    patch: (id, patch) => update(id, (w) => ({ ...w, ...patch })),
    openDoc: (id, doc) =>
      update(id, (w) => {
        const key = docKey(doc);
        // Open already, it is taken as opened now, in its place: a diff's file may have become (or stopped being) a rename.
        const docs = w.docs.some((d) => docKey(d) === key) ? w.docs.map((d) => (docKey(d) === key ? doc : d)) : [...w.docs, doc].slice(-MAX_DOCS);
        return { ...w, docs, activeTab: key, phoneView: "doc" };
      }),
    closeDoc: (id, key) =>
      update(id, (w) => {
        const docs = w.docs.filter((d) => docKey(d) !== key);
        const activeTab = w.activeTab === key ? (docs.at(-1) ? docKey(docs.at(-1) as WorkbenchDoc) : "changes") : w.activeTab;
        return { ...w, docs, activeTab, phoneView: w.phoneView === "doc" && docs.length === 0 ? "changes" : w.phoneView };
      }),
    setDirty: (id, path, isDirty) => set((s) => ({ dirty: { ...s.dirty, [`${id}\0${path}`]: isDirty } })),
    bump: (id, topic) => set((s) => ({ revisions: { ...s.revisions, [`${id}:${topic}`]: (s.revisions[`${id}:${topic}`] ?? 0) + 1 } })),
    setSidePanelOpen: (isSidePanelOpen) => {
      set({ isSidePanelOpen });
      save();
    },
  };
});

/** Phone: the view that is up (`chat` also when `doc` is chosen but every document was closed). */
export function selectPhoneView(id: string) {
  return (s: WorkbenchState): string => {
    const w = s.sessions[id] ?? EMPTY;
    return w.phoneView === "doc" && w.docs.length === 0 ? "chat" : w.phoneView;
  };
}

/**
 * A counter that changes whenever the server says `topic` of the session changed, and at each reconnect (what changed
 * while the socket was away was never said); use it as an effect dependency.
 */
export function useWorkbenchRevision(id: string, topic: WorkbenchTopic): number {
  const reconnects = useReconnects();
  return useWorkbenchStore((s) => s.revisions[`${id}:${topic}`] ?? 0) + reconnects;
}
