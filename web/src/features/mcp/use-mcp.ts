import { useCallback, useEffect, useState } from "react";
import type { ConversationId, McpOverview, McpServerDefinition, WorkspaceId } from "../../../../shared/index.ts";
import { errorMessage } from "../../lib/http.ts";
import { mcpApi } from "../../lib/mcp-api.ts";
import { useReconnects } from "../../stores/connection-store.ts";
import { useMcpStore } from "../../stores/mcp-store.ts";

/** Runs one action at a time, keeping its error for the UI; answers whether the action succeeded. */
export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (name: string, task: () => Promise<unknown>): Promise<boolean> => {
    setBusy(name);
    setError(null);
    try {
      await task();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, error, run };
}

/** A conversation's MCP servers: asked when shown and after each reconnect, kept live by `entity{kind:"mcp"}` frames. */
export function useMcpOverview(id: ConversationId) {
  const overview = useMcpStore((s) => s.byConversation[id]) as McpOverview | undefined;
  const action = useAction();
  const { run } = action;
  const refresh = useCallback(() => run("refresh", async () => useMcpStore.getState().putOverview(await mcpApi.overview(id))), [id, run]);
  const reconnects = useReconnects();
  useEffect(() => void refresh(), [refresh, reconnects]);
  const reconnect = (name: string) => run(`reconnect:${name}`, async () => useMcpStore.getState().putOverview(await mcpApi.reconnect(id, name)));
  const toggle = (name: string, isEnabled: boolean) => run(`toggle:${name}`, async () => useMcpStore.getState().putOverview(await mcpApi.toggle(id, name, isEnabled)));
  return { overview, refresh, reconnect, toggle, ...action };
}

/** A workspace's own MCP servers, loaded when shown and after each reconnect, kept live by `entity{kind:"mcpServers"}` frames. */
export function useWorkspaceMcpServers(workspaceId: WorkspaceId | null) {
  const servers = useMcpStore((s) => (workspaceId ? s.byWorkspace[workspaceId] : undefined)) as McpServerDefinition[] | undefined;
  const action = useAction();
  const { run } = action;
  const reconnects = useReconnects();
  useEffect(() => {
    if (workspaceId) void run("load", async () => useMcpStore.getState().putWorkspace(workspaceId, await mcpApi.list(workspaceId)));
  }, [workspaceId, run, reconnects]);
  return { servers: servers ?? [], ...action };
}
