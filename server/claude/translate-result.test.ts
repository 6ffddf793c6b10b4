import { describe, expect, it } from "vitest";
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
});
