/** The MCP feature's public surface. */
export { McpPanel } from "./mcp-panel.tsx";
