import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { McpTransport } from "../protocol/mcp.ts";

/** Names the CLI accepts as server keys (and in `mcp__<name>__tool`); `chatml` is ChatML's own. */
export const McpServerName = lazySchema(() => z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "use letters, digits, dashes and underscores")
  .refine((name) => name !== "chatml", "chatml is the name of ChatML's built-in server"));

/** One variable or header. A secret sent without a value keeps the value already stored. */
export const McpSettingInput = lazySchema(() => z.object({
  key: z.string().trim().min(1).max(200),
  value: z.string().max(10_000).optional(),
  isSecret: z.boolean().default(false),
}));
export type McpSettingInput = z.infer<typeof McpSettingInput>;

/** Adds or replaces a workspace's MCP server. */
export const SaveMcpServerInput = lazySchema(() => z
  .object({
    name: McpServerName,
    transport: McpTransport,
    command: z.string().trim().max(2000).optional(),
    args: z.array(z.string().max(2000)).max(100).default([]),
    url: z.string().trim().max(2000).optional(),
    env: z.array(McpSettingInput).max(100).default([]),
    headers: z.array(McpSettingInput).max(100).default([]),
    isEnabled: z.boolean().default(true),
  })
  .superRefine((input, ctx) => {
    if (input.transport === "stdio" && !input.command) ctx.addIssue({ code: "custom", path: ["command"], message: "a stdio server needs a command" });
    if (input.transport !== "stdio" && !/^https?:\/\//.test(input.url ?? "")) ctx.addIssue({ code: "custom", path: ["url"], message: "an SSE or HTTP server needs an http(s) URL" });
    // Names the server's process or its HTTP client would refuse: said here, not as a failed server later.
    if (input.transport === "stdio") {
      for (const [index, { key }] of input.env.entries()) {
        if (!ENV_NAME.test(key)) ctx.addIssue({ code: "custom", path: ["env", index, "key"], message: `${key} is not a variable name: use letters, digits and underscores, not starting with a digit` });
      }
    } else {
      for (const [index, { key, value }] of input.headers.entries()) {
        if (!HEADER_NAME.test(key)) ctx.addIssue({ code: "custom", path: ["headers", index, "key"], message: `${key} is not a header name: no spaces, colons or other separators` });
        if (value !== undefined && /[\r\n\0]/.test(value)) ctx.addIssue({ code: "custom", path: ["headers", index, "value"], message: `the value of ${key} must be one line` });
      }
    }
  }));

/** What a process environment takes as a variable name. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** An HTTP header name (a token: RFC 9110, section 5.6.2). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
export type SaveMcpServerInput = z.infer<typeof SaveMcpServerInput>;

export const SetMcpServerEnabledInput = lazySchema(() => z.object({ isEnabled: z.boolean() }));

/** Switches a server off or on in the running CLI only (`mcp_toggle`). */
export const ToggleMcpServerInput = lazySchema(() => z.object({ isEnabled: z.boolean() }));

/** Starts a new conversation from the context before this user message (ADR 0024). */
export const ForkConversationInput = lazySchema(() => z.object({ messageId: z.string().min(1).max(100) }));
export type ForkConversationInput = z.infer<typeof ForkConversationInput>;
