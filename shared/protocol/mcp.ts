import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { ConversationId, WorkspaceId } from "../ids.ts";

/** How Claude Code reaches an MCP server. */
export const McpTransport = lazySchema(() => z.enum(["stdio", "sse", "http"]));
export type McpTransport = z.infer<typeof McpTransport>;

/** One environment variable or HTTP header of a server. A secret's value never leaves the server: `isSet` says it has one. */
export const McpSetting = lazySchema(() => z.object({
  key: z.string(),
  /** The value, or null for a secret. */
  value: z.string().nullable(),
  isSecret: z.boolean(),
  isSet: z.boolean(),
}));
export type McpSetting = z.infer<typeof McpSetting>;

/** A server a workspace adds to every conversation's CLI (through the generated `--mcp-config`). */
export const McpServerDefinition = lazySchema(() => z.object({
  id: z.string(),
  workspaceId: WorkspaceId,
  name: z.string(),
  transport: McpTransport,
  command: z.string().nullable(),
  args: z.array(z.string()),
  url: z.string().nullable(),
  env: z.array(McpSetting),
  headers: z.array(McpSetting),
  isEnabled: z.boolean(),
  updatedAt: z.number(),
}));
export type McpServerDefinition = z.infer<typeof McpServerDefinition>;

/** Where a server the CLI sees comes from. */
export const McpServerSource = lazySchema(() => z.enum(["chatml", "workspace", "project", "user", "local", "other"]));
export type McpServerSource = z.infer<typeof McpServerSource>;

/** What the CLI says about one server: its status, its error and its tools. */
export const McpServerStatus = lazySchema(() => z.object({
  name: z.string(),
  /** `connected`, `pending`, `failed`, `needs-auth`, `disabled` — or whatever newer CLIs say. */
  status: z.string(),
  error: z.string().nullable(),
  source: McpServerSource,
  transport: z.string().nullable(),
  /** Tool names without the `mcp__<server>__` prefix. */
  tools: z.array(z.string()),
  /** The name and version the server reported, when connected. */
  serverInfo: z.string().nullable(),
}));
export type McpServerStatus = z.infer<typeof McpServerStatus>;

/** A conversation's MCP servers as its CLI last reported them. */
export const McpOverview = lazySchema(() => z.object({
  conversationId: ConversationId,
  /** The workspace whose own servers this conversation gets (null when its session is gone). */
  workspaceId: WorkspaceId.nullable(),
  servers: z.array(McpServerStatus),
  /** True when this came from the running CLI just now (mcp_status); false: from the last init message seen. */
  isLive: z.boolean(),
  /** Servers the user switched off for this conversation (kept off across the CLI's restarts). */
  switchedOff: z.array(z.string()).default([]),
  /** Why the list may be stale or empty (CLI not running, status request failed), or null. */
  note: z.string().nullable(),
  checkedAt: z.number(),
}));
export type McpOverview = z.infer<typeof McpOverview>;
