import { describe, expect, it } from "vitest";
import { buildLaunchArgs, joinSettings } from "./launch-args.ts";

const STREAM = [
  "--input-format",
  "stream-json",
  "--output-format",
  "stream-json",
  "--verbose",
  "--include-partial-messages",
  "--permission-prompt-tool",
  "stdio",
];
const base = { model: null, permissionMode: null, resumeSessionId: null };

describe("buildLaunchArgs", () => {
  it("builds the stdio argv", () => {
    expect(buildLaunchArgs({ ...base, transport: "stdio" })).toEqual(["-p", ...STREAM]);
  });

  it("builds the sdk-url argv with a placeholder prompt", () => {
    const args = buildLaunchArgs({ ...base, transport: "sdk-url", sdkUrl: "ws://127.0.0.1:1/ws/cli/k" });
    expect(args).toEqual(["--sdk-url", "ws://127.0.0.1:1/ws/cli/k", "-p", "x", ...STREAM]);
  });

  it("adds mode, model and resume in order", () => {
    const args = buildLaunchArgs({ transport: "stdio", permissionMode: "plan", model: "opus", resumeSessionId: "abc" });
    expect(args.slice(STREAM.length + 1)).toEqual(["--permission-mode", "plan", "--model", "opus", "--resume", "abc"]);
  });

  it("passes the conversation's effort level, and none when it is left to the CLI", () => {
    expect(buildLaunchArgs({ ...base, transport: "stdio", effort: "xhigh" }).slice(STREAM.length + 1)).toEqual(["--effort", "xhigh"]);
    expect(buildLaunchArgs({ ...base, transport: "stdio", effort: null })).not.toContain("--effort");
  });

  it("never skips permissions, even in bypass mode", () => {
    const args = buildLaunchArgs({ ...base, transport: "stdio", permissionMode: "bypassPermissions" });
    expect(args).toContain("bypassPermissions");
    expect(args.join(" ")).not.toMatch(/dangerously/);
  });

  it("refuses sdk-url without a url", () => {
    expect(() => buildLaunchArgs({ ...base, transport: "sdk-url" })).toThrow(/sdkUrl/);
  });
});

describe("joinSettings", () => {
  it("makes the rooms' JSON --settings one flag with every key (the CLI keeps only the last one it is given)", () => {
    const args = ["--mcp-config", "/x.json", "--settings", '{"disabledMcpjsonServers":["db"]}', "--max-budget-usd", "5", "--settings", '{"skillOverrides":{"notes":"off"}}'];
    expect(joinSettings(args)).toEqual(["--mcp-config", "/x.json", "--settings", '{"disabledMcpjsonServers":["db"],"skillOverrides":{"notes":"off"}}', "--max-budget-usd", "5"]);
    expect(buildLaunchArgs({ ...base, transport: "stdio", extraArgs: args }).filter((arg) => arg === "--settings")).toHaveLength(1);
  });

  it("leaves a settings file and other flags as they are", () => {
    const args = ["--settings", "/run/hook.json", "--fork-session"];
    expect(joinSettings(args)).toEqual(args);
  });
});
