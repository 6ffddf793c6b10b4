import { create } from "zustand";

/**
 * A workspace whose budget defaults another screen asked to show (a run its turn budget stopped, ADR 0162): the
 * workspace's screen opens its settings at the turn budget and takes the request, so a later visit shows the list.
 */
interface WorkspaceEditState {
  workspaceId: string | null;
  /** Opens the workspace's settings at its default turn budget once its screen is shown. */
  askForTurnBudget: (workspaceId: string) => void;
  /** The screen has opened the settings. */
  taken: () => void;
}

export const useWorkspaceEditStore = create<WorkspaceEditState>()((set) => ({
  workspaceId: null,
  askForTurnBudget: (workspaceId) => set({ workspaceId }),
  taken: () => set({ workspaceId: null }),
}));
