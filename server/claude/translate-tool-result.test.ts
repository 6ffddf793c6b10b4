import { describe, expect, it } from "vitest";
import { assistant, setup, toolUse } from "./fixtures/translator-kit.ts";
import { cliSavedOutput } from "./translate-tool-result.ts";

describe("output the CLI cut and saved to a file", () => {
  it("is read from the structured result, with the real size", () => {
    expect(cliSavedOutput("head…", { stdout: "head…", persistedOutputPath: "/h/.claude/tool-results/b1.txt", persistedOutputSize: 2_600_000 })).toEqual({
      path: "/h/.claude/tool-results/b1.txt",
      bytes: 2_600_000,
    });
  });

  it("falls back to the CLI's own words, and is absent for a complete output", () => {
    const text = "<persisted-output>\nOutput too large (2.5MB). Full output saved to: /h/tool-results/x.txt\n\nPreview (first 2KB):\n1\n2";
    expect(cliSavedOutput(text, undefined)).toEqual({ path: "/h/tool-results/x.txt", bytes: null });
    expect(cliSavedOutput("1\n2\n3", { stdout: "1\n2\n3", stderr: "" })).toBeNull();
  });

  it("is carried on the tool part's result", () => {
    const { run } = setup();
    run(assistant("m1", toolUse("toolu_1")));
    const line = {
      type: "user",
      message: { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "1\n2" }] },
      tool_use_result: { stdout: "1\n2", stderr: "", persisted_output_path: "/h/o.txt", persisted_output_size: 9_000_000 },
      parent_tool_use_id: null,
    };
    expect(run(line)).toMatchObject([{ type: "message.part.updated", part: { result: { text: "1\n2", savedOutput: { path: "/h/o.txt", bytes: 9_000_000 } } } }]);
  });
});
