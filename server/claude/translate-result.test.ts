import { describe, expect, it } from "vitest";
import { runTranscript } from "./fixtures/run-transcript.ts";
import { assistant, setup } from "./fixtures/translator-kit.ts";

const result = (isError: boolean, text: string) => ({ type: "result", subtype: "success", is_error: isError, result: text, session_id: "s", uuid: "u" });

describe("turn results", () => {
  it("keeps only a preview of a successful answer (the answer is already the last message)", () => {
    const { run } = setup();
    const events = run(result(false, "a".repeat(50_000)));
    const turn = events.find((e) => e.type === "turn.completed");
    expect(turn?.type === "turn.completed" && turn.resultText).toBe(`${"a".repeat(400)}…`);
  });

  it("keeps an error's whole text, and a short success as it is", () => {
    const { run } = setup();
    const error = run(result(true, `API Error: ${"x".repeat(1000)}`)).find((e) => e.type === "turn.completed");
    expect(error?.type === "turn.completed" && error.resultText?.length).toBe(1011);
    const short = run(result(false, "Done.")).find((e) => e.type === "turn.completed");
    expect(short?.type === "turn.completed" && short.resultText).toBe("Done.");
  });

  it("shows the result of a turn Claude did not answer (a local command's output) as a notice, and only then", () => {
    const { run } = setup();
    expect(run(result(false, "Unknown command: /nonexistent")).map((e) => e.type)).toEqual(["notice", "turn.completed"]);
    expect(run(result(false, "Unknown command: /nonexistent"))[0]).toEqual({ type: "notice", level: "info", text: "Unknown command: /nonexistent" });
    run(assistant("m1", { type: "text", text: "Hello." }));
    expect(run(result(false, "Hello.")).map((e) => e.type)).toEqual(["turn.completed"]);
    run(assistant("m2", { type: "text", text: "A sub-agent's words are not the turn's answer." }, "toolu_task"));
    expect(run(result(false, "Compacted.")).map((e) => e.type)).toEqual(["notice", "turn.completed"]);
    expect(run(result(true, "API Error: 500")).map((e) => e.type)).toEqual(["turn.completed"]);
  });

  it.each([
    // Recorded from the real CLI (2.1.330, 2.1.119): interrupted after one request, its result says num_turns 2 or 3.
    ["g_interrupt_streaming", [1, 1]],
    ["g_interrupt_streaming.v21119", [1, 1]],
    ["g_interrupt_tool_running", [1, 1]],
    ["b_bash_deny_interrupt", [1, 1]],
    ["c_write_edit", [3]],
    ["e_task_subagent", [2]],
  ])("counts a turn's model turns itself, not by the result's num_turns (%s)", (name, expected) => {
    const turns = runTranscript(name).events.flatMap((event) => (event.type === "turn.completed" ? [event.numTurns] : []));
    expect(turns).toEqual(expected);
  });
});
