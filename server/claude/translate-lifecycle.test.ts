import { describe, expect, it } from "vitest";
import type { MessageId } from "../../shared/ids.ts";
import { CliTranslator } from "./translate.ts";
import { cliLines, hostLines, sequentialIds } from "./fixtures/load-transcripts.ts";
import { promptUuidOf } from "./prompt-uuid.ts";

/** The prompt_suggestion line 2.1.332 wrote after a @@suggest turn against the fake API (promptSuggestions in initialize). */
const RECORDED_SUGGESTION = {
  type: "prompt_suggestion",
  suggestion: "Now add a test for the greeting",
  uuid: "29ef693a-0780-41a1-8272-e13e53ffc690",
  session_id: "2a6f2a87-9414-4ba6-8d90-eee1a14e5e1a",
};

const translator = () => new CliTranslator({ ids: sequentialIds(), now: () => 0, transport: "stdio" });

/**
 * Replays a recorded 2.1.330 transcript as if ChatML had sent its prompts: each host prompt's fixed uuid is swapped for
 * `promptUuidOf` of a message id, which the translator is told about when the prompt is written.
 */
function replay(name: string) {
  const t = translator();
  const messageOf = new Map<string, MessageId>();
  for (const [index, host] of hostLines(name).entries()) {
    const uuid = (host as { type: string; uuid?: string }).uuid;
    if (host.type === "user" && uuid) messageOf.set(uuid, `msg_prompt${index}` as MessageId);
  }
  const events = [];
  const sent = new Set<string>();
  for (const { msg } of cliLines(name)) {
    const uuid = msg.type === "command_lifecycle" ? String(msg["command_uuid"]) : null;
    const messageId = uuid ? messageOf.get(uuid) : undefined;
    if (uuid && messageId && !sent.has(uuid)) {
      sent.add(uuid);
      t.promptSent(messageId);
    }
    events.push(...t.translate(messageId ? { ...msg, command_uuid: promptUuidOf(messageId) } : msg));
  }
  return { events: events.filter((e) => e.type === "message.lifecycle"), t };
}

describe("command_lifecycle", () => {
  it("a prompt sent while another streams is queued, then starts after the first completes (recorded 2.1.330)", () => {
    const { events, t } = replay("n_queued_user_message");
    expect(events.map((e) => e.type === "message.lifecycle" && `${e.messageId} ${e.state}`)).toEqual([
      "msg_prompt0 queued",
      "msg_prompt0 started",
      "msg_prompt1 queued",
      "msg_prompt0 completed",
      "msg_prompt1 started",
      "msg_prompt1 completed",
    ]);
    expect(t.stats).toEqual({ unknownTypes: {}, invalid: 0 });
    // Both finished: a device that joins now has no queue state to catch up on.
    expect(t.takeInFlightParts().filter((e) => e.type === "message.lifecycle")).toEqual([]);
  });

  it("an interrupted prompt is cancelled (recorded 2.1.330)", () => {
    const { events, t } = replay("g_interrupt_streaming");
    expect(events.map((e) => e.type === "message.lifecycle" && e.state)).toEqual(["queued", "started", "cancelled"]);
    expect(t.stats).toEqual({ unknownTypes: {}, invalid: 0 });
  });

  it("a device that joins while a prompt waits in Claude Code's queue is told so", () => {
    const t = translator();
    t.promptSent("msg_a" as MessageId);
    t.translate({ type: "command_lifecycle", command_uuid: promptUuidOf("msg_a"), state: "queued", uuid: "u", session_id: "s" });
    expect(t.takeInFlightParts()).toEqual([{ type: "message.lifecycle", messageId: "msg_a", state: "queued" }]);
  });

  it("a uuid ChatML did not send says nothing; a state ChatML does not know is said once", () => {
    const t = translator();
    expect(t.translate({ type: "command_lifecycle", command_uuid: "11111111-1111-4111-8111-111111111111", state: "queued" })).toEqual([]);
    const odd = { type: "command_lifecycle", command_uuid: "11111111-1111-4111-8111-111111111111", state: "parked" };
    expect(t.translate(odd)).toMatchObject([{ type: "notice", level: "info", text: expect.stringContaining("parked") }]);
    expect(t.translate(odd)).toEqual([]);
    expect(t.translate({ type: "command_lifecycle", state: "queued" })).toEqual([]);
    expect(t.stats.invalid).toBe(1);
  });
});

describe("prompt_suggestion", () => {
  it("becomes prompt.suggested, offered to a device that joins until ChatML sends the next prompt", () => {
    const t = translator();
    expect(t.translate(RECORDED_SUGGESTION)).toEqual([{ type: "prompt.suggested", suggestion: "Now add a test for the greeting" }]);
    expect(t.takeInFlightParts()).toEqual([{ type: "prompt.suggested", suggestion: "Now add a test for the greeting" }]);
    t.promptSent("msg_next" as MessageId);
    expect(t.takeInFlightParts()).toEqual([]);
    expect(t.stats).toEqual({ unknownTypes: {}, invalid: 0 });
  });

  it("an empty suggestion offers nothing", () => {
    expect(translator().translate({ ...RECORDED_SUGGESTION, suggestion: "  " })).toEqual([]);
  });
});
