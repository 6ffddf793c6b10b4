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
