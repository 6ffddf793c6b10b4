import type { Server, ServerWebSocket } from "bun";
import type { Hono } from "hono";
import { AppError } from "../../shared/protocol/errors.ts";
import { MAX_CLIENT_FRAME_BYTES } from "../../shared/protocol/frames.ts";
import type { AuthGate, Principal } from "../core/remote/auth-gate.ts";
import { readCredentials, requestOrigin, type ProxyTrust, type RequestOrigin } from "../lib/request-auth.ts";
import { parseHost, type AccessPolicy } from "../lib/access-policy.ts";
import { plainResponse } from "../http/security-headers.ts";
import type { ServeHandlers } from "../lib/listen.ts";
import type { BrowserHub, BrowserSocketData } from "./browser-hub.ts";

export type SocketData = BrowserSocketData;

/** The browsers' hub, composed with the conversations after the server listens (ADR 0210). */
export type HubAfterListen = { ready(): Promise<BrowserHub>; current(): BrowserHub | null };

type Deps = { app: Hono; hub: HubAfterListen; policy: AccessPolicy; gate: AuthGate; proxy: ProxyTrust };

/**
 * Bun.serve's fetch and websocket handlers: the browsers' socket, and everything else to the Hono app. (`--sdk-url`
 * CLIs dial a loopback listener of their own, see cli-socket-listener.ts.)
 */
export function createSocketHandlers({ app, hub, policy, gate, proxy }: Deps): ServeHandlers<SocketData> {
  const route = (request: Request, server: Server<SocketData>) => {
    const url = new URL(request.url);
    const client = requestOrigin(request, server.requestIP(request)?.address ?? null, proxy);
    if (url.pathname === "/ws") return upgradeBrowser(request, server, client);
    return app.fetch(request, { server, client });
  };

  // A request without a well-formed Host gets a plain 400 before anything parses its URL; nothing that goes wrong
  // here ever answers with a stack trace, file paths or the request target.
  const fetch = async (request: Request, server: Server<SocketData>) => {
    if (!parseHost(request.headers.get("host"))) return plainResponse(400, "Bad request: a valid Host header is required.");
    try {
      return await route(request, server);
    } catch (error) {
      // A socket that waited for a composition which failed or was stopped: the error says which.
      if (error instanceof AppError) return errorResponse(error);
      console.error("[http] request failed before the app could answer:", error);
      return plainResponse(500, "Internal server error; it has been logged.");
    }
  };

  const upgradeBrowser = async (request: Request, server: Server<SocketData>, client: RequestOrigin) => {
    let checked = checkBrowserUpgrade(request, policy, gate, client);
    if (checked instanceof Response) return checked;
    // Refused at once when it may not connect; otherwise upgraded once the conversations are composed and their dead
    // turns settled (ADR 0177), so its first snapshot is right — Bun upgrades after an await. Checked again after a
    // wait: a device revoked meanwhile had no socket to close.
    let browsers = hub.current();
    if (!browsers) {
      browsers = await hub.ready();
      checked = checkBrowserUpgrade(request, policy, gate, client);
      if (checked instanceof Response) return checked;
    }
    const who = checked.kind === "device" ? { deviceId: checked.device.id, name: checked.device.name } : { deviceId: null, name: "script" };
    if (server.upgrade(request, { data: browsers.newSocketData(who) })) return undefined;
    return errorResponse(new AppError("bad_request", "Expected a WebSocket upgrade."));
  };

  return {
    fetch,
    websocket: {
      // The application's frame limit: Bun refuses (closes with 1009) anything larger before buffering it.
      maxPayloadLength: MAX_CLIENT_FRAME_BYTES,
      idleTimeout: 120,
      sendPings: true,
      // A socket is upgraded only once the hub is composed (above).
      open: (ws: ServerWebSocket<SocketData>) => hub.current()!.open(ws),
      message: (ws: ServerWebSocket<SocketData>, message: string | Buffer) => hub.current()!.message(ws, message),
      close: (ws: ServerWebSocket<SocketData>) => hub.current()!.close(ws),
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
