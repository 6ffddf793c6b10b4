import { AppError } from "../../shared/protocol/errors.ts";
import type { McpParts } from "../core/mcp/compose-mcp.ts";

const BRIDGE_PATH = /^\/mcp-bridge\/([a-z_]{1,64})$/;
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The built-in MCP server's way back in: `POST /mcp-bridge/<tool>` on the loopback CLI listener, with the launch's
 * secret as a bearer token (ADR 0024). Answers `{text}` or the one error shape; null for other paths.
 */
export function mcpBridgeHandler(mcp: Pick<McpParts, "callTool">): (request: Request) => Promise<Response> | null {
  return (request) => {
    const tool = BRIDGE_PATH.exec(new URL(request.url).pathname)?.[1];
    if (!tool) return null;
    return answer(mcp, request, tool);
  };
}

async function answer(mcp: Pick<McpParts, "callTool">, request: Request, tool: string): Promise<Response> {
  try {
    if (request.method !== "POST") throw new AppError("bad_request", "Use POST.");
    const raw = await request.text();
    if (raw.length > MAX_BODY_BYTES) throw new AppError("payload_too_large", "The tool input is too large.");
    const input: unknown = raw ? JSON.parse(raw) : {};
    const token = request.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? null;
    return Response.json({ text: await mcp.callTool(token, tool, input) });
  } catch (error) {
    const appError = error instanceof AppError ? error : error instanceof SyntaxError ? new AppError("bad_request", `Malformed JSON: ${error.message}`) : null;
    if (!appError) console.error(`[mcp-bridge] ${tool} failed:`, error);
    const shown = appError ?? new AppError("internal", "The tool failed inside ChatML; it has been logged.");
    return Response.json(shown.toBody(), { status: shown.status });
  }
}
