/**
 * The floor for the bridge benchmarks: a bare Bun WebSocket relay. Each socket `?cmd=<text>` spawns the replaying CLI,
 * gives it one user line, and forwards every line the CLI writes to the socket untouched (no parse, no translation,
 * no SQLite). Over stdio by default; with `--sdk-url` the CLI dials back to the relay's `/cli/<n>` socket and writes
 * one frame per line, as ChatML's `--sdk-url` CLIs do, so that transport has a floor of its own. Prints
 * `relay listening on <port>`.
 */
import type { ServerWebSocket, Subprocess } from "bun";
import { deltaTrace } from "../../server/lib/delta-trace.ts";
import { REPLAY_CLI_SCRIPT } from "../../server/claude/fixtures/replay-cli/replay-cli-bin.ts";

type BrowserData = { kind: "browser"; cmd: string; child?: Subprocess };
type CliData = { kind: "cli"; browser: ServerWebSocket<Data> };
type Data = BrowserData | CliData;

const isSdkUrl = process.argv.includes("--sdk-url");
/** Browser sockets waiting for the CLI they spawned to dial back, by the number in its `/cli/<n>` URL. */
const dialling = new Map<string, ServerWebSocket<Data>>();
let launches = 0;

function userLine(cmd: string): string {
  return `${JSON.stringify({ type: "user", message: { role: "user", content: cmd } })}\n`;
}

async function relayStdio(ws: ServerWebSocket<Data>, data: BrowserData): Promise<void> {
  deltaTrace?.mark("spawn cli");
  const child = Bun.spawn([process.execPath, REPLAY_CLI_SCRIPT], { stdin: "pipe", stdout: "pipe", stderr: "inherit" });
  data.child = child;
  child.stdin.write(userLine(data.cmd));
  child.stdin.flush();
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of child.stdout) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (line) relayLine(ws, line);
  }
}

/** Forwards one CLI line; with CHATML_DELTA_TRACE set it is traced as ChatML's are (paced-attribution.ts). */
function relayLine(ws: ServerWebSocket<Data>, line: string): void {
  if (!deltaTrace) return void ws.send(line);
  deltaTrace.read(line);
  const buffered = ws.getBufferedAmount();
  deltaTrace.sent(line, buffered, ws.send(line));
}

function launchSdkUrl(ws: ServerWebSocket<Data>, data: BrowserData, port: number): void {
  const key = String(++launches);
  dialling.set(key, ws);
  data.child = Bun.spawn([process.execPath, REPLAY_CLI_SCRIPT, "--sdk-url", `ws://127.0.0.1:${port}/cli/${key}`], { stdin: "ignore", stdout: "ignore", stderr: "inherit" });
}

const server = Bun.serve<Data>({
  hostname: "127.0.0.1",
  // RELAY_PORT: a port of the caller's own range on a shared machine (as BENCH_PORT for ChatML).
  port: Number(process.env.RELAY_PORT ?? 0),
  fetch(request, srv) {
    const url = new URL(request.url);
    const cliKey = /^\/cli\/(\d+)$/.exec(url.pathname)?.[1];
    if (cliKey !== undefined) {
      const browser = dialling.get(cliKey);
      dialling.delete(cliKey);
      if (browser && srv.upgrade(request, { data: { kind: "cli", browser } })) return undefined;
      return new Response("no such launch", { status: 404 });
    }
    const cmd = url.searchParams.get("cmd") ?? "stream 10 0 0";
    return srv.upgrade(request, { data: { kind: "browser", cmd } }) ? undefined : new Response("expected a WebSocket", { status: 400 });
  },
  websocket: {
    open(ws) {
      const data = ws.data;
      if (data.kind === "cli") {
        ws.send(userLine((data.browser.data as BrowserData).cmd));
        return;
      }
      if (isSdkUrl) launchSdkUrl(ws, data, server.port ?? 0);
      else void relayStdio(ws, data).catch((error: unknown) => console.error("[relay]", error));
    },
    message(ws, message) {
      const data = ws.data;
      if (data.kind !== "cli") return;
      // The CLI writes one line per frame; a frame ends with its newline, which the stdio relay does not forward.
      const text = String(message);
      relayLine(data.browser, text.endsWith("\n") ? text.slice(0, -1) : text);
    },
    close(ws) {
      if (ws.data.kind === "browser") ws.data.child?.kill();
    },
  },
});
console.log(`relay listening on ${server.port}`);
