import { describe, expect, it } from "vitest";
import { cliLines } from "./fixtures/load-transcripts.ts";
import { parseContextUsage } from "./context-usage.ts";

/** The recorded answer to the protocol study's `get_context_usage` (request id `ctx-1`). */
function recordedAnswer(transcript: string): unknown {
  const line = cliLines(transcript).find(({ msg }) => msg.type === "control_response" && (msg.response as { request_id?: string }).request_id === "ctx-1");
  return (line?.msg.response as { response?: unknown } | undefined)?.response;
}

describe("parseContextUsage", () => {
  it("reads 2.1.330's answer with the kinds it names, leaving out empty shares", () => {
    const usage = parseContextUsage(recordedAnswer("hi_initialize_and_controls"));
    expect(usage).toMatchObject({ totalTokens: 20403, maxTokens: 1_000_000, percentage: 2, model: "claude-opus-5-5", autoCompactThreshold: 967_000 });
    expect(usage?.categories.map((c) => [c.name, c.kind])).toEqual([
      ["System prompt", "used"],
      ["System tools", "used"],
      ["System tools (deferred)", "deferred"],
      ["Skills", "used"],
      ["Messages", "used"],
      ["Autocompact buffer", "buffer"],
      ["Free space", "free"],
    ]);
  });

  it("knows 2.1.119's reserved shares by name, since it names no kinds", () => {
    const usage = parseContextUsage(recordedAnswer("hi_initialize_and_controls.v21119"));
    expect(usage).toMatchObject({ totalTokens: 1153, maxTokens: 200_000, percentage: 1, model: "claude-sonnet-4-6" });
    expect(usage?.categories.filter((c) => c.kind !== "used").map((c) => [c.name, c.kind])).toEqual([
      ["Autocompact buffer", "buffer"],
      ["Free space", "free"],
    ]);
  });

  it("computes a missing percentage and drops the compaction point when auto-compact is off", () => {
    expect(parseContextUsage({ totalTokens: 50_000, maxTokens: 200_000, autoCompactThreshold: 160_000, isAutoCompactEnabled: false })).toEqual({
      totalTokens: 50_000, maxTokens: 200_000, percentage: 25, model: null, autoCompactThreshold: null, categories: [],
    });
  });

  it("gives null for an answer of another shape, so the UI says the CLI cannot tell", () => {
    expect(parseContextUsage(null)).toBeNull();
    expect(parseContextUsage({ categories: [] })).toBeNull();
    expect(parseContextUsage({ totalTokens: 1, maxTokens: 0 })).toBeNull();
  });
});
