/**
 * How many database pages a turn's commits write, and what migrations 0022 and 0025 saved (issue 16's turn start). A
 * WAL commit with `synchronous = NORMAL` syncs nothing, so what it costs is the pages it writes: this appends what 20
 * sends commit (a user message and `running`, with the send's command answer as the message route stores it, ADR
 * 0208), what the CLIs' first lines commit (an empty assistant message) and a turn's end (`ready`) into a real database
 * (server/persistence, the server's pragmas, checkpoints off so the log only grows), and counts the log's new frames
 * per commit (deterministic) and the CPU of each 20, by turns with copies whose schema is put back as it was:
 * - before 0022, the conversation indexes: `conversations_by_status` (no query reads it: the active ones are found by
 *   scanning) and `conversations_by_session` on `session_id, updated_at` (every commit moves `updated_at`, so that
 *   index was rewritten by each); the schema as it is has `session_id` alone;
 * - before 0025, the commands table by rowid with its key and `commands_by_age` beside it (three b-trees a send wrote);
 *   the schema as it is keeps it in its key alone.
 * Also prints which b-trees one commit of each shape wrote. `bun bench/commit-pages.ts` (BENCH_ROUNDS, default 60).
 */
import { readFileSync, statSync } from "node:fs";
import { newId } from "../shared/ids.ts";
import type { DurableEvent } from "../shared/protocol/events.ts";
import { openTempDb, seedConversation } from "../server/persistence/test-support.ts";
import { report } from "./support/bench-server.ts";

const N = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const WARM_ROUNDS = 10;
/** Each variant's schema, as SQL run over the schema as it is. */
const VARIANTS = {
  "indexes before 0022":
    "DROP INDEX conversations_by_session; CREATE INDEX conversations_by_session ON conversations (session_id, updated_at); CREATE INDEX conversations_by_status ON conversations (status);",
  "commands before 0025": `DROP TABLE commands;
    CREATE TABLE commands (conversation_id TEXT NOT NULL, command_id TEXT NOT NULL, result TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (conversation_id, command_id)) STRICT;
    CREATE INDEX commands_by_age ON commands (created_at);`,
  "schema as it is": "",
};
type Variant = keyof typeof VARIANTS;

const message = (role: "user" | "assistant", text: string): DurableEvent => ({
  type: "message.created",
  message: { id: newId("message"), role, parentToolUseId: null, model: role === "user" ? null : "claude", createdAt: 1, parts: [{ id: newId("part"), kind: "text", text }] },
});
const SEND = "send (user message + running, its answer)";
const SHAPES: Record<string, () => DurableEvent[]> = {
  [SEND]: () => [message("user", "stream 1000 200 62 assistant-first"), { type: "conversation.status.changed", status: "running", reason: null }],
  "first line (assistant message)": () => [message("assistant", "")],
  "turn end (ready)": () => [{ type: "conversation.status.changed", status: "ready", reason: null }],
};

function open(variant: Variant) {
  const temp = openTempDb();
  temp.db.run("PRAGMA wal_autocheckpoint = 0");
  if (VARIANTS[variant]) temp.db.exec(VARIANTS[variant]);
  const ids = Array.from({ length: N }, (_, i) => seedConversation(temp.repos, `/tmp/commit-pages-${i}`).conversation.id);
  const pageSize = temp.db.get<{ page_size: number }>("PRAGMA page_size")?.page_size ?? 4096;
  return { temp, ids, pageSize, at: 0, pages: {} as Record<string, number[]>, cpu: {} as Record<string, number[]> };
}
type Db = ReturnType<typeof open>;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const walSize = (db: Db) => statSync(`${db.temp.path}-wal`).size;

/** A send's commit stores its command's answer (a client's command id, a uuid) in the same transaction. */
function answerOf(db: Db, id: string, shape: string): (() => void) | undefined {
  return shape === SEND ? () => void db.temp.repos.commands.remember(id, crypto.randomUUID(), { messageId: newId("message") }) : undefined;
}

function round(db: Db): void {
  for (const [shape, events] of Object.entries(SHAPES)) {
    const before = walSize(db);
    const started = cpuMs();
    for (const id of db.ids) db.temp.repos.events.appendBatch(id, events(), ++db.at, answerOf(db, id, shape));
    (db.cpu[shape] ??= []).push(cpuMs() - started);
    (db.pages[shape] ??= []).push((walSize(db) - before) / (24 + db.pageSize) / db.ids.length);
  }
}

/** The b-trees one commit of each shape wrote (the WAL frames' page numbers, named by `dbstat`). */
function treesWritten(db: Db): Record<string, string> {
  const names = new Map(db.temp.db.all<{ name: string; pageno: number }>("SELECT name, pageno FROM dbstat").map((row) => [row.pageno, row.name]));
  const written: Record<string, string> = {};
  for (const [shape, events] of Object.entries(SHAPES)) {
    const before = walSize(db);
    db.temp.repos.events.appendBatch(db.ids[0]!, events(), ++db.at, answerOf(db, db.ids[0]!, shape));
    const log = readFileSync(`${db.temp.path}-wal`);
    const trees: string[] = [];
    for (let at = Math.max(32, before); at + 24 <= log.length; at += 24 + db.pageSize) trees.push(names.get(log.readUInt32BE(at)) ?? "(a new page)");
    written[shape] = trees.join(", ");
  }
  return written;
}

const variants = Object.keys(VARIANTS) as Variant[];
const dbs = Object.fromEntries(variants.map((variant) => [variant, open(variant)])) as Record<Variant, Db>;
// Each round starts with the next variant, so each runs first, second and last alike.
for (let r = 0; r < ROUNDS + WARM_ROUNDS; r++) for (const variant of [...variants.slice(r % variants.length), ...variants.slice(0, r % variants.length)]) round(dbs[variant]);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const rows: Record<string, string | number>[] = [];
for (const shape of Object.keys(SHAPES)) {
  for (const variant of variants) {
    const db = dbs[variant];
    rows.push({ shape, variant, "pages per commit (mean)": Number(mean(db.pages[shape]!.slice(WARM_ROUNDS)).toFixed(2)), [`CPU ms per ${N} commits (median)`]: Number(median(db.cpu[shape]!.slice(WARM_ROUNDS)).toFixed(3)) });
  }
}
const trees = Object.fromEntries(variants.map((variant) => [variant, treesWritten(dbs[variant])]));
for (const db of Object.values(dbs)) db.temp.cleanup();
report(`commit pages: ${N} conversations, ${ROUNDS} rounds by turns`, rows, { rows, trees });
for (const [variant, written] of Object.entries(trees)) for (const [shape, list] of Object.entries(written)) console.log(`${variant} | ${shape}: ${list}`);
