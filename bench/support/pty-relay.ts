/**
 * The floor for the terminal benchmark: a bare Bun WebSocket relay. Each socket gets a bash on a Bun PTY; input
 * frames are written to it and every chunk it prints is sent as one text frame, untouched (no screen model, no flow
 * control, no JSON). Prints `pty relay listening on <port>`.
 */
import type { Subprocess } from "bun";

type Data = { child?: Subprocess };

const server = Bun.serve<Data>({
  hostname: "127.0.0.1",
  port: 0,
  fetch: (request, srv) => (srv.upgrade(request, { data: {} }) ? undefined : new Response("expected a WebSocket", { status: 400 })),
  websocket: {
    open(ws) {
      const decoder = new TextDecoder();
      ws.data.child = Bun.spawn(["bash", "--norc", "-i"], {
        env: { ...process.env, PS1: "$ ", TERM: "xterm-256color" },
        terminal: { cols: 120, rows: 30, data: (_t, bytes) => void ws.send(decoder.decode(bytes, { stream: true })) },
      });
    },
    message: (ws, message) => void ws.data.child?.terminal?.write(String(message)),
    close: (ws) => ws.data.child?.kill(),
  },
});
console.log(`pty relay listening on ${server.port}`);
