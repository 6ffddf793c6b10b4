import type { CliStreamEvent } from "./cli-schemas.ts";

/**
 * A narrow, allocation-free check for the hottest CLI line, a `stream_event` carrying a `content_block_delta`
 * (issue 16: zod validation of every line cost 9–16 % of a burst). It accepts only what `CliStreamEvent` accepts
 * (so skipping zod changes nothing); anything else goes through the schema.
 */
export function isPlainBlockDelta(msg: Record<string, unknown>): msg is CliStreamEvent {
  if (msg["type"] !== "stream_event" || !isOptionalString(msg["parent_tool_use_id"]) || !isOptionalString(msg["api_message_id"])) return false;
  const event = msg["event"];
  if (!isRecord(event) || event["type"] !== "content_block_delta") return false;
  if (event["message"] !== undefined || event["content_block"] !== undefined || event["usage"] != null) return false;
  const index = event["index"];
  if (index !== undefined && !(Number.isInteger(index) && (index as number) >= 0)) return false;
  const delta = event["delta"];
  if (delta === undefined) return true;
  return isRecord(delta) && isOptionalString(delta["type"]) && isOptionalString(delta["text"]) && isOptionalString(delta["thinking"]) && isOptionalString(delta["partial_json"]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isOptionalString(value: unknown): boolean {
  return value == null || typeof value === "string";
}
