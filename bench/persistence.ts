/**
 * Persistence: durable events committed to SQLite per second (one transaction per CLI chunk, as the runtime does:
 * 2, 4 and 16 events per chunk), and the database size per 10,000 messages (a user and an assistant message with
 * ~400 characters of text each, as message.created + message.part.updated events). `bun bench/persistence.ts`
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import type { ConversationId } from "../shared/ids.ts";
import type { DurableEvent } from "../shared/protocol/events.ts";
import { openDatabase } from "../server/persistence/db.ts";
import { createRepositories } from "../server/persistence/repositories.ts";
import { startTestServer } from "../server/test-support/test-server.ts";
import { tempDir } from "../e2e/harness/index.ts";
import { api } from "./support/bridge-client.ts";
import { report, round } from "./support/bench-server.ts";

const TEXT = "lorem ipsum dolor sit amet, ".repeat(15);

/** A conversation made through the real API, in a data dir we then open directly. */
async function conversationIn(dataDir: string): Promise<ConversationId> {
  const server = await startTestServer({ claudeBin: "/nonexistent/claude", dataDir });
  const { conversation } = await api<{ conversation: { id: ConversationId } }>({ origin: server.url, token: server.token }, "/api/start", { path: tempDir("chatml-bench-persist-") });
  await server.stop();
  return conversation.id;
}

function messageEvents(n: number): DurableEvent[] {
  const role = n % 2 === 0 ? "user" : "assistant";
  const messageId = `msg_bench${n}` as never;
  const part = { id: `prt_bench${n}` as never, kind: "text" as const, text: `${n} ${TEXT}` };
  return [
    { type: "message.created", message: { id: messageId, role, parentToolUseId: null, model: null, createdAt: Date.now(), parts: [] } },
    { type: "message.part.updated", messageId, part },
  ];
}

const sizeOf = (path: string) => ["", "-wal"].reduce((sum, suffix) => sum + (statSync(path + suffix, { throwIfNoEntry: false })?.size ?? 0), 0);

const dataDir = tempDir("chatml-bench-persist");
const conversationId = await conversationIn(dataDir);
const dbPath = join(dataDir, "chatml.db");
const db = openDatabase(dbPath);
const repos = createRepositories(db);
const rows: Record<string, string | number>[] = [];
let n = 0;
for (const perChunk of [2, 4, 16]) {
  const started = performance.now();
  let events = 0;
  while (performance.now() - started < 3000) {
    const batch: DurableEvent[] = [];
    while (batch.length < perChunk) batch.push(...messageEvents(n++));
    repos.events.appendBatch(conversationId, batch, Date.now());
    events += batch.length;
  }
  rows.push({ measure: `durable events/s, ${perChunk} per transaction`, value: Math.round(events / ((performance.now() - started) / 1000)) });
}
db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
const before = sizeOf(dbPath);
for (let i = 0; i < 10_000; i++) repos.events.appendBatch(conversationId, messageEvents(n++), Date.now());
db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
const perTenThousand = (sizeOf(dbPath) - before) / 1024 / 1024;
rows.push({ measure: "database growth per 10,000 messages (MiB)", value: round(perTenThousand) });
db.close();
report("persistence (bun:sqlite, WAL, synchronous=NORMAL)", rows, { rows });
process.exit(0);
