import type { Server, ServerWebSocket } from "bun";
import type { Hono } from "hono";
import { AppError } from "../../shared/protocol/errors.ts";
import { PERMANENT_CLOSE_CODE, type CliSocketRegistry } from "../claude/cli-socket-registry.ts";
import { DEFAULT_MAX_LINE_LENGTH } from "../claude/framer.ts";
import type { AuthGate, Principal } from "../core/remote/auth-gate.ts";
import { readCredentials, requestOrigin, type ProxyTrust, type RequestOrigin } from "../lib/request-auth.ts";
import { parseHost, type AccessPolicy } from "../lib/access-policy.ts";
import { plainResponse } from "../http/security-headers.ts";
import type { ServeHandlers } from "../lib/listen.ts";
import type { BrowserHub, BrowserSocketData } from "./browser-hub.ts";

/** `isRefused`: a CLI we did not launch (or one orphaned by a crashed server) is told to exit with close 4001. */
export type CliSocketData = { kind: "cli"; key: string; isRefused: boolean };
export type SocketData = BrowserSocketData | CliSocketData;

type Deps = { app: Hono; hub: BrowserHub; registry: CliSocketRegistry; policy: AccessPolicy; gate: AuthGate; proxy: ProxyTrust };

/** Bun.serve's fetch and websocket handlers: the two socket endpoints, and everything else to the Hono app. */
export function createSocketHandlers({ app, hub, registry, policy, gate, proxy }: Deps): ServeHandlers<SocketData> {
  const route = (request: Request, server: Server<SocketData>) => {
    const url = new URL(request.url);
    const client = requestOrigin(request, server.requestIP(request)?.address ?? null, proxy);
    if (url.pathname === "/ws") return upgradeBrowser(request, server, client);
    const cliMatch = /^\/ws\/cli\/([A-Za-z0-9_-]{1,128})$/.exec(url.pathname);
    if (cliMatch?.[1]) return upgradeCli(request, server, cliMatch[1]);
    return app.fetch(request, { server, client });
  };

  // A request without a well-formed Host gets a plain 400 before anything parses its URL; nothing that goes wrong
  // here ever answers with a stack trace, file paths or the request target.
  const fetch = async (request: Request, server: Server<SocketData>) => {
    if (!parseHost(request.headers.get("host"))) return plainResponse(400, "Bad request: a valid Host header is required.");
    try {
      return await route(request, server);
    } catch (error) {
      console.error("[http] request failed before the app could answer:", error);
      return plainResponse(500, "Internal server error; it has been logged.");
    }
  };

  const upgradeBrowser = (request: Request, server: Server<SocketData>, client: RequestOrigin) => {
    const checked = checkBrowserUpgrade(request, policy, gate, client);
    if (checked instanceof Response) return checked;
    const who = checked.kind === "device" ? { deviceId: checked.device.id, name: checked.device.name } : { deviceId: null, name: "script" };
    if (server.upgrade(request, { data: hub.newSocketData(who) })) return undefined;
    return errorResponse(new AppError("bad_request", "Expected a WebSocket upgrade."));
  };

  const upgradeCli = (request: Request, server: Server<SocketData>, key: string) => {
    if (!policy.isAllowedHost(request.headers.get("host"))) return errorResponse(new AppError("forbidden", "This Host is not allowed."));
    const isRefused = !registry.authorize(key, request.headers.get("authorization"));
    if (isRefused) console.warn(`[security] refused a CLI socket for ${key}; telling it to exit`);
    if (server.upgrade(request, { data: { kind: "cli", key, isRefused } })) return undefined;
    return errorResponse(new AppError("bad_request", "Expected a WebSocket upgrade."));
  };

  return {
    fetch,
    websocket: {
      // One limit serves both endpoints (Bun has no per-socket limit): the CLI's NDJSON line limit, the largest frame
      // the application accepts (the same as on stdio). Browser frames are held to MAX_CLIENT_FRAME_BYTES by the hub,
      // and both endpoints need credentials before a frame is read (refused CLI sockets are closed on open).
      maxPayloadLength: DEFAULT_MAX_LINE_LENGTH,
      idleTimeout: 120,
      sendPings: true,
      open: (ws: ServerWebSocket<SocketData>) => {
        if (!isCli(ws)) return hub.open(asBrowser(ws));
        // A CLI reconnecting to a server that no longer knows it retries for minutes unless told to stop for good.
        if (ws.data.isRefused || !registry.onOpen(ws.data.key, ws)) ws.close(PERMANENT_CLOSE_CODE, "unknown CLI session");
      },
      message: (ws: ServerWebSocket<SocketData>, message: string | Buffer) => {
        if (!isCli(ws)) return hub.message(asBrowser(ws), message);
        if (!ws.data.isRefused) registry.onMessage(ws.data.key, ws, message);
      },
      close: (ws: ServerWebSocket<SocketData>, code: number) => {
        if (!isCli(ws)) return hub.close(asBrowser(ws));
        if (!ws.data.isRefused) registry.onClose(ws.data.key, ws, code);
      },
    },
  };
}

/** Browser sockets need sign-in, one of our Hosts, and (browsers always send one) our own Origin. */
function checkBrowserUpgrade(request: Request, policy: AccessPolicy, gate: AuthGate, client: RequestOrigin): Principal | Response {
  if (!policy.isAllowedHost(request.headers.get("host"))) {
    console.warn(`[security] refused a WebSocket for Host ${JSON.stringify(request.headers.get("host"))} from ${client.address}`);
    return errorResponse(new AppError("forbidden", "This Host is not allowed."));
  }
  let principal: Principal;
  try {
    principal = gate.authenticate(readCredentials(request.headers), client.address);
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error);
    throw error;
  }
  const origin = request.headers.get("origin");
  const isOriginOk = origin === null ? principal.kind === "owner" && request.headers.has("authorization") : policy.isAllowedOrigin(origin);
  if (!isOriginOk) {
    console.warn(`[security] refused a WebSocket from Origin ${JSON.stringify(origin)}`);
    return errorResponse(new AppError("forbidden", "Cross-site WebSocket connections are not allowed."));
  }
  return principal;
}

function errorResponse(error: AppError): Response {
  return Response.json(error.toBody(), { status: error.status });
}

function isCli(ws: ServerWebSocket<SocketData>): ws is ServerWebSocket<CliSocketData> {
  return ws.data.kind === "cli";
}

function asBrowser(ws: ServerWebSocket<SocketData>): ServerWebSocket<BrowserSocketData> {
  return ws as ServerWebSocket<BrowserSocketData>;
}
