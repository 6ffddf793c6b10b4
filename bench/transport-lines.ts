/**
 * What each transport's receive path costs per CLI line, before the runtime sees it (issue 16: does `--sdk-url` lose
 * more than stdio per message?). 20 conversations' recorded turns (replay-turn.ts: 1,000 text deltas of 62 bytes
 * each, with their opening and closing lines) go through the real pieces: over stdio each line's bytes through the
 * framer (a pipe chunk holds about one line at the paced rate); over `--sdk-url` each line as a text frame through
 * the framer, the replay deduper (which remembers up to 5,000 uuids a conversation) and the loop-turn batch
 * (`TickBatch`, a `setImmediate` per batch). By turns, BENCH_ROUNDS rounds (default 15); the process's CPU.
 * `bun bench/transport-lines.ts`
 */
import { loadTemplates, TurnBuilder } from "../server/claude/fixtures/replay-cli/replay-turn.ts";
import { createCliLineFramer } from "../server/claude/framer.ts";
import { ReplayDeduper } from "../server/claude/replay-dedupe.ts";
import { TickBatch } from "../server/claude/sdk-url-transport.ts";
import type { CliMessage } from "../server/claude/contracts.ts";
import { report } from "./support/bench-server.ts";

const N = 20;
const DELTAS = 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

const templates = loadTemplates();
const turns = Array.from({ length: N }, () => {
  const turn = new TurnBuilder(templates);
  const lines = turn.opening();
  for (let i = 0; i < DELTAS; i++) lines.push(turn.delta(`${Date.now()}:${i}|`.padEnd(62, ".")));
  return [...lines, ...turn.closing()];
});
const encoder = new TextEncoder();
const turnBytes = turns.map((lines) => lines.map((line) => encoder.encode(line)));
const LINES = turns.reduce((sum, lines) => sum + lines.length, 0);

let seen = 0;
const count = (message: CliMessage) => void (seen += message.type.length);
const ignore = () => {};

function stdio(): void {
  for (const chunks of turnBytes) {
    const framer = createCliLineFramer({ onMessage: count, onMalformedLine: ignore });
    for (const chunk of chunks) framer.push(chunk);
  }
}

/** The sdk-url path; resolves once every batch has ended (their `setImmediate`s ran). */
async function sdkUrl(): Promise<void> {
  const batches: TickBatch[] = [];
  for (const lines of turns) {
    const dedupe = new ReplayDeduper();
    const framer = createCliLineFramer({ onMessage: (message) => dedupe.isDuplicate(message) || count(message), onMalformedLine: ignore });
    const batch = new TickBatch(ignore);
    batches.push(batch);
    for (const line of lines) if (framer.push(line) > 0) batch.add();
  }
  await new Promise((resolve) => setImmediate(resolve));
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const results: Record<string, number[]> = { stdio: [], "sdk-url": [] };
const paths: Record<string, () => void | Promise<void>> = { stdio, "sdk-url": sdkUrl };
for (let round = 0; round < ROUNDS + 2; round++) {
  for (const name of round % 2 === 0 ? ["stdio", "sdk-url"] : ["sdk-url", "stdio"]) {
    const started = cpuMs();
    await paths[name]!();
    if (round >= 2) results[name]!.push(cpuMs() - started);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const rows = Object.entries(results).map(([path, values]) => ({
  path,
  [`CPU ms per ${LINES} lines (median)`]: Number(median(values).toFixed(1)),
  "range": `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`,
  "µs per line (median)": Number(((median(values) * 1000) / LINES).toFixed(2)),
}));
report(`transport lines: ${N} conversations × ${DELTAS} deltas, ${ROUNDS} rounds by turns`, rows, { rows, seen: seen > 0 });
