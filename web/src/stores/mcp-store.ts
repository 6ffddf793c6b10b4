import { create } from "zustand";
import type { McpOverview, McpServerDefinition } from "../../../shared/index.ts";

/** Each conversation's MCP servers as its CLI reports them, and each workspace's own servers, live from the server. */
interface McpStoreState {
  byConversation: Record<string, McpOverview>;
  byWorkspace: Record<string, McpServerDefinition[]>;
  putOverview: (overview: McpOverview) => void;
  putWorkspace: (workspaceId: string, servers: McpServerDefinition[]) => void;
}

export const useMcpStore = create<McpStoreState>()((set) => ({
  byConversation: {},
  byWorkspace: {},
  putOverview: (overview) => set((s) => ({ byConversation: { ...s.byConversation, [overview.conversationId]: overview } })),
  putWorkspace: (workspaceId, servers) => set((s) => ({ byWorkspace: { ...s.byWorkspace, [workspaceId]: servers } })),
}));
