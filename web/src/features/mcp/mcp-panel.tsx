import { useState } from "react";
import type { ConversationId, McpServerStatus } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { useMcpOverview } from "./use-mcp.ts";
import { WorkspaceMcpServers } from "./workspace-mcp-servers.tsx";
import { dotJoin } from "../../lib/dot-join.ts";

const STATUS_STYLE: Record<string, string> = {
  connected: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100",
  failed: "bg-red-100 text-red-900 dark:bg-red-900/50 dark:text-red-100",
  pending: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100",
  "needs-auth": "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100",
};

const SOURCE_LABEL: Record<McpServerStatus["source"], string> = {
  chatml: "ChatML built-in",
  workspace: "this workspace",
  project: ".mcp.json",
  user: "your settings",
  local: "local settings",
  other: "other",
};

/** The MCP servers this conversation's CLI sees (status, error, tools; reconnect a failed one) and the workspace's own. */
export function McpPanel({ id }: { id: ConversationId }) {
  const { overview, refresh, reconnect, toggle, busy, error } = useMcpOverview(id);
  return (
    <section aria-label="MCP servers" className="space-y-2">
      <div className="flex items-center gap-2">
        <h3 className="flex-1 text-xs font-medium text-stone-500">MCP servers</h3>
        <Button variant="ghost" aria-label="Refresh MCP servers" disabled={busy !== null} onClick={() => void refresh()}>
          {busy === "refresh" ? "Checking…" : "Refresh"}
        </Button>
      </div>
      {overview?.note ? <p className="text-xs text-stone-500">{overview.note}</p> : null}
      <ul aria-label="MCP servers Claude sees" className="space-y-2">
        {(overview?.servers ?? []).map((server) => (
          <ServerRow
            key={server.name}
            server={server}
            busy={busy}
            canReconnect={overview?.isLive === true}
            isOn={!(overview?.switchedOff ?? []).includes(server.name)}
            onReconnect={() => void reconnect(server.name)}
            onToggle={(isOn) => void toggle(server.name, isOn)}
          />
        ))}
      </ul>
      <ErrorText message={error} />
      {overview?.workspaceId ? <WorkspaceMcpServers workspaceId={overview.workspaceId} /> : null}
    </section>
  );
}

type RowProps = { server: McpServerStatus; busy: string | null; canReconnect: boolean; isOn: boolean; onReconnect: () => void; onToggle: (isOn: boolean) => void };

function ServerRow({ server, busy, canReconnect, isOn, onReconnect, onToggle }: RowProps) {
  const [isOpen, setIsOpen] = useState(false);
  const isBusy = busy === `reconnect:${server.name}`;
  const badge = STATUS_STYLE[server.status] ?? "bg-stone-200 text-stone-800 dark:bg-stone-800 dark:text-stone-200";
  return (
    <li data-testid="mcp-server" aria-label={`MCP server ${server.name}`} className="rounded-lg border border-stone-200 p-2 text-xs dark:border-stone-800">
      <div className="flex flex-wrap items-center gap-2">
        <span className="min-w-0 flex-1 truncate font-medium text-sm">{server.name}</span>
        <span className={`rounded px-1.5 py-0.5 ${badge}`}>{server.status}</span>
        <label className="flex min-h-11 min-w-11 shrink-0 cursor-pointer items-center justify-center gap-1 text-stone-600 dark:text-stone-300" title="Use this server in this conversation">
          <input
            type="checkbox"
            role="switch"
            aria-label={`Use ${server.name} in this conversation`}
            checked={isOn}
            disabled={busy === `toggle:${server.name}`}
            onChange={(e) => onToggle(e.target.checked)}
            className="size-5"
          />
          <span aria-hidden="true">{isOn ? "On" : "Off"}</span>
        </label>
      </div>
      <p className="text-stone-500">
        {dotJoin([SOURCE_LABEL[server.source], server.transport, server.serverInfo])}
      </p>
      {server.error ? <p role="alert" className="mt-1 break-words text-red-700 dark:text-red-300">{server.error}</p> : null}
      <div className="mt-1 flex flex-wrap items-center gap-1">
        {server.tools.length > 0 ? (
          <Button variant="ghost" aria-expanded={isOpen} aria-label={`${isOpen ? "Hide" : "Show"} the ${server.tools.length} tools of ${server.name}`} onClick={() => setIsOpen(!isOpen)}>
            {server.tools.length} tool{server.tools.length === 1 ? "" : "s"}
          </Button>
        ) : (
          <span className="text-stone-500">No tools reported</span>
        )}
        {server.status !== "connected" && server.status !== "disabled" && isOn && canReconnect ? (
          <Button aria-label={`Reconnect ${server.name}`} disabled={isBusy} onClick={onReconnect}>
            {isBusy ? "Reconnecting…" : "Reconnect"}
          </Button>
        ) : null}
      </div>
      {isOpen ? <ul aria-label={`Tools of ${server.name}`} className="mt-1 flex flex-wrap gap-1">{server.tools.map((tool) => <li key={tool} className="rounded bg-stone-100 px-1.5 py-0.5 font-mono dark:bg-stone-800">{tool}</li>)}</ul> : null}
    </li>
  );
}
