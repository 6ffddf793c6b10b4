import { useState } from "react";
import type { McpServerDefinition, SaveMcpServerInput, WorkspaceId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ConfirmDelete } from "../../components/confirm-delete.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { mcpApi } from "../../lib/mcp-api.ts";
import { McpServerForm } from "./mcp-server-form.tsx";
import { useWorkspaceMcpServers } from "./use-mcp.ts";
import { dotJoin } from "../../lib/dot-join.ts";

/** The workspace's own MCP servers: add, edit, switch off, remove. They reach Claude at its next start. */
export function WorkspaceMcpServers({ workspaceId }: { workspaceId: WorkspaceId }) {
  const { servers, busy, error, run } = useWorkspaceMcpServers(workspaceId);
  const [editing, setEditing] = useState<McpServerDefinition | "new" | null>(null);
  const save = (input: SaveMcpServerInput) => run("save", () => mcpApi.save(workspaceId, input, editing && editing !== "new" ? editing.id : undefined));
  return (
    <section aria-label="Workspace MCP servers" className="space-y-2 border-t border-stone-200 pt-2 dark:border-stone-800">
      <h4 className="text-xs font-medium text-stone-500">This workspace's servers</h4>
      <p className="text-xs text-stone-500">Given to Claude when it next starts (Relaunch to apply now). Secrets are stored on this machine only and never shown again.</p>
      <ul className="space-y-1">
        {servers.map((server) => (
          <li key={server.id} className="flex flex-wrap items-center gap-1 text-xs">
            <span className="min-w-0 flex-1 truncate">
              <span className="font-medium">{server.name}</span> <span className="text-stone-500">{dotJoin([server.transport, server.transport === "stdio" ? server.command : server.url])}</span>
            </span>
            <label className="inline-flex min-h-11 items-center gap-1">
              <input type="checkbox" aria-label={`Use ${server.name}`} checked={server.isEnabled} disabled={busy !== null} onChange={(e) => void run("toggle", () => mcpApi.setEnabled(workspaceId, server.id, e.target.checked))} />
              On
            </label>
            <Button variant="ghost" aria-label={`Edit ${server.name}`} onClick={() => setEditing(server)}>Edit</Button>
            {/* Asked first: removing also forgets its secrets, which no screen shows again to type back in. */}
            <ConfirmDelete
              label="Remove"
              name={`Remove ${server.name}`}
              question={`Remove the MCP server ${server.name}? Its settings and stored secrets are deleted from this machine.`}
              onConfirm={() => run("remove", () => mcpApi.remove(workspaceId, server.id))}
            />
          </li>
        ))}
      </ul>
      {editing ? (
        <McpServerForm key={editing === "new" ? "new" : editing.id} workspaceId={workspaceId} server={editing === "new" ? null : editing} isBusy={busy === "save"} onSave={save} onDone={() => setEditing(null)} />
      ) : (
        <Button onClick={() => setEditing("new")}>Add MCP server</Button>
      )}
      <ErrorText message={error} />
    </section>
  );
}
