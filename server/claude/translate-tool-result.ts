import type { DomainEvent } from "../../shared/protocol/events.ts";
import type { ToolPart, ToolResult } from "../../shared/protocol/model.ts";
import { CliContentBlock, CliTextBlock, type CliToolResultBlock, type CliToolResultMeta } from "./cli-schemas.ts";
import { toolOutcome } from "./tool-outcome.ts";
import { settleByToolUse } from "./translate-permissions.ts";
import { notice, type ToolEntry, type TranslateContext } from "./translate-state.ts";

/** Largest tool result text we keep (UTF-8 bytes); bigger results are cut and flagged `isTruncated`. */
export const MAX_RESULT_BYTES = 256 * 1024;
const MAX_DEPTH = 32;

/** Attaches a `tool_result` block to its tool part. Never drops a result: an unknown id becomes a notice. */
export function attachToolResult(
  block: CliToolResultBlock,
  structured: unknown,
  ctx: TranslateContext,
  meta?: CliToolResultMeta,
): DomainEvent[] {
  const id = block.tool_use_id;
  const entry = ctx.tools.get(id) ?? ctx.closedTools.get(id);
  if (!entry) return [notice("warning", `A tool result arrived for an unknown tool call (${id}).`)];
  ctx.tools.delete(id);
  ctx.closedTools.delete(id);
  const isError = block.is_error === true;
  const { text, isTruncated } = truncateUtf8(resultText(block.content), MAX_RESULT_BYTES);
  const result: ToolResult = { text, isError, isTruncated };
  if (structured !== undefined) result.structured = normaliseStructured(structured);
  const saved = cliSavedOutput(text, result.structured);
  if (saved) result.savedOutput = saved;
  const part: ToolPart = { ...entry.part, status: isError ? "failed" : "completed", result, endedAt: ctx.now() };
  const outcome = isError ? toolOutcome(text, meta, ctx.deniedToolUses.has(id)) : undefined;
  ctx.deniedToolUses.delete(id);
  if (outcome) part.outcome = outcome;
  return [{ type: "message.part.updated", messageId: entry.messageId, part }, ...settleByToolUse(ctx, id)];
}

const SAVED_TO = /(?:Full output saved to|were saved to): (\S+)/;

/**
 * The file the CLI saved a too-large output to (it hands the model only the head): from the structured result
 * (`persistedOutputPath`/`persistedOutputSize`, Bash on 2.1.119 and 2.1.330), else from the text it wrote.
 */
export function cliSavedOutput(text: string, structured: unknown): { path: string; bytes: number | null } | null {
  if (typeof structured === "object" && structured !== null) {
    const s = structured as Record<string, unknown>;
    if (typeof s["persistedOutputPath"] === "string" && s["persistedOutputPath"] !== "") {
      return { path: s["persistedOutputPath"], bytes: typeof s["persistedOutputSize"] === "number" ? s["persistedOutputSize"] : null };
    }
  }
  const path = SAVED_TO.exec(text)?.[1];
  return path ? { path, bytes: null } : null;
}

/** Marks running tool calls failed (turn aborted, process gone); `which` picks the calls. */
export function failRunningTools(
  ctx: TranslateContext,
  reason: string,
  which: (entry: ToolEntry) => boolean,
): DomainEvent[] {
  const events: DomainEvent[] = [];
  for (const [id, entry] of ctx.tools) {
    if (!which(entry)) continue;
    ctx.tools.delete(id);
    const part: ToolPart = {
      ...entry.part,
      status: "failed",
      result: { text: reason, isError: true, isTruncated: false },
      endedAt: ctx.now(),
      outcome: "interrupted",
    };
    ctx.closedTools.set(id, { ...entry, part });
    events.push({ type: "message.part.updated", messageId: entry.messageId, part });
  }
  return events;
}

/** The text the model saw: string content, or text blocks joined; other blocks become a short placeholder. */
export function resultText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return content == null ? "" : JSON.stringify(content);
  return content.map(blockText).join("\n");
}

function blockText(raw: unknown): string {
  const text = CliTextBlock.safeParse(raw);
  if (text.success) return text.data.text;
  const block = CliContentBlock.safeParse(raw);
  if (!block.success) return "";
  const toolName = block.data["tool_name"];
  return typeof toolName === "string" ? `[${block.data.type}: ${toolName}]` : `[${block.data.type}]`;
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): { text: string; isTruncated: boolean } {
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so short strings need no encoding.
  if (text.length * 3 <= maxBytes) return { text, isTruncated: false };
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= maxBytes) return { text, isTruncated: false };
  const cut = new TextDecoder().decode(bytes.subarray(0, maxBytes)).replace(/\uFFFD$/, "");
  return { text: cut, isTruncated: true };
}

/** The tool's structured output with snake_case keys made camelCase; a bare string (an error) → `{error}`. */
export function normaliseStructured(value: unknown): unknown {
  if (typeof value === "string") return { error: truncateUtf8(value, MAX_RESULT_BYTES).text };
  return normaliseValue(value, 0);
}

const SNAKE_KEY = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;

function normaliseValue(value: unknown, depth: number): unknown {
  if (typeof value === "string") return truncateUtf8(value, MAX_RESULT_BYTES).text;
  if (depth >= MAX_DEPTH || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => normaliseValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // Only identifier-like keys are renamed: data keys (e.g. AskUserQuestion answers keyed by question) stay.
    const name = SNAKE_KEY.test(key) ? key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()) : key;
    out[name] = normaliseValue(item, depth + 1);
  }
  return out;
}
