import { describe, expect, it } from "vitest";
import { turnSignal } from "./transcript-entries.ts";

const user = (content: unknown) => ({ type: "user", uuid: "u1", message: { role: "user", content } });
const assistant = (stopReason: string | null) => ({ type: "assistant", uuid: "a1", message: { role: "assistant", content: [{ type: "text", text: "hi" }], stop_reason: stopReason } });

describe("turnSignal", () => {
  it("a typed prompt starts a turn, an answer that stopped for good ends it, a tool call says nothing", () => {
    expect(turnSignal(user("hello"))).toBe("running");
    expect(turnSignal(user([{ type: "text", text: "hello" }]))).toBe("running");
    expect(turnSignal(assistant("end_turn"))).toBe("ready");
    expect(turnSignal(assistant("tool_use"))).toBeNull();
    expect(turnSignal(user([{ type: "tool_result", tool_use_id: "t1", content: "ok" }]))).toBeNull();
  });

  it("Esc in the TUI (the interrupt line it writes) ends the turn instead of starting one", () => {
    expect(turnSignal(user([{ type: "text", text: "[Request interrupted by user]" }]))).toBe("ready");
    expect(turnSignal(user([{ type: "text", text: "[Request interrupted by user for tool use]" }]))).toBe("ready");
    expect(turnSignal(user("[Request interrupted by user]"))).toBe("ready");
  });
});
