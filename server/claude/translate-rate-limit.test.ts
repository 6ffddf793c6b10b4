import { describe, expect, it } from "vitest";
import { setup } from "./fixtures/translator-kit.ts";

const event = (info: Record<string, unknown>) => ({ type: "rate_limit_event", rate_limit_info: info, uuid: "u", session_id: "s" });

describe("rate_limit_event", () => {
  it("becomes rate_limit.updated with the reset in epoch ms, once per change", () => {
    const { translator } = setup();
    const first = translator.translate(event({ status: "rejected", resetsAt: 1_800_000_000, rateLimitType: "five_hour" }));
    expect(first).toEqual([{ type: "rate_limit.updated", status: "rejected", resetsAt: 1_800_000_000_000, limitType: "five_hour", utilization: null }]);
    expect(translator.translate(event({ status: "rejected", resetsAt: 1_800_000_000, rateLimitType: "five_hour" }))).toEqual([]);
    expect(translator.translate(event({ status: "allowed", resetsAt: 1_800_000_000_000, utilization: 0.2 }))).toEqual([
      { type: "rate_limit.updated", status: "allowed", resetsAt: 1_800_000_000_000, limitType: null, utilization: 0.2 },
    ]);
    expect(translator.stats).toEqual({ unknownTypes: {}, invalid: 0 });
  });
});

describe("model fallback", () => {
  it("says which model took over, and when none could", () => {
    const { run } = setup();
    expect(run({ type: "system", subtype: "model_refusal_fallback", trigger: "refusal", direction: "retry", scope: "session", original_model: "claude-opus-5-5", fallback_model: "claude-sonnet-4-6", uuid: "u", session_id: "s" })).toEqual([
      { type: "notice", level: "warning", text: "claude-opus-5-5 declined; Claude Code switched to claude-sonnet-4-6 for the rest of this session." },
    ]);
    expect(run({ type: "system", subtype: "model_refusal_no_fallback", original_model: "claude-opus-5-5", content: "The model declined this request.", uuid: "u", session_id: "s" })).toEqual([
      { type: "notice", level: "warning", text: "The model declined this request." },
    ]);
  });
});
