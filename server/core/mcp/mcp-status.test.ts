import { describe, expect, it } from "vitest";
import { statusFromControl, statusFromInit } from "./mcp-status.ts";

const hints = { workspaceNames: new Set(["mine"]) };

describe("MCP status from the CLI", () => {
  it("reads mcp_status answers of both pinned CLIs (2.1.119 has only `scope`)", () => {
    const answer = {
      mcpServers: [
        { name: "chatml", status: "connected", serverInfo: { name: "chatml", version: "1.0.0" }, config: { type: "stdio" }, scope: "dynamic", tools: [{ name: "review_comments" }] },
        { name: "broken", status: "failed", error: "ENOENT: no such file", scope: "project", source: "project", transport: "stdio" },
        { name: "mine", status: "pending", scope: "dynamic" },
        { status: "connected" },
      ],
    };
    expect(statusFromControl(answer, hints)).toEqual([
      { name: "chatml", status: "connected", error: null, source: "chatml", transport: "stdio", tools: ["review_comments"], serverInfo: "chatml 1.0.0" },
      { name: "broken", status: "failed", error: "ENOENT: no such file", source: "project", transport: "stdio", tools: [], serverInfo: null },
      { name: "mine", status: "pending", error: null, source: "workspace", transport: null, tools: [], serverInfo: null },
    ]);
    expect(statusFromControl({ unexpected: true }, hints)).toEqual([]);
  });

  it("hides a credential the CLI's error quotes from the server's URL", () => {
    const answer = { mcpServers: [{ name: "mine", status: "failed", error: "SSE error: 401 at https://mcp.example/sse?api_key=sk-quoted-5&v=2", scope: "dynamic" }] };
    expect(statusFromControl(answer, hints)[0]?.error).toBe("SSE error: 401 at https://mcp.example/sse?api_key=•••&v=2");
  });

  it("names the command of a workspace server that was not found, which the CLI's error does not", () => {
    const answer = {
      mcpServers: [
        { name: "ghost", status: "failed", error: "ENOENT: no such file or directory, posix_spawn 'stdio'", scope: "dynamic" },
        { name: "mine", status: "failed", error: "MCP error -32000: Connection closed", scope: "dynamic" },
        { name: "theirs", status: "failed", error: "ENOENT: no such file or directory", scope: "project" },
      ],
    };
    const commands = { workspaceNames: new Set(["ghost", "mine"]), workspaceCommands: new Map([["ghost", "/opt/ghost-mcp"], ["mine", "node"]]) };
    expect(statusFromControl(answer, commands).map((s) => s.error)).toEqual([
      "The command \"/opt/ghost-mcp\" was not found: give its full path, or install it where Claude Code's PATH finds it (ENOENT: no such file or directory, posix_spawn 'stdio').",
      "MCP error -32000: Connection closed",
      "ENOENT: no such file or directory",
    ]);
  });

  it("names the command of a workspace server that was not found in 2.1.332's words, which name the transport instead", () => {
    // 2.1.332's answer to mcp_status for `{"type":"stdio","command":"definitely-not-a-command-xyz"}`, as seen in a session.
    const answer = { mcpServers: [{ name: "badcmd", status: "failed", error: 'Executable not found in $PATH: "stdio"', scope: "dynamic" }] };
    const commands = { workspaceNames: new Set(["badcmd"]), workspaceCommands: new Map([["badcmd", "definitely-not-a-command-xyz"]]) };
    expect(statusFromControl(answer, commands).map((s) => s.error)).toEqual([
      "The command \"definitely-not-a-command-xyz\" was not found: give its full path, or install it where Claude Code's PATH finds it (Executable not found in $PATH: \"stdio\").",
    ]);
  });

  it("takes tools of the init message by their mcp__<server>__ prefix", () => {
    const servers = statusFromInit([{ name: "proj", status: "connected", source: null }], ["Bash", "mcp__proj__a", "mcp__other__b"], hints);
    expect(servers[0]).toMatchObject({ name: "proj", tools: ["a"], source: "other" });
  });
});
