import type { CliMessage } from "../../claude/contracts.ts";
import { entryToCliMessage } from "../../claude/transcript/transcript-entries.ts";

type Tokens = { input_tokens: number; output_tokens: number; cache_read_input_tokens: number; cache_creation_input_tokens: number };

/**
 * What one turn of the interactive `claude` used, read from its transcript: the TUI writes no `result` line, but every
 * assistant line carries its API message's `usage` (the lines of one message share it). A turn ends as stream-json's
 * does (an answer that stopped for anything but a tool call, or an interrupt), and then becomes the `result` line
 * stream-json would have sent, so budgets, the usage panel and the timeline count it the same way. The TUI reports no
 * cost per turn, so the result carries none (`total_cost_usd` absent): the totals count such runs as not priced.
 */
export class TurnUsage {
  /** Usage per API message of the run in progress (main thread; a message's lines repeat the same figures). */
  private readonly messages = new Map<string, Tokens>();
  private startedAt: number | null = null;
  private lastText: string | null = null;

  /** Takes in one mirrored entry; returns the `result` line when it ended the turn. */
  see(entry: Record<string, unknown>, turn: "running" | "ready" | null): CliMessage | null {
    const message = entryToCliMessage(entry);
    const stamp = typeof entry["timestamp"] === "string" ? Date.parse(entry["timestamp"]) : Number.NaN;
    // A prompt typed while the turn runs is queued into it: the run started at the first one.
    if (turn === "running" && this.startedAt === null && this.messages.size === 0) this.startedAt = Number.isNaN(stamp) ? null : stamp;
    if (message?.type === "assistant") this.count(message["message"] as Record<string, unknown>);
    if (turn !== "ready") return null;
    const result = this.result(message?.type === "user", Number.isNaN(stamp) ? null : stamp);
    this.messages.clear();
    this.lastText = null;
    this.startedAt = null;
    return result;
  }

  private count(body: Record<string, unknown>): void {
    const id = typeof body["id"] === "string" ? body["id"] : null;
    const usage = body["usage"] as Record<string, unknown> | undefined;
    if (!id || !usage || body["model"] === "<synthetic>") return;
    const n = (key: string) => (typeof usage[key] === "number" && Number.isFinite(usage[key]) ? (usage[key] as number) : 0);
    this.messages.set(id, { input_tokens: n("input_tokens"), output_tokens: n("output_tokens"), cache_read_input_tokens: n("cache_read_input_tokens"), cache_creation_input_tokens: n("cache_creation_input_tokens") });
    const texts = Array.isArray(body["content"]) ? body["content"].flatMap((block: { type?: unknown; text?: unknown }) => (block.type === "text" && typeof block.text === "string" ? [block.text] : [])) : [];
    if (texts.length > 0) this.lastText = texts.join("\n");
  }

  private result(isInterrupted: boolean, endedAt: number | null): CliMessage {
    const usage: Tokens = { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
    for (const tokens of this.messages.values()) for (const key of Object.keys(usage) as (keyof Tokens)[]) usage[key] += tokens[key];
    const duration = this.startedAt !== null && endedAt !== null && endedAt >= this.startedAt ? endedAt - this.startedAt : null;
    return {
      type: "result",
      subtype: isInterrupted ? "error_during_execution" : "success",
      is_error: isInterrupted,
      ...(isInterrupted ? { terminal_reason: "aborted_streaming" } : this.lastText === null ? {} : { result: this.lastText }),
      usage,
      ...(duration === null ? {} : { duration_ms: duration }),
    };
  }
}
