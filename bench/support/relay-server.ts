/**
 * The floor for the bridge-latency benchmark: a bare Bun WebSocket relay. Each socket `?cmd=<text>` spawns the
 * replaying CLI over stdio, writes one user line, and forwards every stdout line to the socket untouched (no parse,
 * no translation, no SQLite). Prints `relay listening on <port>`.
 */
import type { ServerWebSocket, Subprocess } from "bun";
import { REPLAY_CLI_SCRIPT } from "../../server/claude/fixtures/replay-cli/replay-cli-bin.ts";

type Data = { cmd: string; child?: Subprocess<"pipe", "pipe", "inherit"> };

async function relay(ws: ServerWebSocket<Data>): Promise<void> {
  const child = Bun.spawn([process.execPath, REPLAY_CLI_SCRIPT], { stdin: "pipe", stdout: "pipe", stderr: "inherit" });
  ws.data.child = child;
  child.stdin.write(`${JSON.stringify({ type: "user", message: { role: "user", content: ws.data.cmd } })}\n`);
  child.stdin.flush();
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of child.stdout) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (line) ws.send(line);
  }
}

const server = Bun.serve<Data>({
  hostname: "127.0.0.1",
  port: 0,
  fetch(request, srv) {
    const cmd = new URL(request.url).searchParams.get("cmd") ?? "stream 10 0 0";
    return srv.upgrade(request, { data: { cmd } }) ? undefined : new Response("expected a WebSocket", { status: 400 });
  },
  websocket: {
    open: (ws) => void relay(ws).catch((error: unknown) => console.error("[relay]", error)),
    message: () => {},
    close: (ws) => ws.data.child?.kill(),
  },
});
console.log(`relay listening on ${server.port}`);
