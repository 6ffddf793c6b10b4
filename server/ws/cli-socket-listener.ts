import type { Server, ServerWebSocket } from "bun";
import { PERMANENT_CLOSE_CODE, type CliSocketRegistry } from "../claude/cli-socket-registry.ts";
import { DEFAULT_MAX_LINE_LENGTH } from "../claude/line-limit.ts";
import { plainResponse } from "../http/security-headers.ts";

/** `isRefused`: a CLI we did not launch (or one orphaned by a crashed server) is told to exit with close 4001. */
type CliSocketData = { key: string; isRefused: boolean };

/** The part of Bun's server a handler may use: lifting the idle timeout for one request. */
export type RequestTimeouts = { timeout(request: Request, seconds: number): void };

/** A plain HTTP request's handler on this listener (null: not mine); it may lift the idle timeout of a request. */
export type LoopbackHttpHandler = (request: Request, server: RequestTimeouts) => Promise<Response> | null;

/** Where `--sdk-url` CLIs dial back, and how to stop listening. */
export type CliSocketListener = {
  baseUrl: string;
  /** `http://127.0.0.1:<port>`: loopback HTTP for ChatML's built-in MCP server and the interactive TUI's hook. */
  httpBase: string;
  /** Serves plain HTTP requests on this listener (the first handler that claims a request answers it). */
  addHttpHandler(handler: LoopbackHttpHandler): void;
  stop(): void;
};

const CLI_PATH = /^\/ws\/cli\/([A-Za-z0-9_-]{1,128})$/;

/**
 * The `--sdk-url` endpoint on a listener of its own: loopback only, plain `ws://` (the CLI needs no certificate even
 * when the app is served over HTTPS), and a frame limit sized for the CLI's NDJSON lines. It is separate because Bun
 * has one `maxPayloadLength` per server: sharing the app's listener forced browser sockets to accept CLI-sized frames,
 * and an unauthenticated peer could make the server buffer up to that much before the hub refused it.
 */
export function listenForCliSockets(registry: CliSocketRegistry): CliSocketListener {
  let ownHost = "";
  const httpHandlers: LoopbackHttpHandler[] = [];
  const server: Server<CliSocketData> = Bun.serve<CliSocketData>({
    hostname: "127.0.0.1",
    port: 0,
    development: false,
    fetch(request, server) {
      // Pages can reach loopback ports too (and rebind names to them), but cannot send an Authorization header on a
      // WebSocket; the Host check refuses rebinding before the secret is even compared.
      if (request.headers.get("host") !== ownHost) return plainResponse(403, "Forbidden.");
      const key = CLI_PATH.exec(new URL(request.url).pathname)?.[1];
      if (!key) return answerHttp(httpHandlers, request, server);
      const isRefused = !registry.authorize(key, request.headers.get("authorization"));
      if (isRefused) console.warn(`[security] refused a CLI socket for ${key}; telling it to exit`);
      if (server.upgrade(request, { data: { key, isRefused } })) return undefined;
      return plainResponse(400, "Expected a WebSocket upgrade.");
    },
    error: () => plainResponse(500, "Internal server error."),
    websocket: {
      maxPayloadLength: DEFAULT_MAX_LINE_LENGTH,
      idleTimeout: 120,
      sendPings: true,
      open(ws: ServerWebSocket<CliSocketData>) {
        // A CLI reconnecting to a server that no longer knows it retries for minutes unless told to stop for good.
        if (ws.data.isRefused || !registry.onOpen(ws.data.key, ws)) ws.close(PERMANENT_CLOSE_CODE, "unknown CLI session");
      },
      message(ws: ServerWebSocket<CliSocketData>, message: string | Buffer) {
        if (!ws.data.isRefused) registry.onMessage(ws.data.key, ws, message);
      },
      close(ws: ServerWebSocket<CliSocketData>, code: number) {
        if (!ws.data.isRefused) registry.onClose(ws.data.key, ws, code);
      },
    },
  });
  ownHost = `127.0.0.1:${server.port}`;
  return {
    baseUrl: `ws://${ownHost}`,
    httpBase: `http://${ownHost}`,
    addHttpHandler: (handler) => void httpHandlers.push(handler),
    stop: () => void server.stop(true),
  };
}

function answerHttp(handlers: LoopbackHttpHandler[], request: Request, server: RequestTimeouts): Promise<Response> | Response {
  for (const handler of handlers) {
    const response = handler(request, server);
    if (response) return response;
  }
  return plainResponse(404, "Not found.");
}
