import type { ConversationId, WorkspaceId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { EntityDeps } from "../entity-context.ts";
import type { LaunchExtras } from "../ports.ts";
import { BuiltinMcpTools, type BuiltinToolDeps } from "./builtin-tools.ts";
import { McpLaunchFiles, type McpLaunch } from "./launch-config.ts";
import { McpSecrets } from "./mcp-secrets.ts";
import { McpService } from "./mcp-service.ts";
import { WorkspaceMcpServers } from "./workspace-servers.ts";

export type McpDeps = EntityDeps & {
  dataDir: string;
  control(conversationId: ConversationId, subtype: string, fields: Record<string, unknown>): Promise<unknown>;
  reviews: BuiltinToolDeps["reviews"];
  notify: BuiltinToolDeps["notify"];
  rerunSetup: BuiltinToolDeps["rerunSetup"];
  /** The built-in MCP server's URL on the loopback CLI listener, once it listens. */
  builtinServerUrl(): string | null;
};

/** The MCP room, wired: workspace servers, live status, launch files and the built-in server's tools. */
export type McpParts = {
  servers: WorkspaceMcpServers;
  status: McpService;
  /** One launch's flags; `release` when that launch's process exits (see LaunchExtras). */
  launchExtras(conversationId: ConversationId): LaunchExtras;
  /** The same servers for the conversation's interactive TUI; `releaseInteractive(key)` when its terminal ends. */
  interactiveLaunch(conversationId: ConversationId): McpLaunch & { key: string };
  releaseInteractive(key: string): void;
  /** Whether this is the secret of a CLI launch that is still running. */
  isLaunchSecret(token: string): boolean;
  /** A built-in server's tool call, authorised by its launch secret; answers text for the model. */
  callTool(token: string | null, tool: string, input: unknown): Promise<string>;
  stop(): void;
};

/** Builds the MCP room (the composition root calls this once). */
export function composeMcp(deps: McpDeps): McpParts {
  const sessionOf = (conversationId: ConversationId) => {
    const conversation = deps.repos.conversations.get(conversationId);
    const session = conversation ? deps.repos.sessions.get(conversation.sessionId) : null;
    if (!session) throw new AppError("not_found", `The session of conversation ${conversationId} is gone.`);
    return session;
  };
  const workspaceOf = (conversationId: ConversationId): WorkspaceId | null => {
    const conversation = deps.repos.conversations.get(conversationId);
    return conversation ? (deps.repos.sessions.get(conversation.sessionId)?.workspaceId ?? null) : null;
  };
  const servers = new WorkspaceMcpServers({ ...deps, secrets: new McpSecrets(deps.dataDir) });
  const files = new McpLaunchFiles({ dataDir: deps.dataDir, serversOf: (id) => servers.resolvedForLaunch(id), workspaceOf, switchedOffOf: (id) => deps.repos.mcpServers.switchedOff(id), builtinServerUrl: deps.builtinServerUrl });
  const status = new McpService({
    ...deps,
    workspaceOf,
    hintsOf: (id) => {
      const workspaceId = workspaceOf(id);
      const servers = workspaceId ? deps.repos.mcpServers.list(workspaceId) : [];
      const commands = servers.flatMap((s) => (s.transport === "stdio" && s.command ? [[s.name, s.command] as const] : []));
      return { workspaceNames: new Set(servers.map((s) => s.name)), workspaceCommands: new Map(commands) };
    },
  });
  const tools = new BuiltinMcpTools({
    sessionOf,
    workspaceOf: (session) => deps.repos.workspaces.get(session.workspaceId),
    reviews: deps.reviews,
    notify: deps.notify,
    rerunSetup: deps.rerunSetup,
    permissionModeOf: (id) => deps.repos.conversations.get(id)?.permissionMode ?? null,
  });
  const stopStatus = status.start();
  const stopFollowing = servers.followWorkspaces();
  return {
    servers,
    status,
    launchExtras: (id) => files.prepare(id),
    interactiveLaunch: (id) => files.prepareInteractive(id),
    releaseInteractive: (key) => files.release(key),
    isLaunchSecret: (token) => files.conversationOf(token) !== null,
    callTool: async (token, tool, input) => {
      const conversationId = token ? files.conversationOf(token) : null;
      if (!conversationId) throw new AppError("unauthorized", "This MCP secret is not valid (the conversation's CLI has exited or was relaunched).");
      return tools.call(conversationId, tool, input);
    },
    stop: () => {
      stopStatus();
      stopFollowing();
      files.stop();
    },
  };
}
