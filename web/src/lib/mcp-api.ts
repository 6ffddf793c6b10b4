import type { Conversation, ConversationId, McpOverview, McpServerDefinition, SaveMcpServerInput, WorkspaceId } from "../../../shared/index.ts";
import { call, client } from "./rpc.ts";

const conversation = client.conversations[":id"];
const workspaceServers = client.workspaces[":id"]["mcp-servers"];

/** REST calls for MCP servers and forking. */
export const mcpApi = {
  overview: async (id: ConversationId): Promise<McpOverview> => (await call(conversation.mcp.$get({ param: { id } }))).overview as McpOverview,
  reconnect: async (id: ConversationId, name: string): Promise<McpOverview> =>
    (await call(conversation.mcp[":name"].reconnect.$post({ param: { id, name } }))).overview as McpOverview,
  toggle: async (id: ConversationId, name: string, isEnabled: boolean): Promise<McpOverview> =>
    (await call(conversation.mcp[":name"].toggle.$post({ param: { id, name }, json: { isEnabled } }))).overview as McpOverview,
  list: async (workspaceId: WorkspaceId): Promise<McpServerDefinition[]> => (await call(workspaceServers.$get({ param: { id: workspaceId } }))).servers as McpServerDefinition[],
  save: async (workspaceId: WorkspaceId, input: SaveMcpServerInput, serverId?: string): Promise<McpServerDefinition> => {
    const pending = serverId
      ? client.workspaces[":id"]["mcp-servers"][":serverId"].$put({ param: { id: workspaceId, serverId }, json: input })
      : workspaceServers.$post({ param: { id: workspaceId }, json: input });
    return (await call(pending)).server as McpServerDefinition;
  },
  setEnabled: async (workspaceId: WorkspaceId, serverId: string, isEnabled: boolean): Promise<McpServerDefinition> =>
    (await call(client.workspaces[":id"]["mcp-servers"][":serverId"].$patch({ param: { id: workspaceId, serverId }, json: { isEnabled } }))).server as McpServerDefinition,
  remove: async (workspaceId: WorkspaceId, serverId: string): Promise<void> => {
    await call(client.workspaces[":id"]["mcp-servers"][":serverId"].$delete({ param: { id: workspaceId, serverId } }));
  },
  fork: async (id: ConversationId, messageId: string): Promise<{ conversation: Conversation; draft: string }> =>
    (await call(conversation.fork.$post({ param: { id }, json: { messageId } }))) as { conversation: Conversation; draft: string },
};
