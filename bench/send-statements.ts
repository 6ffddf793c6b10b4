/**
 * What one send and its short turn cost the server, counted rather than timed (issue 16's turn start): N conversations
 * (20, warm), then ROUNDS rounds in which every conversation is sent a short turn at once (as paced-stalls.ts's 20 sends
 * land together) and the round waits for every turn's end and for the server to settle. Per send: SQLite statements,
 * top-level transactions and the server's CPU ms (sql-counts.ts, preloaded; the counts do not depend on the machine's
 * load, the CPU does), and the statements run most often.
 * `bun bench/send-statements.ts [stdio|sdk-url]` (CHATML_ROOT=<checkout> measures another checkout's server;
 * BENCH_TURN="stream 50 200 0" sends a paced turn instead, the one turn-start-samples.ts times.)
 */
import { openSocket, sendText } from "./support/bridge-client.ts";
import { report, startServerProcess, warmConversations } from "./support/bench-server.ts";
import type { StatementCounts } from "../server/test-support/statement-counter.ts";
import { lastCounts, SQL_COUNTS, SQL_COUNTS_PRELOAD } from "./support/sql-counts.ts";

const N = Number(process.env.BENCH_CONVERSATIONS ?? 20);
const ROUNDS = 3;
const TURN = process.env.BENCH_TURN ?? "stream 5 0 0";
const transport = process.argv[2] === "sdk-url" ? "sdk-url" : "stdio";

const server = await startServerProcess(transport, SQL_COUNTS_PRELOAD);
try {
  const ids = await warmConversations(server, N);
  let completed = 0;
  let onCompleted = () => {};
  const ws = await openSocket(server, ids, (frame) => {
    if (frame.type !== "event" || frame.event.type !== "turn.completed") return;
    completed += 1;
    onCompleted();
  });
  const rounds: StatementCounts[] = [];
  await countsSinceLast(); // the warm-up and the socket's replay are not counted
  for (let round = 0; round < ROUNDS; round++) {
    completed = 0;
    const allCompleted = new Promise<void>((resolve) => (onCompleted = () => completed === ids.length && resolve()));
    await Promise.all(ids.map((id) => sendText(server, id, TURN)));
    await allCompleted;
    await Bun.sleep(1500); // what follows a turn's end (its status, its snapshot) settles
    rounds.push(await countsSinceLast());
  }
  ws.close();
  const rows = rounds.map((counts, round) => ({
    round: round + 1,
    "statements / send": Math.round((10 * counts.statements) / N) / 10,
    "transactions / send": Math.round((10 * counts.transactions) / N) / 10,
    "server CPU ms / send": Math.round((100 * counts.cpuMs) / N) / 100,
  }));
  report(`send statements: ${transport}, ${N} conversations each sent "${TURN}" at once, per send`, rows, { rows, transport, root: process.env.CHATML_ROOT ?? "." });
  const last = rounds.at(-1)!;
  console.log("\nstatements of the last round, per send:");
  for (const [sql, n] of Object.entries(last.bySql).slice(0, 40)) console.log(`${(n / N).toFixed(2).padStart(7)}  ${sql.slice(0, 150)}`);
} finally {
  await server.stop();
}
process.exit(0);

async function countsSinceLast(): Promise<StatementCounts> {
  const before = server.stderr.text.split(SQL_COUNTS).length;
  process.kill(server.pid, "SIGUSR2");
  while (server.stderr.text.split(SQL_COUNTS).length === before || !server.stderr.text.endsWith("\n")) await Bun.sleep(10);
  return lastCounts(server.stderr.text)!;
}
