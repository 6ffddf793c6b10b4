import type * as McpServerModule from "@modelcontextprotocol/sdk/server/mcp.js";
import type * as TransportModule from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { AppError } from "../../shared/protocol/errors.ts";
import { BUILTIN_TOOLS } from "../core/mcp/builtin-tools.ts";
import type { McpParts } from "../core/mcp/compose-mcp.ts";
import { lazyModule } from "../lib/lazy-module.ts";
import type { WorkInFlight } from "../lib/work-in-flight.ts";
import type { LoopbackHttpHandler, RequestTimeouts } from "../ws/cli-socket-listener.ts";

/** Where a conversation's CLI finds ChatML's built-in MCP server on the loopback CLI listener. */
export const BUILTIN_SERVER_PATH = "/mcp";
/** A tool call's JSON-RPC body; the tools' inputs are small. */
const MAX_BODY_BYTES = 64 * 1024;
// The MCP SDK's server half, loaded on the first tool call, not at start-up.
const mcpServerModule = lazyModule<typeof McpServerModule>("@modelcontextprotocol/sdk/server/mcp.js");
const transportModule = lazyModule<typeof TransportModule>("@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js");

/**
 * ChatML's built-in MCP server, served over MCP's Streamable HTTP transport by the server itself (ADR 0054): the
 * CLI's `--mcp-config` names this URL with the launch's secret as a bearer token, and the secret names the
 * conversation. Stateless: every POST gets a fresh MCP server bound to that secret, answered as plain JSON. Null for
 * other paths. A tool call is work the server has taken (`work`): shutdown waits for it, and refuses one that comes
 * while it stops, which the model reads as the tool's error.
 */
export function builtinMcpEndpoint(mcp: Pick<McpParts, "callTool" | "isLaunchSecret">, work: Pick<WorkInFlight, "run">): LoopbackHttpHandler {
  return (request, server) => {
    if (new URL(request.url).pathname !== BUILTIN_SERVER_PATH) return null;
    return answer(mcp, work, request, server);
  };
}

async function answer(mcp: Pick<McpParts, "callTool" | "isLaunchSecret">, work: Pick<WorkInFlight, "run">, request: Request, server: RequestTimeouts): Promise<Response> {
  // No server-initiated messages and no sessions: the spec's answer to a GET or DELETE is 405.
  if (request.method !== "POST") return rpcError(405, "Only POST is served here (a stateless MCP server).", { allow: "POST" });
  const token = request.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
  if (!mcp.isLaunchSecret(token)) return rpcError(401, "This MCP secret is not valid (the conversation's CLI has exited or was relaunched).");
  // A tool may wait minutes (the setup script): never cut it for the listener's idle timeout.
  server.timeout(request, 0);
  const builtin = new (mcpServerModule.load().McpServer)({ name: "chatml", version: "1.0.0" });
  for (const tool of BUILTIN_TOOLS) {
    builtin.registerTool(tool.name, { description: tool.description, inputSchema: tool.input }, async (input: unknown) => {
      try {
        const text = await work.run(`MCP tool ${tool.name}`, () => mcp.callTool(token, tool.name, input));
        return { content: [{ type: "text" as const, text }] };
      } catch (error) {
        if (!(error instanceof AppError)) console.error(`[mcp] ${tool.name} failed:`, error);
        const text = error instanceof AppError ? error.message : "The tool failed inside ChatML; it has been logged.";
        return { content: [{ type: "text" as const, text }], isError: true };
      }
    });
  }
  const transport = new (transportModule.load().WebStandardStreamableHTTPServerTransport)({ enableJsonResponse: true, maxRequestBodySize: MAX_BODY_BYTES });
  await builtin.connect(transport);
  try {
    return await transport.handleRequest(request);
  } finally {
    void builtin.close();
  }
}

function rpcError(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }, { status, headers });
}
