// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { McpServerDefinition, WorkspaceId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { WorkspaceMcpServers } from "./workspace-mcp-servers.tsx";

isolateDomTests();

const WORKSPACE = "wsp_mcpremove001" as WorkspaceId;
const server: McpServerDefinition = {
  id: "mcp_remove1",
  workspaceId: WORKSPACE,
  name: "docs",
  transport: "http",
  command: null,
  args: [],
  url: "https://docs.example/mcp",
  isEnabled: true,
  updatedAt: 1,
  env: [],
  headers: [{ key: "Authorization", value: null, isSecret: true, isSet: true }],
};

describe("WorkspaceMcpServers", () => {
  it("asks before removing a server, whose stored secrets go with it, and removes it only once answered", async () => {
    const deletes: string[] = [];
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === "DELETE") deletes.push(String(input));
      return jsonResponse(init?.method === "DELETE" ? { ok: true } : { servers: [server] });
    }));
    render(<WorkspaceMcpServers workspaceId={WORKSPACE} />);
    fireEvent.click(await screen.findByRole("button", { name: "Remove docs" }));
    expect(screen.getByRole("group", { name: "Confirm: Remove docs" }).textContent).toContain("Remove the MCP server docs? Its settings and stored secrets are deleted from this machine.");
    fireEvent.click(screen.getByRole("button", { name: /cancel: Remove docs/ }));
    expect(deletes).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Remove docs" }));
    fireEvent.click(screen.getByRole("button", { name: /Yes: Remove docs/ }));
    await waitFor(() => expect(deletes).toEqual([expect.stringContaining("/mcp-servers/mcp_remove1")]));
  });
});
