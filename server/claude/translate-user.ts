import type { DomainEvent } from "../../shared/protocol/events.ts";
import { CliTextBlock, type CliToolResultBlock, CliToolResultBlock as ToolResultSchema, CliToolResultMeta, type CliUser } from "./cli-schemas.ts";
import { attachToolResult } from "./translate-tool-result.ts";
import { notice, type TranslateContext } from "./translate-state.ts";

const INTERRUPT_MARKER = /^\[Request interrupted by user[^\]]*\]$/;
const LOCAL_COMMAND = /^<local-command-(stdout|stderr)>/;

/**
 * A `user` line: content the CLI adds to the conversation. Tool results attach to their tool parts (never
 * dropped); sub-agent prompts become user messages; replays of our own input and markers are not messages.
 */
export function translateUser(msg: CliUser, ctx: TranslateContext): DomainEvent[] {
  // Echoes of what we sent (--replay-user-messages, set_model's local-command output): the runtime already
  // created those messages.
  if (msg.isReplay) return [];
  const content = msg.message.content;
  const blocks = typeof content === "string" ? [{ type: "text", text: content }] : content;
  const results: CliToolResultBlock[] = [];
  const texts: string[] = [];
  for (const raw of blocks) {
    const result = ToolResultSchema.safeParse(raw);
    if (result.success) results.push(result.data);
    const text = CliTextBlock.safeParse(raw);
    if (text.success) texts.push(text.data.text);
  }
  // `tool_use_result` describes the line's one result; with several results it cannot be attributed.
  const structured = results.length === 1 ? msg.tool_use_result : undefined;
  const meta = toolResultMeta(msg.tool_result_meta);
  const events = results.flatMap((block) => attachToolResult(block, structured, ctx, meta.get(block.tool_use_id)));
  return [...events, ...userText(texts, msg, ctx)];
}

/** `tool_result_meta` by tool use id; entries that do not fit are skipped (the result still attaches). */
function toolResultMeta(raw: unknown[] | null | undefined): Map<string, CliToolResultMeta> {
  const byId = new Map<string, CliToolResultMeta>();
  for (const entry of raw ?? []) {
    const parsed = CliToolResultMeta.safeParse(entry);
    if (parsed.success) byId.set(parsed.data.id, parsed.data);
  }
  return byId;
}

function userText(texts: string[], msg: CliUser, ctx: TranslateContext): DomainEvent[] {
  const joined = texts.join("\n").trim();
  if (joined === "") return [];
  if (INTERRUPT_MARKER.test(joined)) return [notice("info", "Interrupted")];
  if (msg.isSynthetic && ctx.isSummaryNext) return (ctx.isSummaryNext = false), [];
  if (msg.isSynthetic) return [notice("info", "The response was cut off mid-stream; Claude is resuming.")];
  if (LOCAL_COMMAND.test(joined)) return [];
  const parts = texts.map((text) => ({ id: ctx.ids.partId(), kind: "text" as const, text }));
  const message = {
    id: ctx.ids.messageId(),
    role: "user" as const,
    parentToolUseId: msg.parent_tool_use_id ?? null,
    model: null,
    createdAt: ctx.now(),
    parts,
  };
  return [{ type: "message.created", message }];
}
