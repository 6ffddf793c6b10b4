/**
 * Terminal output through the socket: `cat` of a 50 MB file in a session terminal, received by a WebSocket client
 * as a browser would. Reports throughput, keystroke-echo latency while idle and during the flood, and the server's
 * RSS — beside a floor measured in the same run: the same bytes through a bare Bun WebSocket relay on a Bun PTY
 * (bench/support/pty-relay.ts). `bun bench/terminal.ts` (BENCH_TERMINAL_MB to change the size)
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startChatml, tempDir } from "../e2e/harness/index.ts";
import { readLines, waitUntil } from "../e2e/harness/lines.ts";
import { writeReplayCliBin } from "../server/claude/fixtures/replay-cli/replay-cli-bin.ts";
import { PROTOCOL_VERSION } from "../shared/protocol/version.ts";
import { api } from "./support/bridge-client.ts";
import { percentile, rssMiB } from "./support/proc-stats.ts";
import { report, round } from "./support/bench-server.ts";

const MB = Number(process.env.BENCH_TERMINAL_MB ?? 50);
const dir = mkdtempSync(join(tmpdir(), "chatml-bench-term-"));
const file = join(dir, "big.txt");
writeFileSync(file, makeText(MB * 1e6));

/** A client that sees terminal text (ChatML frames are JSON; the floor's are raw). */
type Channel = { send(text: string): void; text(): string; chars(): number; close(): void };

async function chatmlChannel(origin: string, token: string): Promise<Channel> {
  const { session } = await api<{ session: { id: string } }>({ origin, token }, "/api/start", { path: dir });
  const { terminal } = await api<{ terminal: { id: string } }>({ origin, token }, `/api/sessions/${session.id}/terminals`, { cols: 120, rows: 30 });
  const ws = await openSocket(`${origin.replace(/^http/, "ws")}/ws`, token);
  const sink = textSink();
  ws.onmessage = (m) => {
    const frame = JSON.parse(String(m.data)) as { type: string; terminalId?: string; data?: string };
    if ((frame.type === "terminal_output" || frame.type === "terminal_snapshot") && frame.terminalId === terminal.id) sink.add(frame.data ?? "");
  };
  ws.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION, subscriptions: [] }));
  ws.send(JSON.stringify({ type: "terminal_attach", terminalId: terminal.id }));
  return { ...sink, send: (text) => ws.send(JSON.stringify({ type: "terminal_input", terminalId: terminal.id, data: text })), close: () => ws.close() };
}

async function floorChannel(port: number): Promise<Channel> {
  const ws = await openSocket(`ws://127.0.0.1:${port}/`, null);
  const sink = textSink();
  ws.onmessage = (m) => sink.add(String(m.data));
  return { ...sink, send: (text) => ws.send(text), close: () => ws.close() };
}

/** Runs the measurements on one channel while sampling the serving process's RSS. */
async function measure(channel: Channel, pid: number) {
  await until(() => channel.text().includes("$") || channel.text().includes("#"), "a prompt");
  const idle = await echoLatencies(channel, 20);
  let peakRss = rssMiB(pid) ?? 0;
  const startRss = peakRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMiB(pid) ?? 0)), 100);
  const before = channel.chars();
  const started = performance.now();
  channel.send(`cat ${file}; echo CAT-DONE-$((1+1))\r`);
  const during: number[] = [];
  while (!channel.text().includes("CAT-DONE-2")) {
    const mark = `k${during.length % 10}`;
    const sent = performance.now();
    const seen = channel.chars();
    channel.send(mark);
    await until(() => channel.chars() > seen && channel.text().includes(mark), "a keystroke echo", 60_000).catch(() => undefined);
    during.push(performance.now() - sent);
    await Bun.sleep(200);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const received = channel.chars() - before;
  return { seconds, mbPerSecond: received / 1e6 / seconds, idle, during, startRss, peakRss };
}

async function echoLatencies(channel: Channel, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const mark = `lat${i}x`;
    const sent = performance.now();
    channel.send(`echo ${mark}\r`);
    await until(() => channel.text().includes(`${mark}\r\n`), "an echo");
    out.push(performance.now() - sent);
  }
  return out;
}

const bun = process.execPath;
const relay = Bun.spawn([bun, join(import.meta.dirname, "support", "pty-relay.ts")], { stdout: "pipe", stderr: "inherit" });
let relayPort = 0;
void readLines(relay.stdout, (line) => {
  if (line.startsWith("pty relay listening on")) relayPort = Number(line.split(" ").at(-1));
});
await waitUntil(() => relayPort || undefined, 10_000, "the relay");
const server = await startChatml({ dataDir: tempDir("chatml-bench-term-data"), claudeBin: await writeReplayCliBin(), env: { ...(process.env as Record<string, string>) } });
const rows: Record<string, string | number>[] = [];
const json: Record<string, unknown> = { mb: MB };
try {
  for (const [name, channel, pid] of [
    ["bare Bun WS relay (floor)", await floorChannel(relayPort), relay.pid],
    ["ChatML terminal", await chatmlChannel(server.origin, server.token), server.proc.pid],
  ] as const) {
    const r = await measure(channel, pid);
    channel.close();
    rows.push({
      path: name,
      "MB/s": round(r.mbPerSecond, 1),
      seconds: round(r.seconds, 2),
      "echo p50 idle ms": round(percentile(r.idle, 50), 2),
      "echo p95 idle ms": round(percentile(r.idle, 95), 2),
      "echo p50 flood ms": round(percentile(r.during, 50), 1),
      "echo p95 flood ms": round(percentile(r.during, 95), 1),
      "RSS start MiB": round(r.startRss, 0),
      "RSS peak MiB": round(r.peakRss, 0),
    });
    json[name] = r;
  }
} finally {
  relay.kill();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
report(`terminal (cat of ${MB} MB through the socket)`, rows, { rows });
process.exit(0);

function textSink() {
  let tail = "";
  let total = 0;
  return {
    add(data: string) {
      total += data.length;
      tail = (tail + data).slice(-4096);
    },
    text: () => tail,
    chars: () => total,
  };
}

async function openSocket(url: string, token: string | null): Promise<WebSocket> {
  const ws = new WebSocket(url, (token ? { headers: { authorization: `Bearer ${token}` } } : {}) as unknown as string[]);
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error(`cannot open ${url}`));
  });
  return ws;
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(1);
  }
}

/** Printable lines of varied text (like a log file), `bytes` long. */
function makeText(bytes: number): string {
  const words = ["alpha", "beta", "gamma", "delta", "terminal", "flood", "0123456789", "ChatML", "output", "line"];
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `${i} ${words[i % 10]} ${words[(i * 7) % 10]} ${"x".repeat(i % 60)} ${words[(i * 3) % 10]}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n");
}
