/**
 * Search with an indexing backlog: `indexed` long answers (~62 KB each, as the paced bench's) already in both search
 * indexes, then `backlog` more stored and not yet indexed, as after a busy stretch of turns (ADR 0047, 0197). Prints
 * the longest event-loop block and the answer time of a search for a word in the newest answer (and one in many, and
 * one in every answer: the index query's order and limit then sort them all), beside a floor: the same searches once
 * the index is up to date. The real repository and schema, a temp file.
 * `bun bench/search-backlog.ts [indexed=200] [backlog=200]`
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newId } from "../shared/ids.ts";
import { openDatabase } from "../server/persistence/db.ts";
import { createRepositories } from "../server/persistence/repositories.ts";

const [indexedCount = 200, backlogCount = 200] = process.argv.slice(2).map(Number);
const ANSWER_CHARS = 62_000;

/** A long answer of plausible words (a vocabulary of ~4,000, so the index has real posting lists), one marker word. */
function answer(seed: number, marker: string): string {
  let x = seed * 2654435761;
  const next = () => ((x = (x * 1103515245 + 12345) >>> 0), x);
  const words: string[] = [marker];
  let length = marker.length;
  while (length < ANSWER_CHARS) {
    const word = `w${(next() % 4000).toString(36)}${["", "ing", "ed", "s"][next() % 4]}`;
    words.push(next() % 17 === 0 ? `${word}.\n` : word);
    length += word.length + 1;
  }
  return words.join(" ");
}

/** Runs `work`, polling the loop every ~1 ms meanwhile: its answer time and the longest the loop was held. */
async function timed<T>(work: () => T | Promise<T>): Promise<{ ms: number; longestBlockMs: number; value: T }> {
  let last = performance.now();
  let longest = 0;
  let done = false;
  const poll = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (!done) setTimeout(poll, 1);
  };
  setTimeout(poll, 1);
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  done = true;
  longest = Math.max(longest, performance.now() - last);
  await new Promise((resolve) => setTimeout(resolve, 5));
  return { ms, longestBlockMs: longest, value };
}

const dir = mkdtempSync(join(tmpdir(), "chatml-bench-search-"));
const db = openDatabase(join(dir, "chatml.db"));
const repos = createRepositories(db);
const workspace = repos.workspaces.create({ path: "/tmp/bench-search" });
const session = repos.sessions.create({ workspaceId: workspace.id, name: "main", cwd: "/tmp/bench-search" });
const conversations = Array.from({ length: 20 }, () => repos.conversations.create({ sessionId: session.id }));
let n = 0;
const store = (count: number) => {
  for (let i = 0; i < count; i++, n++) {
    const message = { id: newId("message"), role: "assistant" as const, parentToolUseId: null, model: null, createdAt: n, parts: [{ id: newId("part"), kind: "text" as const, text: answer(n, `marker${n}`) }] };
    repos.events.appendBatch(conversations[n % 20]!.id, [{ type: "message.created", message }], n);
  }
};
store(indexedCount);
while (repos.search.indexPending(10) > 0);
store(backlogCount);
const newest = `marker${n - 1}`;
const common = "marker39";
/** A word of the vocabulary: in every answer. */
const everywhere = "w1a";
const rows: Record<string, string | number>[] = [];
const round = (ms: number) => Math.round(ms * 10) / 10;
const searchOnce = async (label: string, query: string) => {
  const { ms, longestBlockMs, value } = await timed(() => repos.search.search(query, 20));
  rows.push({ search: label, query, hits: value.length, "answer ms": round(ms), "longest block ms": round(longestBlockMs), "left to index": repos.search.pendingCount() });
};
console.log(`${indexedCount} answers indexed, ${backlogCount} stored after them (~${ANSWER_CHARS / 1000} KB each)`);
await searchOnce("with the backlog", newest);
await searchOnce("with the backlog", common);
await searchOnce("with the backlog", everywhere);
while (repos.search.indexPending(10) > 0);
await searchOnce("floor (index up to date)", newest);
await searchOnce("floor (index up to date)", common);
await searchOnce("floor (index up to date)", everywhere);
console.table(rows);
db.close();
rmSync(dir, { recursive: true, force: true });
