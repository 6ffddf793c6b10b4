import { describe, expect, it } from "vitest";
import { StartInteractiveClaudeInput } from "./inputs.ts";

describe("StartInteractiveClaudeInput", () => {
  it("takes a Claude Code session id to resume, and refuses one that the CLI would read as a flag", () => {
    expect(StartInteractiveClaudeInput.parse({ resumeSessionId: "0b9c6c57-5c3f-4a5e-9d4f-6f9a7f0f6a11" }).resumeSessionId).toBe("0b9c6c57-5c3f-4a5e-9d4f-6f9a7f0f6a11");
    expect(StartInteractiveClaudeInput.safeParse({ resumeSessionId: "--dangerously-skip-permissions" }).error?.issues[0]?.message).toBe("a Claude Code session id (letters, digits and dashes)");
  });
});
