import { describe, expect, it } from "vitest";
import type { PermissionRequest } from "../../../shared/protocol/model.ts";
import { placeName, whatItAllows } from "./notification-dispatcher.ts";

const request = (toolName: string, input: unknown, description: string | null = "Claude's own words") =>
  ({ id: "prm_abcdefgh", kind: "tool", toolName, toolUseId: null, input, description, blockedPath: null, agentId: null, suggestions: [], questions: null, plan: null, createdAt: 1 }) as unknown as PermissionRequest;

describe("what a permission notification says Allow will do", () => {
  it("shows the command, the file or the URL, not the model's description", () => {
    expect(whatItAllows(request("Bash", { command: "git push --force", description: "Push" }))).toBe("Bash: git push --force");
    expect(whatItAllows(request("Write", { file_path: "/repo/.env", content: "SECRET=1" }))).toBe("Write /repo/.env");
    expect(whatItAllows(request("WebFetch", { url: "https://example.com/x", prompt: "read" }))).toBe("WebFetch https://example.com/x");
  });

  it("falls back to the description when the input says nothing better", () => {
    expect(whatItAllows(request("mcp__db__query", { sql: 1 }))).toBe("mcp__db__query: Claude's own words");
    expect(whatItAllows(request("Task", null, null))).toBe("Task");
  });
});

describe("where a notification says it comes from", () => {
  it("names the session and the conversation", () => {
    expect(placeName("Login fix", "Run the tests")).toBe("Login fix · Run the tests");
    expect(placeName("Login fix", "Login fix")).toBe("Login fix");
    expect(placeName(null, "Run the tests")).toBe("Run the tests");
    expect(placeName("orion", null)).toBe("orion");
  });
});
