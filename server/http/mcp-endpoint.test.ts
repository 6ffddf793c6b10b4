import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../../shared/protocol/errors.ts";
import { CliSocketRegistry } from "../claude/cli-socket-registry.ts";
import { WorkInFlight } from "../lib/work-in-flight.ts";
import { listenForCliSockets } from "../ws/cli-socket-listener.ts";
import { BUILTIN_SERVER_PATH, builtinMcpEndpoint } from "./mcp-endpoint.ts";

const SECRET = "launch-secret";
const listener = listenForCliSockets(new CliSocketRegistry());
const calls: { tool: string; input: unknown }[] = [];
const work = new WorkInFlight();
/** Holds `list_scripts` until released, for the shutdown test. */
let releaseListScripts: (() => void) | null = null;
listener.addHttpHandler(
  builtinMcpEndpoint({
    isLaunchSecret: (token) => token === SECRET,
    callTool: async (token, tool, input) => {
      if (token !== SECRET) throw new AppError("unauthorized", "This MCP secret is not valid.");
      calls.push({ tool, input });
      if (tool === "run_script") return "The setup script succeeded (exit code 0).";
      if (tool === "resolve_review_comment") throw new AppError("not_found", "No review comment c9 in this session.");
      if (tool === "notify_user") throw new Error("push service exploded");
      if (tool === "list_scripts") await new Promise<void>((resolve) => (releaseListScripts = resolve));
      return `${tool} answered`;
    },
  },
  work),
);
const url = new URL(`${listener.httpBase}${BUILTIN_SERVER_PATH}`);
const clients: Client[] = [];
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  listener.stop();
});

/** Connects as Claude Code does: the MCP SDK's Streamable HTTP client with the launch's secret as a bearer token. */
async function connect(secret = SECRET): Promise<Client> {
  const client = new Client({ name: "test-cli", version: "1.0.0" });
  clients.push(client);
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers: { Authorization: `Bearer ${secret}` } } }));
  return client;
}

const textOf = (result: Awaited<ReturnType<Client["callTool"]>>) => (result.content as { type: string; text: string }[]).map((part) => part.text).join("");

describe("ChatML's built-in MCP server over HTTP on the loopback CLI listener", () => {
  it("lists its tools with their descriptions and input schemas, and answers a call with the tool's text", async () => {
    const client = await connect();
    expect(client.getServerVersion()?.name).toBe("chatml");
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["list_scripts", "notify_user", "resolve_review_comment", "review_comments", "run_script", "session_status"]);
    expect(tools.find((tool) => tool.name === "resolve_review_comment")?.inputSchema).toMatchObject({ properties: { id: { type: "string" } }, required: ["id"] });

    const result = await client.callTool({ name: "review_comments", arguments: { includeResolved: true } });
    expect(textOf(result)).toBe("review_comments answered");
    expect(result.isError).toBeFalsy();
    expect(calls).toContainEqual({ tool: "review_comments", input: { includeResolved: true } });
  });

  it("gives the model ChatML's refusal as the tool's error, and a failure inside ChatML as a logged, generic one", async () => {
    const client = await connect();
    const refused = await client.callTool({ name: "resolve_review_comment", arguments: { id: "c9" } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe("No review comment c9 in this session.");

    const failed = await client.callTool({ name: "notify_user", arguments: { title: "done" } });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toBe("The tool failed inside ChatML; it has been logged.");

    const invalid = await client.callTool({ name: "run_script", arguments: { script: "deploy" } });
    expect(invalid.isError).toBe(true);
    expect(textOf(invalid)).toMatch(/script/);
    expect(calls.filter((call) => call.tool === "run_script")).toHaveLength(0);
    expect(textOf(await client.callTool({ name: "run_script", arguments: {} }))).toBe("The setup script succeeded (exit code 0).");
  });

  it("refuses a wrong secret, another Host, malformed or oversized bodies, a GET and other paths with clear errors", async () => {
    await expect(connect("stale-secret")).rejects.toThrow(/not valid/);
    const post = (headers: Record<string, string>, body = '{"jsonrpc":"2.0","id":1,"method":"tools/list"}') =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers }, body });
    expect((await post({ authorization: "Bearer stale-secret" })).status).toBe(401);
    expect((await post({ authorization: `Bearer ${SECRET}`, host: `evil.example:${url.port}` })).status).toBe(403);
    const malformed = await fetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${SECRET}` }, body: "{oops" });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toMatch(/Parse error/);
    const huge = await post({ authorization: `Bearer ${SECRET}` }, JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "notify_user", arguments: { title: "x".repeat(100_000) } } }));
    expect(huge.status).toBe(413);
    const get = await fetch(url, { headers: { authorization: `Bearer ${SECRET}`, accept: "text/event-stream" } });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await fetch(`${listener.httpBase}/mcp-bridge/review_comments`, { method: "POST" })).status).toBe(404);
  });

  // Last: it closes the server's work for good.
  it("is work the server waits for when it stops, and a call while it stops is refused in words the model reads", async () => {
    const client = await connect();
    const inFlight = client.callTool({ name: "list_scripts", arguments: {} });
    await expect.poll(() => work.running).toEqual(["MCP tool list_scripts"]);
    work.close();
    const settled = work.settle();
    const refused = await client.callTool({ name: "session_status", arguments: {} });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe("ChatML is stopping, so it did not start this: try again once it has restarted.");
    releaseListScripts?.();
    expect(textOf(await inFlight)).toBe("list_scripts answered");
    expect(await settled).toEqual([]);
  });
});
