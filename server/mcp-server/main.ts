/**
 * ChatML's built-in MCP server (stdio), started by the Claude Code CLI of one conversation from the generated
 * `--mcp-config`. It holds no state: every tool asks the running ChatML server over loopback HTTP
 * (CHATML_MCP_URL) with this launch's secret (CHATML_MCP_TOKEN), which names the conversation (ADR 0024).
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { BridgeClient } from "./bridge-client.ts";

const client = BridgeClient.fromEnv(process.env);
const server = new McpServer({ name: "chatml", version: "1.0.0" });

server.registerTool(
  "session_status",
  { description: "The session's git state: branch, base branch, changed files and the diff against the base branch (capped).", inputSchema: {} },
  async () => client.call("session_status", {}),
);
server.registerTool(
  "review_comments",
  { description: "The user's open review comments on this session's changes (file, lines, text, id). Resolve one with resolve_review_comment once addressed.", inputSchema: { includeResolved: z.boolean().optional() } },
  async (input) => client.call("review_comments", input),
);
server.registerTool(
  "resolve_review_comment",
  { description: "Marks one review comment as resolved (after you addressed it).", inputSchema: { id: z.string() } },
  async (input) => client.call("resolve_review_comment", input),
);
server.registerTool(
  "list_scripts",
  { description: "The workspace's scripts: its setup script and the package.json scripts of the session's folder, with the command that runs each.", inputSchema: {} },
  async () => client.call("list_scripts", {}),
);
server.registerTool(
  "run_script",
  {
    description: "Runs the workspace's setup script again in this session's worktree (as ChatML does for a new worktree) and answers its exit code and output. The user sees it run in the session's Setup panel.",
    inputSchema: { script: z.literal("setup").optional() },
  },
  async (input) => client.call("run_script", input),
);
server.registerTool(
  "notify_user",
  { description: "Notifies the user (in the conversation and as a push notification on their devices), e.g. when long work is done or you need them.", inputSchema: { title: z.string().max(120), body: z.string().max(500).optional() } },
  async (input) => client.call("notify_user", input),
);

await server.connect(new StdioServerTransport());
