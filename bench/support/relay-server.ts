/**
 * The floor for the bridge benchmarks: a bare Bun WebSocket relay. Each socket `?cmd=<text>` gives the replaying CLI
 * one user line (its own CLI, or with `&conv=<key>` the key's CLI, started by its first socket and kept warm for the
 * next turn), and forwards every line the CLI writes to the socket untouched (no parse, no translation, no SQLite). Over stdio by default; with `--sdk-url` the CLI dials back to the relay's `/cli/<n>` socket and writes
 * one frame per line, as ChatML's `--sdk-url` CLIs do, so that transport has a floor of its own. Prints
 * `relay listening on <port>`.
 */
import type { ServerWebSocket, Subprocess } from "bun";
import { deltaTrace } from "../../server/lib/delta-trace.ts";
import { REPLAY_CLI_SCRIPT } from "../../server/claude/fixtures/replay-cli/replay-cli-bin.ts";

type BrowserData = { kind: "browser"; cmd: string; cli: RelayCli; isCold: boolean };
type CliData = { kind: "cli"; cli: RelayCli };
type Data = BrowserData | CliData;

/**
 * One replaying CLI and the browser socket its lines go to. A socket with `?conv=<key>` keeps its CLI for the next
 * socket of that key, as ChatML keeps a conversation's CLI warm between turns (the timed turns then start no process,
 * on either side); one without a key gets a CLI of its own, stopped with the socket.
 */
type RelayCli = { child: Subprocess | null; target: ServerWebSocket<Data> | null; socket: ServerWebSocket<Data> | null; pending: string | null };

const isSdkUrl = process.argv.includes("--sdk-url");
const warm = new Map<string, RelayCli>();
/** CLIs started over `--sdk-url` that have not dialled back yet, by the number in their `/cli/<n>` URL. */
const dialling = new Map<string, RelayCli>();
let launches = 0;

function userLine(cmd: string): string {
  return `${JSON.stringify({ type: "user", message: { role: "user", content: cmd } })}\n`;
}

/** Forwards one CLI line to the socket its CLI serves now; with CHATML_DELTA_TRACE set it is traced as ChatML's are. */
function relayLine(cli: RelayCli, line: string): void {
  const ws = cli.target;
  if (!ws) return;
  if (!deltaTrace) return void ws.send(line);
  deltaTrace.read(line);
  const buffered = ws.getBufferedAmount();
  deltaTrace.sent(line, buffered, ws.send(line));
}

async function pumpStdout(cli: RelayCli, stdout: ReadableStream<Uint8Array>): Promise<void> {
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of stdout) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (line) relayLine(cli, line);
  }
}

function launch(cli: RelayCli, port: number): void {
  deltaTrace?.mark("spawn cli");
  if (isSdkUrl) {
    const key = String(++launches);
    dialling.set(key, cli);
    cli.child = Bun.spawn([process.execPath, REPLAY_CLI_SCRIPT, "--sdk-url", `ws://127.0.0.1:${port}/cli/${key}`], { stdin: "ignore", stdout: "ignore", stderr: "inherit" });
    return;
  }
  const child = Bun.spawn([process.execPath, REPLAY_CLI_SCRIPT], { stdin: "pipe", stdout: "pipe", stderr: "inherit" });
  cli.child = child;
  void pumpStdout(cli, child.stdout).catch((error: unknown) => console.error("[relay]", error));
}

/** Gives the CLI a turn: over stdio at once, over `--sdk-url` once it has dialled back. */
function sendTurn(cli: RelayCli, cmd: string): void {
  if (!isSdkUrl) {
    const stdin = cli.child?.stdin;
    if (stdin && typeof stdin !== "number") {
      stdin.write(userLine(cmd));
      stdin.flush();
    }
    return;
  }
  if (cli.socket) cli.socket.send(userLine(cmd));
  else cli.pending = cmd;
}

const server = Bun.serve<Data>({
  hostname: "127.0.0.1",
  // RELAY_PORT: a port of the caller's own range on a shared machine (as BENCH_PORT for ChatML).
  port: Number(process.env.RELAY_PORT ?? 0),
  fetch(request, srv) {
    const url = new URL(request.url);
    const cliKey = /^\/cli\/(\d+)$/.exec(url.pathname)?.[1];
    if (cliKey !== undefined) {
      const cli = dialling.get(cliKey);
      dialling.delete(cliKey);
      if (cli && srv.upgrade(request, { data: { kind: "cli", cli } })) return undefined;
      return new Response("no such launch", { status: 404 });
    }
    const cmd = url.searchParams.get("cmd") ?? "stream 10 0 0";
    const conv = url.searchParams.get("conv");
    const isCold = conv === null;
    const cli = (conv !== null ? warm.get(conv) : undefined) ?? { child: null, target: null, socket: null, pending: null };
    if (conv !== null) warm.set(conv, cli);
    return srv.upgrade(request, { data: { kind: "browser", cmd, cli, isCold } }) ? undefined : new Response("expected a WebSocket", { status: 400 });
  },
  websocket: {
    open(ws) {
      const data = ws.data;
      if (data.kind === "cli") {
        data.cli.socket = ws;
        if (data.cli.pending !== null) ws.send(userLine(data.cli.pending));
        data.cli.pending = null;
        return;
      }
      data.cli.target = ws;
      if (!data.cli.child) launch(data.cli, server.port ?? 0);
      sendTurn(data.cli, data.cmd);
    },
    message(ws, message) {
      const data = ws.data;
      if (data.kind !== "cli") return;
      // The CLI writes one line per frame; a frame ends with its newline, which the stdio relay does not forward.
      const text = String(message);
      relayLine(data.cli, text.endsWith("\n") ? text.slice(0, -1) : text);
    },
    close(ws) {
      const data = ws.data;
      if (data.kind !== "browser") return;
      if (data.cli.target === ws) data.cli.target = null;
      if (data.isCold) data.cli.child?.kill();
    },
  },
});
process.on("SIGTERM", () => {
  for (const cli of warm.values()) cli.child?.kill();
  process.exit(0);
});
console.log(`relay listening on ${server.port}`);
