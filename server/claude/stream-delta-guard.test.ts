import { describe, expect, it } from "vitest";
import { CliStreamEvent } from "./cli-schemas.ts";
import { isPlainBlockDelta } from "./stream-delta-guard.ts";

const delta = (patch: Record<string, unknown> = {}, eventPatch: Record<string, unknown> = {}) => ({
  type: "stream_event",
  api_message_id: "msg_1",
  parent_tool_use_id: null,
  event: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hi" }, ...eventPatch },
  ...patch,
});

/* The fast path may only accept lines the schema accepts; everything else must fall through to zod. */
describe("isPlainBlockDelta", () => {
  const cases: [string, Record<string, unknown>][] = [
    ["a text delta", delta()],
    ["a thinking delta", delta({}, { delta: { type: "thinking_delta", thinking: "hmm" } })],
    ["a tool input delta of a sub-agent", delta({ parent_tool_use_id: "toolu_1" }, { delta: { type: "input_json_delta", partial_json: "{\"a\"" } })],
    ["a delta without api_message_id (2.1.119)", delta({ api_message_id: undefined })],
    ["a delta without delta", delta({}, { delta: undefined })],
    ["a negative index", delta({}, { index: -1 })],
    ["a fractional index", delta({}, { index: 0.5 })],
    ["a text that is a number", delta({}, { delta: { type: "text_delta", text: 5 } })],
    ["a delta that is an array", delta({}, { delta: [] })],
    ["a delta that is null", delta({}, { delta: null })],
    ["an api_message_id that is a number", delta({ api_message_id: 7 })],
    ["an event that is null", delta({ event: null })],
    ["an event carrying usage", delta({}, { usage: { output_tokens: 3 } })],
    ["an event carrying a message", delta({}, { message: { id: "m" } })],
    ["another event type", delta({}, { type: "content_block_stop" })],
  ];

  it.each(cases)("%s: fast path only where the schema agrees", (_name, line) => {
    const schemaAccepts = CliStreamEvent.safeParse(line).success;
    const isFast = isPlainBlockDelta(line);
    if (isFast) expect(schemaAccepts).toBe(true);
    if (!schemaAccepts) expect(isFast).toBe(false);
  });

  it("takes the common deltas without the schema", () => {
    expect(isPlainBlockDelta(delta())).toBe(true);
    expect(isPlainBlockDelta(delta({ api_message_id: undefined }))).toBe(true);
    expect(isPlainBlockDelta(delta({}, { delta: { type: "input_json_delta", partial_json: "{" } }))).toBe(true);
  });
});
