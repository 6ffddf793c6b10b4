import type { FakeBlock } from "./types.ts";

/** One SSE event of the Messages API stream. */
export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** A random hex string of `bytes` bytes (ids must be unique; content stays deterministic). */
export function randomHex(bytes: number): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString("hex");
}

/** Splits text into word chunks (each keeps its trailing space), or into `count` near-equal parts. */
export function chunkText(text: string, count?: number): string[] {
  if (count && count > 0) {
    const size = Math.ceil(text.length / count);
    return Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
  }
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

/** The block as it appears in a complete (non-streamed) message, with a fresh tool_use id. */
export function finalBlock(block: FakeBlock): Record<string, unknown> {
  if (block.type === "text") return { type: "text", text: block.text };
  if (block.type === "thinking") return { type: "thinking", thinking: block.thinking, signature: signatureOf(block.thinking) };
  return { type: "tool_use", id: `${block.idPrefix ?? "toolu_fake"}${randomHex(12)}`, name: block.name, input: block.input };
}

function signatureOf(thinking: string): string {
  return `sig_${Buffer.from(thinking.slice(0, 16)).toString("base64")}`;
}

function startBlock(block: Record<string, unknown>): Record<string, unknown> {
  if (block.type === "text") return { type: "text", text: "" };
  if (block.type === "thinking") return { type: "thinking", thinking: "", signature: "" };
  return { ...block, input: {} };
}

function deltasOf(block: Record<string, unknown>, chunks?: number): Record<string, unknown>[] {
  if (block.type === "text") return chunkText(String(block.text), chunks).map((text) => ({ type: "text_delta", text }));
  if (block.type === "thinking") {
    const parts = chunkText(String(block.thinking)).map((thinking) => ({ type: "thinking_delta", thinking }));
    return [...parts, { type: "signature_delta", signature: block.signature }];
  }
  const json = JSON.stringify(block.input);
  return chunkText(json, 3).map((partial_json) => ({ type: "input_json_delta", partial_json }));
}

/** The content_block_start/delta/stop events of one block at `index`. */
export function blockEvents(block: Record<string, unknown>, index: number, chunks?: number): SseEvent[] {
  const start = { event: "content_block_start", data: { type: "content_block_start", index, content_block: startBlock(block) } };
  const deltas = deltasOf(block, chunks).map((delta) => ({
    event: "content_block_delta",
    data: { type: "content_block_delta", index, delta },
  }));
  return [start, ...deltas, { event: "content_block_stop", data: { type: "content_block_stop", index } }];
}

/** Usage numbers derived from sizes, so they are deterministic for a given request. */
export function usageFor(inputChars: number, output: Record<string, unknown>[]): { input_tokens: number; output_tokens: number } {
  return { input_tokens: Math.max(1, Math.ceil(inputChars / 4)), output_tokens: Math.max(1, Math.ceil(JSON.stringify(output).length / 4)) };
}

/**
 * Input tokens as the API reports them: all uncached, or (a warm prompt cache) all but 10 read from the cache. The CLI
 * only predicts the next prompt after a turn whose uncached tokens stay under 10k (2.1.332's `cache_cold` check).
 */
export function splitInput(inputTokens: number, warmCache: boolean): { input_tokens: number; cache_read_input_tokens: number } {
  if (!warmCache) return { input_tokens: inputTokens, cache_read_input_tokens: 0 };
  const uncached = Math.min(10, inputTokens);
  return { input_tokens: uncached, cache_read_input_tokens: inputTokens - uncached };
}

/** The message_start event. */
export function messageStart(id: string, model: string, inputTokens: number, warmCache = false): SseEvent {
  const usage = { ...splitInput(inputTokens, warmCache), output_tokens: 1, cache_creation_input_tokens: 0 };
  const message = { id, type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage };
  return { event: "message_start", data: { type: "message_start", message } };
}

/** The closing message_delta and message_stop events. */
export function messageEnd(stopReason: string, outputTokens: number): SseEvent[] {
  return [
    { event: "message_delta", data: { type: "message_delta", delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: outputTokens } } },
    { event: "message_stop", data: { type: "message_stop" } },
  ];
}

/** Serializes one SSE event. */
export function sseLine(ev: SseEvent): string {
  return `event: ${ev.event}\ndata: ${JSON.stringify(ev.data)}\n\n`;
}
