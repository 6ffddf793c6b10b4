import { hideSecrets } from "../../../shared/hide-secrets.ts";
import type { McpServerSource, McpServerStatus } from "../../../shared/protocol/mcp.ts";

/** The `mcpServers` entry of an `mcp_status` answer (lenient: CLIs add fields). */
type RawStatus = { name?: unknown; status?: unknown; error?: unknown; scope?: unknown; source?: unknown; transport?: unknown; config?: unknown; serverInfo?: unknown; tools?: unknown };

/**
 * What ChatML knows of the servers it configured: the workspace's own server names (a server's source) and the
 * commands of its stdio servers (to name the one that was not found).
 */
export type SourceHints = { workspaceNames: ReadonlySet<string>; workspaceCommands?: ReadonlyMap<string, string> };

/** Servers from an `mcp_status` answer (`{mcpServers:[…]}`); an unexpected shape gives an empty list. */
export function statusFromControl(response: unknown, hints: SourceHints): McpServerStatus[] {
  const list = (response as { mcpServers?: unknown } | null)?.mcpServers;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: RawStatus) => {
    if (typeof item?.name !== "string") return [];
    const config = (item.config ?? {}) as { type?: unknown };
    const info = (item.serverInfo ?? null) as { name?: unknown; version?: unknown } | null;
    return [
      {
        name: item.name,
        status: typeof item.status === "string" ? item.status : "unknown",
        // The CLI's error can quote the server's URL, credential and all (`?api_key=…`, ADR 0241): it goes to every device.
        error: typeof item.error === "string" ? hideSecrets(explained(item.name, item.error, hints)).text : null,
        source: sourceOf(item.name, text(item.source) ?? text(item.scope), hints),
        transport: text(item.transport) ?? text(config.type),
        tools: Array.isArray(item.tools) ? item.tools.flatMap((tool: { name?: unknown }) => (typeof tool?.name === "string" ? [tool.name] : [])) : [],
        serverInfo: info && typeof info.name === "string" ? `${info.name}${typeof info.version === "string" ? ` ${info.version}` : ""}` : null,
      },
    ];
  });
}

/** Servers from the last init message: status per server and tools from the `mcp__<server>__<tool>` names. */
export function statusFromInit(servers: { name: string; status: string; source: string | null }[], tools: string[], hints: SourceHints): McpServerStatus[] {
  return servers.map((server) => {
    const prefix = `mcp__${server.name}__`;
    return {
      name: server.name,
      status: server.status,
      error: null,
      source: sourceOf(server.name, server.source, hints),
      transport: null,
      tools: tools.filter((tool) => tool.startsWith(prefix)).map((tool) => tool.slice(prefix.length)),
      serverInfo: null,
    };
  });
}

/**
 * The CLI's servers, plus a `disabled` row for each server switched off in this conversation that it does not list:
 * such a server was left out of its launch (ADR 0039), and the row keeps its switch there to turn it back on.
 */
export function withSwitchedOff(servers: McpServerStatus[], switchedOff: string[], hints: SourceHints): McpServerStatus[] {
  const listed = new Set(servers.map((s) => s.name));
  const missing = switchedOff.filter((name) => !listed.has(name));
  return [...servers, ...missing.map((name) => ({ name, status: "disabled", error: null, source: sourceOf(name, null, hints), transport: null, tools: [], serverInfo: null }))];
}

/**
 * The CLI's words for a stdio server whose command does not exist name neither the command nor the cause
 * ("ENOENT: no such file or directory, posix_spawn 'stdio'"; 2.1.332: 'Executable not found in $PATH: "stdio"'): a
 * workspace server's error says which command it is.
 */
function explained(name: string, error: string, hints: SourceHints): string {
  const command = hints.workspaceCommands?.get(name);
  if (!command || !/\bENOENT\b|Executable not found in \$PATH/.test(error)) return error;
  return `The command "${command}" was not found: give its full path, or install it where Claude Code's PATH finds it (${error}).`;
}

/** `dynamic` (from `--mcp-config`) is ours: the built-in `chatml` or a workspace server. */
function sourceOf(name: string, scope: string | null, hints: SourceHints): McpServerSource {
  if (scope === "dynamic" || scope === null) {
    if (name === "chatml") return "chatml";
    if (hints.workspaceNames.has(name)) return "workspace";
    return "other";
  }
  if (scope === "project" || scope === "user" || scope === "local") return scope;
  return "other";
}

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
