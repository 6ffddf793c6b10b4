/**
 * A third-party MCP server as users add them: a stdio process with two tools. The e2e tests put it in a project's
 * `.mcp.json` and in a workspace's servers (`bun e2e/support/stdio-mcp-server.ts`).
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "docs", version: "1.0.0" });
server.registerTool("search_docs", { description: "Searches the project's docs.", inputSchema: { query: z.string() } }, async ({ query }) => ({
  content: [{ type: "text", text: `No docs mention ${query}.` }],
}));
server.registerTool("echo", { description: "Answers its input.", inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: "text", text }] }));
await server.connect(new StdioServerTransport());
