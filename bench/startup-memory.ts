/**
 * Start-up and memory: process start → first HTTP 200; server RSS idle, with 20 idle conversations, right after
 * 1 million streamed events, and again after a quiet spell (growth must come back). `bun bench/startup-memory.ts`
 * (BENCH_EVENTS to change the million).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeReplayCliBin } from "../server/claude/fixtures/replay-cli/replay-cli-bin.ts";
import { freePort, REPO_ROOT, tempDir } from "../e2e/harness/index.ts";
import { openSocket, sendText } from "./support/bridge-client.ts";
import { report, round, waitIdle, warmConversations } from "./support/bench-server.ts";
import { rssMiB } from "./support/proc-stats.ts";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const PER_TURN = 10_000;

const dataDir = tempDir("chatml-bench-mem");
const token = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
writeFileSync(join(dataDir, "token"), `${token}\n`, { mode: 0o600 });
const port = await freePort();
const args = ["bin/chatml.ts", "--no-open", "--port", String(port), "--data-dir", dataDir, "--claude-bin", await writeReplayCliBin()];
const started = performance.now();
const proc = Bun.spawn([process.execPath, ...args], { cwd: REPO_ROOT, stdout: "ignore", stderr: "inherit", env: { ...process.env, REPLAY_CLI_VERSION: "2.1.330" } });
const server = { origin: `http://127.0.0.1:${port}`, token };
for (;;) {
  const ok = await fetch(`${server.origin}/api/info`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status === 200, () => false);
  if (ok) break;
  await Bun.sleep(5);
}
const startupMs = performance.now() - started;

const rss = () => rssMiB(proc.pid) ?? Number.NaN;
try {
  await Bun.sleep(2000);
  const idle = rss();
  const ids = await warmConversations(server, 20);
  await Bun.sleep(2000);
  const idle20 = rss();
  let received = 0;
  const ws = await openSocket(server, ids, (frame) => void (frame.type === "delta" && received++));
  const streamStart = performance.now();
  for (let sent = 0; sent < EVENTS; sent += PER_TURN * ids.length) {
    await Promise.all(ids.map((id) => sendText(server, id, `stream ${PER_TURN} 0 0`)));
    await waitIdle(server, ids, 600_000);
  }
  const streamSeconds = (performance.now() - streamStart) / 1000;
  const afterStream = rss();
  ws.close();
  await Bun.sleep(15_000);
  const settled = rss();
  const rows = [
    { measure: "start → first HTTP 200 (ms)", value: round(startupMs, 0) },
    { measure: "RSS idle (MiB)", value: round(idle) },
    { measure: "RSS, 20 idle conversations (MiB)", value: round(idle20) },
    { measure: `RSS right after ${received.toLocaleString("en")} streamed deltas (MiB)`, value: round(afterStream) },
    { measure: "RSS 15 s later (MiB)", value: round(settled) },
    { measure: "stream rate (deltas/s to one socket)", value: Math.round(received / streamSeconds) },
  ];
  report("start-up and memory", rows, { startupMs: round(startupMs, 0), idle, idle20, afterStream, settled, events: received, streamSeconds: round(streamSeconds) });
} finally {
  proc.kill("SIGTERM");
  await proc.exited;
}
process.exit(0);
