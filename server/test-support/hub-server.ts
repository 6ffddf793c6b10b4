import type { Server, ServerWebSocket } from "bun";
import type { BrowserSocketData } from "../ws/browser-hub.ts";

type HubSocket = ServerWebSocket<BrowserSocketData>;
/** What a browser hub offers its sockets' handlers (this checkout's BrowserHub, or another checkout's in a bench). */
export type HubHandlers = { newSocketData(): BrowserSocketData; open(ws: HubSocket): void; message(ws: HubSocket, raw: string | Buffer): void; close(ws: HubSocket): void };

/**
 * A browser hub on a real Bun server at a free port, with no sign-in: every upgrade is a socket of the hub.
 * `beforeOpen` sees each socket before the hub does (to follow its writes).
 * @example const server = serveHub(hub, (ws) => follow(ws)); new WebSocket(`ws://127.0.0.1:${server.port}/ws`);
 */
export function serveHub(hub: HubHandlers, beforeOpen?: (ws: HubSocket) => void): Server<BrowserSocketData> {
  return Bun.serve<BrowserSocketData>({
    port: 0,
    fetch: (request, server) => (server.upgrade(request, { data: hub.newSocketData() }) ? undefined : new Response("Expected a WebSocket upgrade.", { status: 400 })),
    websocket: {
      open(ws) {
        beforeOpen?.(ws);
        hub.open(ws);
      },
      message: (ws, raw) => hub.message(ws, raw),
      close: (ws) => hub.close(ws),
    },
  });
}
