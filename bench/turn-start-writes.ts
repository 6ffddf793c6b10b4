/**
 * What the browser sockets' writes of a turn start cost the server (issue 16, ADR 0315), two checkouts' browser hubs
 * side by side in one process: each listens on a real Bun server with S real sockets (a child process: a laptop
 * watching every conversation, the rest watching none, as phones on the list), and they take turns (A, B, B, A…)
 * publishing what 20 sends at once publish when each CLI's first chunk is read: the user's message, its status, the
 * listed row, the assistant's message, the budget and the first delta, each conversation's six as one runtime flush
 * (one bus batch where the checkout has them). Per round: the CPU µs of the publishing (the writes happen inside it)
 * and the socket writes it made; per checkout the medians.
 * `CHATML_ROOT=<a checkout to compare with> bun bench/turn-start-writes.ts` (BENCH_ROUNDS, BENCH_CONVERSATIONS, BENCH_SOCKETS).
 */
import { join } from "node:path";
import { newId, type ConversationId } from "../shared/ids.ts";
import type { Conversation } from "../shared/protocol/model.ts";
import { PROTOCOL_VERSION } from "../shared/protocol/version.ts";
import type { BusMessage } from "../server/core/event-bus.ts";
import { REPO_ROOT } from "../e2e/harness/index.ts";
import { report, round } from "./support/bench-server.ts";
import { serveHub, type HubHandlers } from "../server/test-support/hub-server.ts";
import { percentile } from "./support/proc-stats.ts";

const N = Number(process.env.BENCH_CONVERSATIONS ?? 20);
const S = Number(process.env.BENCH_SOCKETS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const roots = { before: process.env.CHATML_ROOT, after: REPO_ROOT };
if (!roots.before) throw new Error("CHATML_ROOT=<a checkout to compare with> is needed");

type Bus = { publish(message: BusMessage): void; batch?<T>(fn: () => T): T };

const ids: ConversationId[] = Array.from({ length: N }, () => newId("conversation"));
const conversation = (id: ConversationId) =>
  ({ id, sessionId: newId("session"), title: "A conversation", type: "chat", status: "running", statusReason: null, model: "claude-opus-5-5", permissionMode: "default", transport: "stdio", lastSeq: 12, createdAt: 1, updatedAt: 2 }) as unknown as Conversation;

/** A checkout's hub on a real server; S sockets in a child process, the first watching every conversation. */
async function start(root: string) {
  const { EventBus } = (await import(join(root, "server/core/event-bus.ts"))) as { EventBus: new () => Bus };
  const { BrowserHub } = (await import(join(root, "server/ws/browser-hub.ts"))) as { BrowserHub: new (deps: object) => HubHandlers };
  const bus = new EventBus();
  const hub = new BrowserHub({ bus, version: "bench", listEventsAfter: () => [], getConversation: (id: ConversationId) => conversation(id), inFlightDeltas: () => [] });
  let writes = 0;
  const opened: unknown[] = [];
  const server = serveHub(hub, (ws) => {
    // Counts the writes: a send outside a cork, or a cork (whatever it sends inside).
    let isCorked = false;
    const [send, cork] = [ws.send.bind(ws), ws.cork.bind(ws)];
    ws.send = ((text: string) => (isCorked || writes++, send(text))) as typeof ws.send;
    ws.cork = ((fn: (socket: typeof ws) => unknown) => (writes++, (isCorked = true), cork(fn), (isCorked = false))) as unknown as typeof ws.cork;
    opened.push(ws);
  });
  const hello = (subscriptions: ConversationId[]) => JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION, subscriptions: subscriptions.map((conversationId) => ({ conversationId, afterSeq: 12 })) });
  const script = `const hellos = ${JSON.stringify(Array.from({ length: S }, (_, i) => hello(i === 0 ? ids : [])))};
    for (const h of hellos) { const ws = new WebSocket("ws://127.0.0.1:${server.port}/ws"); ws.onopen = () => ws.send(h); ws.onmessage = () => {}; }`;
  const clients = Bun.spawn(["bun", "-e", script], { stdout: "ignore", stderr: "inherit" });
  while (opened.length < S) await Bun.sleep(10);
  await Bun.sleep(200); // every hello and subscription answered
  return { bus, server, clients, writes: () => writes };
}

let seq = 100;
const sequenced = (event: object) => ({ seq: ++seq, at: Date.now(), event }) as never;
/** One conversation's turn start, as its runtime publishes it after the commit of its CLI's first chunk. */
function turnStart(bus: Bus, id: ConversationId): void {
  const message = (role: string) => ({ id: newId("message"), role, parentToolUseId: null, model: null, createdAt: Date.now(), parts: [{ id: newId("part"), kind: "text", text: "stream 50 200 0 assistant-first" }] });
  bus.publish({ kind: "event", conversationId: id, sequenced: sequenced({ type: "message.created", message: message("user") }) });
  bus.publish({ kind: "event", conversationId: id, sequenced: sequenced({ type: "conversation.status.changed", status: "running", reason: null }) });
  bus.publish({ kind: "entity", change: { kind: "conversation", conversation: conversation(id) } });
  bus.publish({ kind: "event", conversationId: id, sequenced: sequenced({ type: "message.created", message: message("assistant") }) });
  const budget = { conversationId: id, limits: { maxCostUsd: null, maxTurns: null, maxThinkingTokens: null }, isOwn: false, totals: { costUsd: 0.12, turns: 3, runs: 2, inputTokens: 1, outputTokens: 2, thinkingTokens: 0 }, exhausted: null };
  bus.publish({ kind: "entity", change: { kind: "budget", budget } as never });
  bus.publish({ kind: "delta", conversationId: id, event: { type: "message.part.delta", messageId: newId("message"), partId: newId("part"), partKind: "text", toolName: null, delta: "1765.1:1|Hello", isReset: false } });
}

const hubs = { before: await start(roots.before), after: await start(roots.after) };
const results: Record<string, { cpuUs: number[]; writes: number[] }> = { before: { cpuUs: [], writes: [] }, after: { cpuUs: [], writes: [] } };
try {
  for (let r = 0; r < ROUNDS + 20; r++) {
    // Each goes first in every other round, so neither has the warmer caches for good.
    for (const [name, hub] of r % 2 ? Object.entries(hubs).reverse() : Object.entries(hubs)) {
      const writesBefore = hub.writes();
      const cpu = process.cpuUsage();
      // A checkout without batches publishes each message on its own, as its runtime did.
      for (const id of ids) {
        if (hub.bus.batch) hub.bus.batch(() => turnStart(hub.bus, id));
        else turnStart(hub.bus, id);
      }
      const used = process.cpuUsage(cpu);
      if (r >= 20) {
        // The first rounds warm the JIT.
        results[name]!.cpuUs.push(used.user + used.system);
        results[name]!.writes.push(hub.writes() - writesBefore);
      }
      await Bun.sleep(5); // the clients read what was written
    }
  }
  const rows = Object.entries(results).map(([checkout, { cpuUs, writes }]) => ({
    checkout,
    [`CPU µs for ${N} turn starts, median`]: round(percentile(cpuUs, 50), 0),
    p90: round(percentile(cpuUs, 90), 0),
    "µs per turn start per socket": round(percentile(cpuUs, 50) / N / S, 1),
    "socket writes per round": round(percentile(writes, 50), 0),
  }));
  report(`browser writes of ${N} turn starts, ${S} sockets (one watching all), ${ROUNDS} rounds each, alternating`, rows, { rows, sockets: S, conversations: N, roots });
} finally {
  for (const hub of Object.values(hubs)) {
    hub.clients.kill();
    void hub.server.stop(true);
  }
}
process.exit(0);
