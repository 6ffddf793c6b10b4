import { describe, expect, it } from "vitest";
import { waitingReason } from "./protocol/model.ts";
import { mcpToolOf, toolDisplayName } from "./tool-name.ts";

describe("tool names", () => {
  it("reads an MCP tool's server and tool (a tool name may hold __), and leaves other tools alone", () => {
    expect(mcpToolOf("mcp__chatml__session_status")).toEqual({ server: "chatml", tool: "session_status" });
    expect(mcpToolOf("mcp__db__run__fast")).toEqual({ server: "db", tool: "run__fast" });
    expect(mcpToolOf("mcp__broken")).toBeNull();
    expect(mcpToolOf("Bash")).toBeNull();
    expect(toolDisplayName("mcp__chatml__session_status")).toBe("session_status (MCP server chatml)");
    expect(toolDisplayName("Write")).toBe("Write");
    // The status row, the attention queue and notifications say it so too.
    expect(waitingReason({ kind: "tool", toolName: "mcp__chatml__session_status" })).toBe("Asks to use session_status (MCP server chatml)");
  });
});
