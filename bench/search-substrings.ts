/**
 * The search without spaces (trigram index: CJK, emoji) over long answers, every one of them holding the word searched
 * for: before ADR 0237 its one query read each match's whole text into SQLite's sorter to keep the newest 20; now the
 * order and the limit are taken over row ids and only the hits shown have their text read. Prints the answer time of
 * that search by turns, this checkout's SearchRepo against CHATML_COMPARE's (another checkout, e.g. an archive of
 * main) on the same database, beside a floor measured in the same run: a word in one answer only.
 * `bun bench/search-substrings.ts [answers=400] [rounds=15]` (CHATML_COMPARE=<checkout> for the before figures)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newId } from "../shared/ids.ts";
import { openDatabase } from "../server/persistence/db.ts";
import { createRepositories } from "../server/persistence/repositories.ts";
import { SearchRepo } from "../server/persistence/search-repo.ts";

const [answers = 400, rounds = 15] = process.argv.slice(2).map(Number);
const ANSWER_CHARS = 20_000;
/** Common Han characters: the answers read as CJK text to the trigram tokenizer (~60 KB of UTF-8 each). */
const HAN = Array.from({ length: 2000 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7) % 20000)));

function answer(seed: number): string {
  let x = seed * 2654435761;
  const next = () => ((x = (x * 1103515245 + 12345) >>> 0), x);
  const chars = Array.from({ length: ANSWER_CHARS }, () => HAN[next() % HAN.length]!);
  return `第${seed}次：修复了部署的问题。${chars.join("")}${seed === 7 ? "独一无二的词" : ""}`;
}

const dir = mkdtempSync(join(tmpdir(), "chatml-bench-substrings-"));
const db = openDatabase(join(dir, "chatml.db"));
const repos = createRepositories(db);
const workspace = repos.workspaces.create({ path: "/tmp/bench-substrings" });
const session = repos.sessions.create({ workspaceId: workspace.id, name: "main", cwd: "/tmp/bench-substrings" });
const conversation = repos.conversations.create({ sessionId: session.id });
for (let n = 0; n < answers; n++) {
  const message = { id: newId("message"), role: "assistant" as const, parentToolUseId: null, model: null, createdAt: n, parts: [{ id: newId("part"), kind: "text" as const, text: answer(n) }] };
  repos.events.appendBatch(conversation.id, [{ type: "message.created", message }], n);
}
while (repos.search.indexPending(10) > 0);

type Searcher = { search(text: string, limit: number): Promise<unknown[]> };
const compareRoot = process.env.CHATML_COMPARE;
const Compared = compareRoot ? ((await import(join(compareRoot, "server/persistence/search-repo.ts"))) as { SearchRepo: new (db: unknown) => Searcher }).SearchRepo : null;
const sides: Array<[string, Searcher]> = [["this checkout", new SearchRepo(db)], ...(Compared ? [[`CHATML_COMPARE (${compareRoot})`, new Compared(db)] as [string, Searcher]] : [])];

const times = new Map<string, number[]>();
const timeOne = async (label: string, searcher: Searcher, query: string) => {
  const started = performance.now();
  const hits = await searcher.search(query, 20);
  const ms = performance.now() - started;
  times.set(label, [...(times.get(label) ?? []), ms]);
  return hits.length;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
// By turns: each round runs every side once, in an order that alternates, so a busy minute weighs on both alike.
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? sides : [...sides].reverse();
  for (const [name, searcher] of order) {
    await timeOne(`${name}: 修复了 (in all ${answers})`, searcher, "修复了");
    await timeOne(`${name}: floor, 独一无二 (in one)`, searcher, "独一无二");
  }
}
console.log(`${answers} answers of ~${Math.round((ANSWER_CHARS * 3) / 1000)} KB, all indexed; ${rounds} rounds by turns, 20 hits asked`);
console.table([...times].map(([search, xs]) => ({ search, "median ms": Math.round(median(xs) * 10) / 10, "min ms": Math.round(Math.min(...xs) * 10) / 10 })));
db.close();
rmSync(dir, { recursive: true, force: true });
