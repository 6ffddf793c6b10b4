/**
 * Bridge latency: a CLI output line → the translated event at a browser socket, p50/p95/p99 with 1, 10 and 20
 * conversations streaming at once, through each transport, beside a bare Bun WebSocket relay of the same lines.
 * Each conversation streams DELTAS deltas at RATE/s (a fast model is ~100 tokens/s). `bun bench/bridge-latency.ts`
 */
import { percentile } from "./support/proc-stats.ts";
import { streamThroughBridge, streamThroughRelay, type StreamRun } from "./support/bridge-client.ts";
import { report, round, startBenchServer, waitIdle, warmConversations } from "./support/bench-server.ts";

const DELTAS = Number(process.env.BENCH_DELTAS ?? 300);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const COUNTS = [1, 10, 20];

function summarize(label: string, count: number, run: StreamRun): Record<string, string | number> {
  return {
    path: label,
    conversations: count,
    p50: round(percentile(run.latencies, 50), 2),
    p95: round(percentile(run.latencies, 95), 2),
    p99: round(percentile(run.latencies, 99), 2),
    delivered: `${run.deltas}/${run.expected}`,
    errors: run.errors,
  };
}

async function bridge(transport: "stdio" | "sdk-url"): Promise<Record<string, string | number>[]> {
  const server = await startBenchServer(transport);
  try {
    const ids = await warmConversations(server, Math.max(...COUNTS));
    const rows = [];
    for (const count of COUNTS) {
      rows.push(summarize(`chatml ${transport}`, count, await streamThroughBridge(server, ids.slice(0, count), DELTAS, RATE)));
      await waitIdle(server, ids);
    }
    return rows;
  } finally {
    await server.stop();
  }
}

async function floors(): Promise<Record<string, string | number>[]> {
  const relay = Bun.spawn([process.execPath, `${import.meta.dirname}/support/relay-server.ts`], { stdout: "pipe", stderr: "inherit" });
  try {
    const reader = relay.stdout.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    const port = Number(/listening on (\d+)/.exec(first)?.[1]);
    const rows = [];
    for (const count of COUNTS) rows.push(summarize("bare Bun WS relay", count, await streamThroughRelay(port, count, DELTAS, RATE)));
    return rows;
  } finally {
    relay.kill();
  }
}

const rows = [...(await floors()), ...(await bridge("stdio")), ...(await bridge("sdk-url"))];
report(`bridge latency (ms), ${DELTAS} deltas at ${RATE}/s per conversation`, rows, { deltas: DELTAS, rate: RATE, rows });
process.exit(0);
