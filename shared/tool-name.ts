/**
 * The server and tool of an MCP tool's name as Claude Code spells it (`mcp__<server>__<tool>`), or null for any other
 * tool. A tool name may hold `__` itself; the server's may not (Claude Code makes it from the server's name).
 * @example mcpToolOf("mcp__chatml__session_status") // { server: "chatml", tool: "session_status" }
 */
export function mcpToolOf(name: string): { server: string; tool: string } | null {
  const [prefix, server, ...rest] = name.split("__");
  return prefix === "mcp" && server && rest.length > 0 ? { server, tool: rest.join("__") } : null;
}

/**
 * A tool's name as a person reads it: an MCP tool by its own name and its server's ("session_status (MCP server
 * chatml)"), not Claude Code's `mcp__chatml__session_status`; any other tool as it is.
 */
export function toolDisplayName(name: string): string {
  const mcp = mcpToolOf(name);
  return mcp ? `${mcp.tool} (MCP server ${mcp.server})` : name;
}
