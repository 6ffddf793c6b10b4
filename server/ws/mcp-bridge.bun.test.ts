import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../../shared/protocol/errors.ts";
import { CliSocketRegistry } from "../claude/cli-socket-registry.ts";
import { mcpBridgeHandler } from "../http/mcp-bridge.ts";
import { listenForCliSockets } from "./cli-socket-listener.ts";

const listener = listenForCliSockets(new CliSocketRegistry());
listener.setHttpHandler(
  mcpBridgeHandler({
    callTool: async (token, tool, input) => {
      if (token !== "good-secret") throw new AppError("unauthorized", "This MCP bridge secret is not valid.");
      return `${tool} got ${JSON.stringify(input)}`;
    },
  }),
);
afterAll(() => listener.stop());

const call = (path: string, init: RequestInit = {}) => fetch(`${listener.httpBase}${path}`, { method: "POST", ...init });

describe("the built-in MCP server's loopback bridge", () => {
  it("answers a tool call that carries the launch's secret", async () => {
    const response = await call("/mcp-bridge/review_comments", { headers: { authorization: "Bearer good-secret" }, body: '{"includeResolved":true}' });
    expect(await response.json()).toEqual({ text: 'review_comments got {"includeResolved":true}' });
  });

  it("refuses a wrong secret, another Host, bad JSON and other paths with clear errors", async () => {
    expect((await call("/mcp-bridge/review_comments", { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    const port = new URL(listener.httpBase).port;
    expect((await call("/mcp-bridge/review_comments", { headers: { host: `evil.example:${port}`, authorization: "Bearer good-secret" } })).status).toBe(403);
    const bad = await call("/mcp-bridge/review_comments", { headers: { authorization: "Bearer good-secret" }, body: "{oops" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/Malformed JSON/);
    expect((await call("/mcp-bridge/../api")).status).toBe(404);
  });
});
