import "./bench-temp-dir.ts";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeReplayCliBin } from "../../server/claude/fixtures/replay-cli/replay-cli-bin.ts";
import { freePort, REPO_ROOT, startChatml, tempDir, type ChatmlServer } from "../../e2e/harness/index.ts";
import { api, sendText, streamThroughBridge, type StreamRun } from "./bridge-client.ts";
import { cpuMs, rssPeak } from "./proc-cpu.ts";
import { waitOneShotsEnded } from "./background-clis.ts";
import { LOOP_CPU, LOOP_GAPS } from "./loop-gaps.ts";
import { SQL_COUNTS } from "./sql-counts.ts";
import { JSC_SAMPLES } from "./jsc-samples.ts";
import { HEAP_PROBE } from "./heap-probe.ts";

/** What JavaScriptCore prints for each compilation it was asked to report (jit-turns.ts), kept out of the echo. */
const JSC_COMPILED = "Optimized ";

/** Where a benchmark talks to ChatML: the origin and the Bearer token. */
export type BenchTarget = { origin: string; token: string };

/** A ChatML server (its own process) on the replaying CLI; 2.1.119 picks sdk-url, 2.1.330 stdio. */
export async function startBenchServer(transport: "stdio" | "sdk-url"): Promise<ChatmlServer> {
  const env = { ...(process.env as Record<string, string>), REPLAY_CLI_VERSION: transport === "stdio" ? "2.1.330" : "2.1.119" };
  return startChatml({ dataDir: tempDir("chatml-bench-data"), claudeBin: await writeReplayCliBin(), env });
}

/**
 * A ChatML server in its own process, from the checkout at CHATML_ROOT (this one by default), on the replaying CLI;
 * `bunArgs` go to Bun before the entry (e.g. a `--preload`), `env` is added to this process's; `claudeBin` replaces the
 * replaying CLI (e.g. real-one-shots.ts's, which runs it for conversations too); `root` is the checkout to run.
 */
export async function startServerProcess(transport: "stdio" | "sdk-url", { bunArgs = [], env: extra = {}, claudeBin, root = process.env.CHATML_ROOT ?? REPO_ROOT }: { bunArgs?: string[]; env?: Record<string, string>; claudeBin?: string; root?: string } = {}) {
  const dataDir = tempDir("chatml-bench-figures");
  const token = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
  writeFileSync(join(dataDir, "token"), `${token}\n`, { mode: 0o600 });
  // BENCH_PORT: a port of the caller's own range on a shared machine.
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
  const args = [...bunArgs, "bin/chatml.ts", "--no-open", "--port", String(port), "--data-dir", dataDir, "--claude-bin", claudeBin ?? (await writeReplayCliBin())];
  const env = { ...process.env, ...extra, REPLAY_CLI_VERSION: transport === "stdio" ? "2.1.330" : "2.1.119" };
  const proc = Bun.spawn([process.execPath, ...args], { cwd: root, stdout: "ignore", stderr: "pipe", env });
  const stderr = readAll(proc.stderr);
  const server = { origin: `http://127.0.0.1:${port}`, token, pid: proc.pid, dataDir, stderr, stop: async () => (proc.kill("SIGTERM"), await proc.exited) };
  for (;;) {
    if (await fetch(`${server.origin}/api/info`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.ok, () => false)) return server;
    if (proc.exitCode !== null) throw new Error(`chatml exited with ${proc.exitCode}: ${stderr.text}`);
    await Bun.sleep(20);
  }
}

/** A process's stderr as it arrives (also echoed, as `inherit` would, but for loop-gaps.ts, sql-counts.ts and heap-probe.ts reports). */
export function readAll(stream: ReadableStream<Uint8Array>): { text: string } {
  const out = { text: "" };
  void (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      const text = decoder.decode(chunk, { stream: true });
      out.text += text;
      const shown = text.split("\n").filter((line) => ![LOOP_GAPS, LOOP_CPU, SQL_COUNTS, JSC_COMPILED, JSC_SAMPLES, HEAP_PROBE].some((tag) => line.startsWith(tag))).join("\n");
      if (shown.trim()) process.stderr.write(shown);
    }
  })();
  return out;
}

/** Creates `count` conversations and runs one tiny turn in each, so every CLI is launched and warm, then waits for the titles it asked (a target with a pid). */
export async function warmConversations(server: BenchTarget & { pid?: number }, count: number, { oneShots = "wait" }: { oneShots?: "wait" | "leave" } = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { conversation } = await api<{ conversation: { id: string } }>(server, "/api/start", { path: tempDir(`chatml-bench-${i}-`) });
    ids.push(conversation.id);
  }
  await Promise.all(ids.map((id) => sendText(server, id, "stream 5 0 0")));
  await waitIdle(server, ids);
  // The first messages asked for titles (one-shot CLIs, held while turns run, ADR 0204): they run now, not into the
  // timed turns, which the floor's relay would not have beside it. "leave" is for a bench measuring them in turns.
  if (oneShots === "wait" && server.pid !== undefined) await waitOneShotsEnded(server.pid);
  return ids;
}

/** Waits until no conversation is running a turn. */
export async function waitIdle(server: BenchTarget, ids: string[], timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const statuses = await Promise.all(ids.map(async (id) => (await api<{ conversation: { status: string } }>(server, `/api/conversations/${id}`)).conversation.status));
    if (statuses.every((status) => status === "ready")) return;
    if (Date.now() > deadline) throw new Error(`conversations still busy: ${statuses.join(",")}`);
    await Bun.sleep(100);
  }
}

/**
 * Streams `deltas` per conversation as fast as the replaying CLI writes them, with the server's CPU (ms) and RSS peak
 * (MiB) over the burst, then waits until its turns have ended.
 */
export async function burstWithPeak(server: BenchTarget & { pid: number }, ids: string[], deltas: number): Promise<{ run: StreamRun; cpu: number; peak: number }> {
  const cpuBefore = cpuMs(server.pid);
  const rss = rssPeak(server.pid);
  const run = await streamThroughBridge(server, ids, deltas, 0);
  const cpu = cpuMs(server.pid) - cpuBefore;
  const peak = rss.stop();
  await waitIdle(server, ids);
  return { run, cpu, peak };
}

/** Prints a table and the JSON line run-all.ts collects (`BENCH_JSON {...}`). */
export function report(name: string, rows: Record<string, string | number>[], json: unknown): void {
  console.log(`\n## ${name}`);
  console.table(rows);
  console.log(`BENCH_JSON ${JSON.stringify({ name, result: json })}`);
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));
