import { describe, expect, it } from "vitest";
import { toolSummary } from "./tool-summary.ts";

const CWD = "/home/me/.chatml/workspaces/edit-things";

describe("toolSummary", () => {
  it("shows a file inside the session's folder by its path in the folder, and one outside in full", () => {
    expect(toolSummary("Write", { file_path: `${CWD}/src/hello.txt` }, CWD)).toBe("src/hello.txt");
    expect(toolSummary("Edit", { file_path: `${CWD}-other/hello.txt` }, CWD)).toBe(`${CWD}-other/hello.txt`);
    expect(toolSummary("Read", { file_path: "/etc/hosts" }, `${CWD}/`)).toBe("/etc/hosts");
    expect(toolSummary("Grep", { pattern: "TODO", path: CWD }, CWD)).toBe("TODO in .");
    expect(toolSummary("Glob", { pattern: "**/*.ts", path: `${CWD}/web` }, CWD)).toBe("**/*.ts in web");
    expect(toolSummary("Write", { file_path: `${CWD}/a.txt` })).toBe(`${CWD}/a.txt`);
  });

  it("names an MCP call's server and tool (its row's label says only MCP), before its first argument", () => {
    expect(toolSummary("mcp__chatml__session_status", {})).toBe("chatml/session_status");
    expect(toolSummary("mcp__db__run_query", { sql: "select 1\nfrom t" })).toBe("db/run_query select 1 …");
  });
});
